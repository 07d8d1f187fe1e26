// The one module that reads environment variables for the local runtime (the CLI and the preview).
import { isAbsolute, join } from 'node:path';
import { editionsBaseUrl } from '../archive/site.js';
import type { PersonalizeContext } from '../email/index.js';
import { defaultTheme } from '../email/index.js';
import { normalizeAddress, type SenderIdentity } from '../email/mime.js';
import { ConfigError } from '../errors.js';

/**
 * DEVELOPMENT ONLY. Signs unsubscribe tokens when DIGEST_HMAC_KEY is not set, so the local main job and
 * tests work out of the box. It is public (it is in the source): sending to real SES with it is refused.
 */
export const DEV_HMAC_KEY = 'digest-dev-only-unsubscribe-key--not-a-secret--set-DIGEST_HMAC_KEY';

/** The shortest HMAC key accepted for real SES: 32 characters, about 190 bits from a random generator. */
export const MIN_HMAC_KEY_LENGTH = 32;

/** The one variable that holds the unsubscribe HMAC key, for every command (send, render, npm start). */
export const hmacKeyFromEnv = (env: NodeJS.ProcessEnv): string | undefined =>
  nonEmpty(env['DIGEST_HMAC_KEY']);

/**
 * Refuses a key anyone could know or guess when mail goes to real SES: with it, anyone could forge
 * unsubscribe links for every reader.
 */
export function assertStrongHmacKey(key: string | undefined): void {
  const make = 'make one with `openssl rand -base64 48` and put it in DIGEST_HMAC_KEY';
  if (!key) throw new ConfigError(`DIGEST_HMAC_KEY must be set to send through real SES: ${make}`);
  if (key === DEV_HMAC_KEY)
    throw new ConfigError(`DIGEST_HMAC_KEY is the public development key, refused for real SES: ${make}`);
  if (key.length < MIN_HMAC_KEY_LENGTH)
    throw new ConfigError(
      `DIGEST_HMAC_KEY is ${key.length} characters, too short for real SES (at least ${MIN_HMAC_KEY_LENGTH}): ${make}`,
    );
}

/** Where the mail goes: the embedded emulator, an emulator (or SES-compatible) endpoint, or real SES. */
export type SesTarget =
  | { kind: 'embedded' }
  | { kind: 'endpoint'; endpoint: string; region: string }
  | { kind: 'aws'; region: string; endpoint?: string };

export interface DeliveryConfig {
  sender: SenderIdentity;
  personalize: PersonalizeContext;
  /** True when unsubscribe tokens are signed with DEV_HMAC_KEY. */
  devHmacKey: boolean;
  /** Base URL of the published web editions (view-in-browser), if any. */
  webBaseUrl?: string;
  configurationSetName?: string;
  subscribersFile: string;
  ledgerFile: string;
  ses: SesTarget;
}

/** Variables read, with their defaults (documented in `digest send --help`). */
export const ENVIRONMENT = {
  DIGEST_FROM: 'sender address (default digest@example.com)',
  DIGEST_FROM_NAME: `sender display name (default "${defaultTheme.publicationName}")`,
  DIGEST_REPLY_TO: 'reply-to address (optional)',
  DIGEST_LIST_ID: 'List-Id (default digest.example.com)',
  DIGEST_UNSUBSCRIBE_URL: 'one-click unsubscribe endpoint (default https://digest.example.com/unsubscribe)',
  DIGEST_UNSUBSCRIBE_MAILTO: 'mailto unsubscribe address (default unsubscribe@example.com)',
  DIGEST_HMAC_KEY:
    'key that signs unsubscribe tokens (default: a public development key; real SES needs 32+ characters)',
  DIGEST_WEB_BASE_URL:
    "base URL of the web editions, for the view-in-browser link (default: DIGEST_ARCHIVE_URL's editions/; neither set: no link)",
  DIGEST_SES_CONFIGURATION_SET: 'SES configuration set name (optional)',
  DIGEST_SES_ENDPOINT: 'SES endpoint URL, e.g. a running aws-ses-v2-local (same as --ses-endpoint)',
  DIGEST_SES_REGION: 'AWS region of real SES (same as --region); credentials come from the AWS SDK chain',
  DIGEST_SUBSCRIBERS: 'subscriber list file (default .digest/subscribers.json)',
  DIGEST_LEDGER: 'send ledger file (default .digest/send-ledger.jsonl)',
  DIGEST_ARCHIVE_URL:
    'public address of the web archive (`digest archive` default http://127.0.0.1:3000/archive/, the preview)',
  DIGEST_SEND_FUNCTION: 'name or ARN of the deployed send-digest function (for --remote; same as --function)',
  DIGEST_AWS_REGION: 'AWS region of the deployed function (for --remote; same as --region)',
} as const;

