import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.js';
import { DigestStack } from './digest-stack.js';

/** Reads the validated config from the app's context, adds the stack and the cdk-nag AwsSolutions checks. */
export function defineApp(app: App): DigestStack {
  const config = readConfig((key) => app.node.tryGetContext(key));
  const stack = new DigestStack(app, `Digest-${config.stage}`, {
    config,
    description: `${config.publicationName}: article digests sent through SES (${config.stage})`,
  });
  Tags.of(stack).add('digest:stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
