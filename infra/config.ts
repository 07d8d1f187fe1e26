import ipaddr from 'ipaddr.js';
import { ConfigError } from '../src/errors.js';

/** Every context key the app reads, with the `digest:` prefix used in cdk.json and `-c`. */
export const CONTEXT_KEYS = [
  'stage',
  'senderAddress',
  'senderName',
  'replyTo',
  'identityType',
  'publicationName',
  'postalAddress',
  'scheduleCron',
  'scheduleTimeZone',
  'maxSendRate',
  'articlesPrefix',
  'feedUrl',
  'webBaseUrl',
  'summarySentences',
  'quotesPerArticle',
  'speakerThreshold',
  'maxArticlesPerEdition',
  'listId',
  'directSendThreshold',
  'recipientsPerBatch',
  'alarmEmail',
  'siteOrigin',
  'review',
  'editors',
  'autoApproveAfter',
  'reviewAlarmAfter',
  'archive',
  'domainName',
  'certificateArn',
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** The one typed deployment configuration, validated once in infra/app.ts. */
export interface DigestConfig {
  /** Short lowercase name of the deployment (dev, prod); prefixes nothing physical, tags the stack. */
  stage: string;
  senderAddress: string;
  senderName: string;
  replyTo?: string;
  /** Verify the sender's whole domain (DKIM) or just the single address. */
  identityType: 'domain' | 'email';
  publicationName: string;
  postalAddress: string;
  /** EventBridge cron fields: minute hour day-of-month month day-of-week year. */
  scheduleCron: string;
  /** IANA time zone the cron fields are read in. */
  scheduleTimeZone: string;
  /** The account's SES maximum send rate (messages per second) this deployment may use. */
  maxSendRate: number;
  /** Key prefix in the articles bucket where editors upload articles. */
  articlesPrefix: string;
  /** Optional https feed read at each edition in addition to the bucket. */
  feedUrl?: string;
  /** Optional public https base URL under which the web versions of editions are served. */
  webBaseUrl?: string;
  summarySentences: number;
  quotesPerArticle: number;
  /** Quotes whose speaker confidence is below this show no name; absent: the trained model's own default. */
  speakerThreshold?: number;
  maxArticlesPerEdition: number;
  /** List-Id header value, e.g. weekly.digest.example.com */
  listId: string;
  /** Lists up to this many active subscribers are sent directly by send-digest; larger lists fan out over SQS. */
  directSendThreshold: number;
  /** Recipients per SQS message when fanning out. */
  recipientsPerBatch: number;
  /** Optional address subscribed to the alarm topic. */
  alarmEmail?: string;
  /** Optional origin (https://site.example) of the site embedding the signup form: the only CORS origin. */
  siteOrigin?: string;
  /** `auto`: the schedule sends what it drafted; `approve`: it holds the draft for the editors (issue 13). */
  review: 'auto' | 'approve';
  /** Who gets the review copy with the approve link (required in mode `approve`). */
  editors: string[];
  /** Seconds after drafting at which an unapproved draft is sent anyway; absent: never. */
  autoApproveAfterSeconds?: number;
  /** Seconds an unapproved draft may wait before the review alarm fires (default PT6H). */
  reviewAlarmAfterSeconds: number;
  /** Deploy the public web archive (CloudFront in front of its own bucket); `digest:archive` = off: not. */
  archive: boolean;
  /** Optional custom domain of the archive, with its ACM certificate (us-east-1) by ARN. */
  archiveDomain?: { name: string; certificateArn: string };
}

/**
 * Parses an ISO 8601 duration of days, hours, minutes and seconds (`PT2H`, `P1DT30M`) into seconds;
 * null when it is not one. Years, months and weeks are refused: their length is not fixed.
 */
export function isoDurationSeconds(value: string): number | null {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return null;
  const [, d, h, m, s] = match;
  return Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

const EMAIL =
  /^[^\s@<>()",;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const HEADER_UNSAFE = /[\r\n\0]/;

/** Reads a context value as the CDK CLI gives it (cdk.json keeps types, `-c` always yields strings). */
export type ContextReader = (key: string) => unknown;

function fail(key: ContextKey, problem: string): never {
  throw new ConfigError(`CDK context "digest:${key}": ${problem}`);
}

function optionalString(read: ContextReader, key: ContextKey): string | undefined {
  const value = read(`digest:${key}`);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') fail(key, `expected a string, got ${typeof value}`);
  if (HEADER_UNSAFE.test(value)) fail(key, 'must not contain line breaks or NUL');
  return value.trim();
}

function requiredString(read: ContextReader, key: ContextKey, maxLength = 200): string {
  const value = optionalString(read, key);
  if (value === undefined || value === '') fail(key, 'is required');
  if (value.length > maxLength) fail(key, `longer than ${maxLength} characters`);
  return value;
}

function email(read: ContextReader, key: ContextKey, required: boolean): string | undefined {
  const value = required ? requiredString(read, key) : optionalString(read, key);
  if (value !== undefined && !EMAIL.test(value)) fail(key, `"${value}" is not an email address`);
  return value;
}

function integer(read: ContextReader, key: ContextKey, min: number, max: number, fallback: number): number {
  const raw = read(`digest:${key}`);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value))
    fail(key, `expected an integer, got ${JSON.stringify(raw)}`);
  if (value < min || value > max) fail(key, `${value} is outside ${min}..${max}`);
  return value;
}

/** An optional number from 0 to 1 (a probability), returned as `{ [key]: value }` so absence stays absent. */
function optionalProbability(read: ContextReader, key: 'speakerThreshold'): { speakerThreshold?: number } {
  const raw = read(`digest:${key}`);
  if (raw === undefined || raw === null || raw === '') return {};
  const value = typeof raw === 'string' && /^\s*(?:0|1|0?\.\d+|1\.0*)\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(key, `expected a number from 0 to 1, got ${JSON.stringify(raw)}`);
  if (value < 0 || value > 1) fail(key, `${value} is outside 0..1`);
  return { [key]: value };
}

/** An https URL whose host is a public DNS name or public IP: deployed functions never fetch loopback or private hosts. */
function publicHttpsUrl(read: ContextReader, key: ContextKey): string | undefined {
  const value = optionalString(read, key);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(key, `"${value}" is not a URL`);
  }
  if (url.protocol !== 'https:') fail(key, `must be an https URL, got ${url.protocol}`);
  if (url.username || url.password) fail(key, 'must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    !host.includes('.')
  ) {
    if (!ipaddr.isValid(host)) fail(key, `host "${host}" is not a public DNS name`);
  }
  if (ipaddr.isValid(host) && ipaddr.process(host).range() !== 'unicast') {
    fail(key, `host "${host}" is a ${ipaddr.process(host).range()} address, not a public one`);
  }
  return url.toString();
}