/** The deployed send-digest function `digest send --remote` invokes: the flag, else the environment. */
export function remoteSendTarget(
  env: NodeJS.ProcessEnv,
  flags: { functionName?: string | undefined; region?: string | undefined },
): { functionName: string | undefined; region: string | undefined } {
  return {
    functionName: nonEmpty(flags.functionName) ?? nonEmpty(env['DIGEST_SEND_FUNCTION']),
    region: nonEmpty(flags.region) ?? nonEmpty(env['DIGEST_AWS_REGION']) ?? nonEmpty(env['AWS_REGION']),
  };
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined;

function httpUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // fall through to the error
  }
  throw new ConfigError(`${name}: expected an http(s) URL, got ${JSON.stringify(value)}`);
}

/**
 * Reads the delivery configuration from the environment and the command's flags (flags win).
 * Real SES is used only when a region is given explicitly (`--region` or DIGEST_SES_REGION), so a
 * machine with AWS credentials lying around never sends real mail by accident.
 */
export function loadDeliveryConfig(
  env: NodeJS.ProcessEnv,
  cwd: string,
  flags: { sesEndpoint?: string; region?: string; subscribers?: string; ledger?: string } = {},
): DeliveryConfig {
  const from = nonEmpty(env['DIGEST_FROM']) ?? 'digest@example.com';
  const fromName = nonEmpty(env['DIGEST_FROM_NAME']) ?? defaultTheme.publicationName;
  const replyTo = nonEmpty(env['DIGEST_REPLY_TO']);
  const listId = nonEmpty(env['DIGEST_LIST_ID']) ?? 'digest.example.com';
  try {
    normalizeAddress(from, 'DIGEST_FROM');
    if (replyTo) normalizeAddress(replyTo, 'DIGEST_REPLY_TO');
  } catch (error) {
    throw new ConfigError((error as Error).message, { cause: error });
  }
  const hmacKey = hmacKeyFromEnv(env);
  const webBase = nonEmpty(env['DIGEST_WEB_BASE_URL']);
  const endpoint = nonEmpty(flags.sesEndpoint) ?? nonEmpty(env['DIGEST_SES_ENDPOINT']);
  const region = nonEmpty(flags.region) ?? nonEmpty(env['DIGEST_SES_REGION']);
  let ses: SesTarget;
  if (region)
    ses = { kind: 'aws', region, ...(endpoint ? { endpoint: httpUrl('--ses-endpoint', endpoint) } : {}) };
  else if (endpoint)
    ses = { kind: 'endpoint', endpoint: httpUrl('--ses-endpoint', endpoint), region: 'us-east-1' };
  else ses = { kind: 'embedded' };
  if (ses.kind === 'aws') assertStrongHmacKey(hmacKey);
  const resolvePath = (path: string) => (isAbsolute(path) ? path : join(cwd, path));
  return {
    sender: { fromAddress: from, fromName, listId, ...(replyTo ? { replyTo } : {}) },
    personalize: {
      unsubscribeBaseUrl: httpUrl(
        'DIGEST_UNSUBSCRIBE_URL',
        nonEmpty(env['DIGEST_UNSUBSCRIBE_URL']) ?? 'https://digest.example.com/unsubscribe',
      ),
      unsubscribeMailto: nonEmpty(env['DIGEST_UNSUBSCRIBE_MAILTO']) ?? 'unsubscribe@example.com',
      hmacKey: hmacKey ?? DEV_HMAC_KEY,
      listId,
    },
    devHmacKey: !hmacKey,
    ...(webBase ? { webBaseUrl: httpUrl('DIGEST_WEB_BASE_URL', webBase) } : {}),
    ...(nonEmpty(env['DIGEST_SES_CONFIGURATION_SET'])
      ? { configurationSetName: nonEmpty(env['DIGEST_SES_CONFIGURATION_SET']) }
      : {}),
    subscribersFile: resolvePath(
      nonEmpty(flags.subscribers) ?? nonEmpty(env['DIGEST_SUBSCRIBERS']) ?? '.digest/subscribers.json',
    ),
    ledgerFile: resolvePath(
      nonEmpty(flags.ledger) ?? nonEmpty(env['DIGEST_LEDGER']) ?? '.digest/send-ledger.jsonl',
    ),
    ses,
  };
}

