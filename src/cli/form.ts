import { parseArgs } from 'node:util';
import { builtTheme } from '../email/built-templates.js';
import { InputError } from '../errors.js';
import { subscribeFormHtml } from '../subscription/pages.js';
import type { Command } from './io.js';
import { stackOutput } from './stack-outputs.js';

const HELP = `Usage: digest form [--endpoint URL]

Prints an HTML signup form to paste into a page: labelled fields with autocomplete, a honeypot, a
plain POST that works without JavaScript (the endpoint answers with its own page).

The endpoint: --endpoint URL, else DIGEST_SUBSCRIBE_URL, else SubscribeUrl in cdk-outputs.json
(\`npx cdk deploy --outputs-file cdk-outputs.json\`; --outputs FILE, --stack NAME pick another).
Without any, the form has a placeholder to replace, and stderr says so.
`;

const PLACEHOLDER = 'https://YOUR-SUBSCRIBE-URL.lambda-url.REGION.on.aws/';

/** `digest form`: the embeddable signup form. */
export const formCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      endpoint: { type: 'string' },
      outputs: { type: 'string' },
      stack: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new InputError('form: takes no arguments (use --endpoint URL)');
  const endpoint =
    values.endpoint ||
    io.env['DIGEST_SUBSCRIBE_URL'] ||
    stackOutput(io.cwd, 'SubscribeUrl', { file: values.outputs, stack: values.stack });
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new InputError(`form: the endpoint is not a URL: ${JSON.stringify(endpoint)}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new InputError(`form: the endpoint must be an http(s) URL, got ${url.protocol}`);
  } else {
    io.stderr.write(
      `form: no endpoint (no --endpoint, DIGEST_SUBSCRIBE_URL or cdk-outputs.json): replace ${PLACEHOLDER} in the form\n`,
    );
  }
  io.stdout.write(
    `${subscribeFormHtml(endpoint ? new URL(endpoint).href : PLACEHOLDER, builtTheme().publicationName)}\n`,
  );
  return 0;
};
