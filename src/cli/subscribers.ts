import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  describeTwins,
  JsonSubscriberStore,
  validSubscriber,
} from '../adapters/local/json-subscriber-store.js';
import { parseSubscriberCsv } from '../adapters/local/subscriber-csv.js';
import { InputError } from '../errors.js';
import { loadDeliveryConfig } from '../settings/local.js';
import type { CliIO, Command } from './io.js';
import { addRemote, countByStatus, exportCsv, importRemote, remoteStore } from './subscribers-remote.js';

const HELP = `Usage: digest subscribers <action> [options]

Actions:
  add EMAIL [--name NAME]     add an active subscriber
  remove EMAIL                remove a subscriber
  list [--json]               print the list (email, status, name)
  import FILE.csv             add everyone in a CSV with a header row "email,name"; invalid rows are
                              reported by line number and skipped, addresses already listed are kept
                              (in any case: Ada@x and ada@x are one reader)
  export                      print the list as CSV with statuses and consent (email,name,status,...)
  count                       totals by status (active, pending, unsubscribed, bounced, complained)

Exit status: 0 done; 2 bad usage or bad input, nothing changed; 3 (import only) the good rows were
imported and the invalid ones reported and skipped.

Options:
  --subscribers FILE          the list (default .digest/subscribers.json, or DIGEST_SUBSCRIBERS)

The deployed list (DynamoDB):
  --remote                    work on the deployed subscribers table instead of the local file
  --table NAME                the table (default DIGEST_SUBSCRIBERS_TABLE, else SubscribersTableName
                              in cdk-outputs.json from \`npx cdk deploy --outputs-file cdk-outputs.json\`)
  --region R                  its AWS region (default DIGEST_AWS_REGION or AWS_REGION)
  --endpoint URL              a DynamoDB endpoint (a local emulator; DIGEST_DYNAMODB_ENDPOINT)
  --outputs FILE, --stack S   another outputs file; which stack in it
  --concurrency N             import: conditional puts in flight (default 16)
  --confirm                   import: add new addresses as pending and send each a confirmation email
                              (paced by --rate N per second, default 10; --subscribe-url or
                              DIGEST_SUBSCRIBE_URL or SubscribeUrl in cdk-outputs.json; the sender as
                              for \`digest send\`: --ses-endpoint URL or --ses-region R, DIGEST_HMAC_KEY
                              must be the deployed key)
  Import never changes an address already on the list (unsubscribed, bounced and complained stay so).
`;

const MAX_CSV_BYTES = 50 * 1024 * 1024;

/** `subscribers import` exit status when it imported the good rows and skipped invalid ones. */
export const IMPORTED_WITH_BAD_ROWS = 3;

/** `digest subscribers add|remove|list|import` over the local JSON subscriber list. */
export const subscribersCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      subscribers: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      remote: { type: 'boolean' },
      table: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      outputs: { type: 'string' },
      stack: { type: 'string' },
      concurrency: { type: 'string' },
      confirm: { type: 'boolean' },
      rate: { type: 'string' },
      'subscribe-url': { type: 'string' },
      'ses-endpoint': { type: 'string' },
      'ses-region': { type: 'string' },
    },
  });
  const [action, ...rest] = positionals;
  if (values.help || !action) {
    io.stdout.write(HELP);
    if (values.help) return 0;
    io.stderr.write('digest: subscribers: no action given (add, remove, list, import, export, count)\n');
    return 2;
  }
  if (values.remote) return remoteCommand(action, rest, values, io);
  if (values.confirm)
    throw new InputError('subscribers import --confirm works on the deployed list: add --remote');
  const config = loadDeliveryConfig(io.env, io.cwd, { subscribers: values.subscribers });
  const store = new JsonSubscriberStore(config.subscribersFile);
  const one = (what: string): string => {
    if (rest.length !== 1) throw new InputError(`subscribers ${action}: expected exactly one ${what}`);
    return rest[0]!;
  };

  switch (action) {
    case 'add': {
      const subscriber = validSubscriber(
        {
          email: one('EMAIL'),
          ...(values.name ? { name: values.name } : {}),
          subscribedAt: new Date().toISOString(),
        },
        'subscribers add',
      );
      const existing = await store.get(subscriber.email);
      if (existing && existing.status !== 'active') {
        throw new InputError(
          `${existing.email} is ${existing.status}; not re-adding someone who left the list (remove them first if they asked to come back)`,
        );
      }
      if (existing) {
        io.stdout.write(`${existing.email} is already subscribed\n`);
        return 0;
      }
      await store.put(subscriber);
      io.stdout.write(`added ${subscriber.email} to ${config.subscribersFile}\n`);
      return 0;
    }
    case 'remove': {
      const email = one('EMAIL');
      // Reads merge twins and writes keep the merge, so this removes every spelling of the address.
      if (!(await store.remove(email)))
        throw new InputError(`${email} is not on the list ${config.subscribersFile}`);
      io.stdout.write(`removed ${email}\n`);
      return 0;
    }
    case 'list': {
      if (rest.length > 0) throw new InputError('subscribers list: takes no arguments');
      const all = [];
      for await (const subscriber of store.list()) all.push(subscriber);
      for (const line of describeTwins(config.subscribersFile, await store.twins()))
        io.stderr.write(`note: ${line}\n`);
      if (values.json) io.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
      else for (const s of all) io.stdout.write(`${s.email}\t${s.status}${s.name ? `\t${s.name}` : ''}\n`);
      if (!values.json) io.stderr.write(`${all.length} subscribers in ${config.subscribersFile}\n`);
      return 0;
    }
    case 'count':
      return countByStatus(store, io);
    case 'export':
      return exportCsv(store, io);
    case 'import': {
      const file = one('FILE.csv');
      const path = isAbsolute(file) ? file : join(io.cwd, file);
      const parsed = readCsv(path, file);
      const added = await store.putMany(parsed.subscribers);
      const already = parsed.subscribers.length - added;
      io.stdout.write(
        `imported ${added} new subscribers from ${file}; ${already} already on the list, ${parsed.duplicates.length} repeated in the file, ${parsed.invalid.length} invalid\n`,
      );
      for (const d of parsed.duplicates)
        io.stderr.write(`${file}:${d.line}: skipped: ${d.email} appears earlier in the file\n`);
      for (const bad of parsed.invalid) io.stderr.write(`${file}:${bad.line}: invalid: ${bad.reason}\n`);
      if (parsed.invalid.length === 0) return 0;
      // Distinguishable on purpose: 3 means the good rows are in, 2 that nothing could be imported.
      return parsed.subscribers.length > 0 ? IMPORTED_WITH_BAD_ROWS : 2;
    }
    default:
      throw new InputError(
        `subscribers: unknown action "${action}" (add, remove, list, import, export, count)`,
      );
  }
};