/**
 * The pinned AWS SDK warns once per process that its 2027 releases need Node 22 (see STACK.md); the
 * warning says nothing about this run, so the CLI turns it off unless the user set the variable.
 */
export function quietAwsSdkNodeWarning(env: NodeJS.ProcessEnv = process.env): void {
  env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}

/**
 * Another trained speaker model for `digest analyze` (cross-validation folds, experiments): the
 * --attribution-weights flag, else DIGEST_ATTRIBUTION_WEIGHTS; undefined means the shipped weights.
 */
export function attributionWeightsPath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): string | undefined {
  const path = nonEmpty(flag) ?? nonEmpty(env['DIGEST_ATTRIBUTION_WEIGHTS']);
  if (!path) return undefined;
  return isAbsolute(path) ? path : join(cwd, path);
}

/** Who is editing, for the edition's record of edits: DIGEST_EDITOR, else the login name. */
export function editorName(env: NodeJS.ProcessEnv, given?: string): string {
  const name = nonEmpty(given) ?? nonEmpty(env['DIGEST_EDITOR']) ?? nonEmpty(env['USER']) ?? 'editor';
  return name.replace(/\s+/g, ' ').trim().slice(0, 80);
}

/** The local preview's default address of the archive (`digest preview` and `npm start` serve it there). */
export const LOCAL_ARCHIVE_URL = 'http://127.0.0.1:3000/archive/';

/** The web archive's settings for local runs: flags win over DIGEST_ARCHIVE_URL and DIGEST_SUBSCRIBE_URL. */
export function localArchiveSettings(
  env: NodeJS.ProcessEnv,
  flags: { baseUrl?: string | undefined; signupUrl?: string | undefined } = {},
): { baseUrl: string; signupUrl?: string } {
  const baseUrl = httpUrl(
    flags.baseUrl ? '--base-url' : 'DIGEST_ARCHIVE_URL',
    nonEmpty(flags.baseUrl) ?? nonEmpty(env['DIGEST_ARCHIVE_URL']) ?? LOCAL_ARCHIVE_URL,
  );
  const signup = nonEmpty(flags.signupUrl) ?? nonEmpty(env['DIGEST_SUBSCRIBE_URL']);
  return {
    baseUrl,
    ...(signup
      ? { signupUrl: httpUrl(flags.signupUrl ? '--signup-url' : 'DIGEST_SUBSCRIBE_URL', signup) }
      : {}),
  };
}

/** Said once by a local command that renders without a view-in-browser link (see `localWebBaseUrl`). */
export const NO_WEB_BASE_URL_NOTE =
  'no "View in your browser" link: no web address for the edition pages is set (set DIGEST_WEB_BASE_URL to where they are served, or DIGEST_ARCHIVE_URL to the web archive\'s address)';

/**
 * Where a local command's view-in-browser link points: DIGEST_WEB_BASE_URL, else the editions of the
 * archive DIGEST_ARCHIVE_URL names. Neither set: undefined, no link rather than one to a preview that
 * may not be running (the command then says NO_WEB_BASE_URL_NOTE once).
 */
export function localWebBaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const web = nonEmpty(env['DIGEST_WEB_BASE_URL']);
  if (web) return httpUrl('DIGEST_WEB_BASE_URL', web);
  const archive = nonEmpty(env['DIGEST_ARCHIVE_URL']);
  return archive ? editionsBaseUrl(httpUrl('DIGEST_ARCHIVE_URL', archive)) : undefined;
}
