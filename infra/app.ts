import { App } from 'aws-cdk-lib';
import { DigestError } from '../src/errors.js';
import { defineApp } from './define-app.js';

// The CDK app entry (cdk.json "app"): one validated config, one stack, cdk-nag on every synth.
const app = new App();
try {
  defineApp(app);
} catch (error) {
  if (!(error instanceof DigestError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
app.synth();