function cronFields(read: ContextReader): string {
  const value = requiredString(read, 'scheduleCron');
  const fields = value.split(/\s+/);
  if (fields.length !== 6) {
    fail(
      'scheduleCron',
      `expected 6 EventBridge cron fields (minute hour day month weekday year), got ${fields.length}`,
    );
  }
  if (!fields.every((field) => /^[0-9A-Za-z*?,/#L-]+$/.test(field))) {
    fail('scheduleCron', `"${value}" contains characters cron does not allow`);
  }
  // EventBridge requires exactly one of day-of-month and day-of-week to be '?'.
  if ((fields[2] === '?') === (fields[4] === '?')) {
    fail('scheduleCron', 'exactly one of day-of-month (field 3) and day-of-week (field 5) must be "?"');
  }
  return fields.join(' ');
}

function timeZone(read: ContextReader): string {
  const value = requiredString(read, 'scheduleTimeZone');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    fail('scheduleTimeZone', `"${value}" is not an IANA time zone`);
  }
  return value;
}

/** Reads and validates the whole configuration; throws ConfigError naming the first bad key. */
export function readConfig(read: ContextReader): DigestConfig {
  const stage = requiredString(read, 'stage', 20);
  if (!/^[a-z][a-z0-9-]*$/.test(stage))
    fail('stage', `"${stage}" must be lowercase letters, digits and dashes`);
  const identityType = optionalString(read, 'identityType') ?? 'domain';
  if (identityType !== 'domain' && identityType !== 'email') {
    fail('identityType', `expected "domain" or "email", got "${identityType}"`);
  }
  const articlesPrefix = requiredString(read, 'articlesPrefix', 100);
  if (!/^[A-Za-z0-9!_.*'()/-]+\/$/.test(articlesPrefix) || articlesPrefix.startsWith('/')) {
    fail('articlesPrefix', `"${articlesPrefix}" must be a relative key prefix ending in "/"`);
  }
  // Rendered editions are written under editions/ in the same bucket (infra/digest-stack.ts).
  if (articlesPrefix.startsWith('editions/'))
    fail('articlesPrefix', 'must not be under "editions/" (rendered editions live there)');
  const listId = requiredString(read, 'listId', 200);
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(listId))
    fail('listId', `"${listId}" is not a dotted list id`);
  const maxSendRate = integer(read, 'maxSendRate', 1, 10_000, 14);
  const directSendThreshold = integer(read, 'directSendThreshold', 0, 100_000, 500);
  return {
    stage,
    senderAddress: email(read, 'senderAddress', true)!,
    senderName: requiredString(read, 'senderName', 100),
    replyTo: email(read, 'replyTo', false),
    identityType,
    publicationName: requiredString(read, 'publicationName', 100),
    postalAddress: requiredString(read, 'postalAddress', 300),
    scheduleCron: cronFields(read),
    scheduleTimeZone: timeZone(read),
    maxSendRate,
    articlesPrefix,
    feedUrl: publicHttpsUrl(read, 'feedUrl'),
    webBaseUrl: publicHttpsUrl(read, 'webBaseUrl'),
    summarySentences: integer(read, 'summarySentences', 2, 4, 3),
    quotesPerArticle: integer(read, 'quotesPerArticle', 0, 10, 3),
    ...optionalProbability(read, 'speakerThreshold'),
    maxArticlesPerEdition: integer(read, 'maxArticlesPerEdition', 1, 20, 10),
    listId,
    directSendThreshold,
    recipientsPerBatch: integer(read, 'recipientsPerBatch', 1, 500, 50),
    alarmEmail: email(read, 'alarmEmail', false),
    siteOrigin: siteOrigin(read),
    ...reviewSettings(read),
    ...archiveSettings(read),
  };
}

/** An optional ISO 8601 duration from 5 minutes to 14 days, in seconds. */
function duration(read: ContextReader, key: 'autoApproveAfter' | 'reviewAlarmAfter'): number | undefined {
  const value = optionalString(read, key);
  if (value === undefined) return undefined;
  const seconds = isoDurationSeconds(value);
  if (seconds === null) fail(key, `"${value}" is not an ISO 8601 duration such as PT2H or P1DT6H`);
  if (seconds < 300 || seconds > 14 * 86_400) fail(key, `${value} is outside PT5M..P14D`);
  return seconds;
}

/** Review mode, the editors who approve, the auto-approve deadline and the alarm delay. */
function reviewSettings(
  read: ContextReader,
): Pick<DigestConfig, 'review' | 'editors' | 'autoApproveAfterSeconds' | 'reviewAlarmAfterSeconds'> {
  const review = optionalString(read, 'review') ?? 'auto';
  if (review !== 'auto' && review !== 'approve')
    fail('review', `expected "auto" or "approve", got "${review}"`);
  const raw = read('digest:editors');
  let editors: string[] = [];
  if (raw !== undefined && raw !== null && raw !== '') {
    // `-c digest:editors=a@x,b@y` gives a string; cdk.json may hold a list.
    const list = typeof raw === 'string' ? raw.split(',') : raw;
    if (!Array.isArray(list) || !list.every((e) => typeof e === 'string'))
      fail('editors', 'expected a list of email addresses');
    editors = (list as string[]).map((e) => e.trim()).filter((e) => e !== '');
    const bad = editors.find((e) => !EMAIL.test(e) || HEADER_UNSAFE.test(e));
    if (bad !== undefined) fail('editors', `"${bad}" is not an email address`);
    if (editors.length > 20) fail('editors', `${editors.length} addresses; at most 20`);
  }
  if (review === 'approve' && editors.length === 0)
    fail('editors', 'is required when "digest:review" is "approve" (who gets the review copy?)');
  const autoApproveAfterSeconds = duration(read, 'autoApproveAfter');
  const reviewAlarmAfterSeconds = duration(read, 'reviewAlarmAfter') ?? 6 * 3600;
  if (autoApproveAfterSeconds !== undefined && review !== 'approve')
    fail('autoApproveAfter', 'only applies when "digest:review" is "approve"');
  return {
    review,
    editors,
    ...(autoApproveAfterSeconds !== undefined ? { autoApproveAfterSeconds } : {}),
    reviewAlarmAfterSeconds,
  };
}

/** `digest:archive` (on|off, default on), and the optional custom domain with its certificate. */
function archiveSettings(read: ContextReader): Pick<DigestConfig, 'archive' | 'archiveDomain'> {
  const archive = optionalString(read, 'archive') ?? 'on';
  if (archive !== 'on' && archive !== 'off') fail('archive', `expected "on" or "off", got "${archive}"`);
  const name = optionalString(read, 'domainName');
  const certificateArn = optionalString(read, 'certificateArn');
  if (name === undefined && certificateArn === undefined) return { archive: archive === 'on' };
  if (archive === 'off') fail('domainName', 'is set but digest:archive is off');
  if (name === undefined) fail('domainName', 'is required with digest:certificateArn');
  if (certificateArn === undefined)
    fail(
      'certificateArn',
      `is required with digest:domainName (an ACM certificate in us-east-1 for ${name})`,
    );
  if (!/^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(name))
    fail('domainName', `"${name}" is not a lowercase DNS name such as news.example.org`);
  if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/.test(certificateArn))
    fail(
      'certificateArn',
      `"${certificateArn}" is not an ACM certificate ARN in us-east-1 (CloudFront only uses certificates there)`,
    );
  return { archive: true, archiveDomain: { name, certificateArn } };
}

/** The signup form's site: an https origin only (no path), so CORS allows exactly that site. */
function siteOrigin(read: ContextReader): string | undefined {
  const url = publicHttpsUrl(read, 'siteOrigin');
  if (url === undefined) return undefined;
  const parsed = new URL(url);
  if (parsed.pathname !== '/' || parsed.search || parsed.hash)
    fail('siteOrigin', `must be an origin such as https://news.example.org, without a path, got ${url}`);
  return parsed.origin;
}