/** Reads and parses a subscriber CSV; refusals name the file. */
function readCsv(path: string, file: string): ReturnType<typeof parseSubscriberCsv> {
  let text: string;
  try {
    if (statSync(path).size > MAX_CSV_BYTES) throw new InputError(`larger than ${MAX_CSV_BYTES} bytes`);
    const bytes = readFileSync(path);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InputError(`${file}: cannot read the CSV: ${csvReadProblem(error)}`, { cause: error });
  }
  try {
    return parseSubscriberCsv(text, file);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

const positiveInt = (flag: string, value: string | undefined, fallback: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new InputError(`${flag} must be a whole number from 1 to ${max}`);
  return n;
};

/** The same actions on the deployed DynamoDB table. */
async function remoteCommand(
  action: string,
  rest: string[],
  values: Record<string, string | boolean | undefined>,
  io: CliIO,
): Promise<number> {
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const one = (what: string): string => {
    if (rest.length !== 1) throw new InputError(`subscribers ${action}: expected exactly one ${what}`);
    return rest[0]!;
  };
  const known = ['add', 'remove', 'list', 'import', 'export', 'count'];
  if (!known.includes(action))
    throw new InputError(`subscribers: unknown action "${action}" (${known.join(', ')})`);
  const remote = remoteStore(io, {
    table: str('table'),
    region: str('region'),
    endpoint: str('endpoint'),
    outputs: str('outputs'),
    stack: str('stack'),
  });
  try {
    switch (action) {
      case 'add':
        return await addRemote(
          remote.store,
          validSubscriber(
            { email: one('EMAIL'), ...(str('name') ? { name: str('name') } : {}) },
            'subscribers add',
          ),
          io,
        );
      case 'remove': {
        const email = one('EMAIL');
        if (!(await remote.store.remove(email)))
          throw new InputError(`${email} is not on the list ${remote.table}`);
        io.stdout.write(`removed ${email}\n`);
        return 0;
      }
      case 'list': {
        let n = 0;
        for await (const s of remote.store.list()) {
          io.stdout.write(
            values.json
              ? `${JSON.stringify(s)}\n`
              : `${s.email}\t${s.status}${s.name ? `\t${s.name}` : ''}\n`,
          );
          n++;
        }
        io.stderr.write(`${n} subscribers in ${remote.table}\n`);
        return 0;
      }
      case 'count':
        return await countByStatus(remote.store, io);
      case 'export':
        return await exportCsv(remote.store, io);
      default: {
        const file = one('FILE.csv');
        const parsed = readCsv(isAbsolute(file) ? file : join(io.cwd, file), file);
        for (const bad of parsed.invalid) io.stderr.write(`${file}:${bad.line}: invalid: ${bad.reason}\n`);
        for (const d of parsed.duplicates)
          io.stderr.write(`${file}:${d.line}: skipped: ${d.email} appears earlier in the file\n`);
        const result = await importRemote(remote.store, parsed.subscribers, io, {
          concurrency: positiveInt('--concurrency', str('concurrency'), 16, 256),
          confirm: values.confirm === true,
          rate: positiveInt('--rate', str('rate'), 10, 1000),
          subscribeUrl: str('subscribe-url'),
          sesEndpoint: str('ses-endpoint'),
          sesRegion: str('ses-region'),
        });
        io.stdout.write(
          `imported ${result.added} new subscribers into ${remote.table}${values.confirm ? ` as pending (${result.confirmationsSent} confirmations sent)` : ''}; ${result.existing} already on the list (left as they were), ${parsed.duplicates.length} repeated in the file, ${parsed.invalid.length} invalid; ${Math.round(parsed.subscribers.length / result.seconds)} rows/s\n`,
        );
        if (parsed.invalid.length === 0) return 0;
        return parsed.subscribers.length > 0 ? IMPORTED_WITH_BAD_ROWS : 2;
      }
    }
  } finally {
    remote.close();
  }
}

/** The reason a CSV could not be read, in words rather than an errno code. */
function csvReadProblem(error: unknown): string {
  if (error instanceof TypeError) return 'not valid UTF-8';
  if (error instanceof InputError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'file not found';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}
