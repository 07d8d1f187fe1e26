import { randomUUID } from 'node:crypto';
import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { alreadyWentOut, type EarlierEdition } from '../../delivery/earlier-edition.js';
import { SENT_AS_ANOTHER_EDITION } from '../../edition/earlier-edition-check.js';
import { DigestError, InputError } from '../../errors.js';

export interface RemoteSendPayload {
  /** Object keys under the articles prefix; omitted: everything new since the last edition. */
  articles?: string[];
  /** A test send to these addresses only. */
  to?: string[];
  dryRun?: boolean;
  /** Run the edition again although it was already sent or queued (`already-sent`). */
  force?: boolean;
  /** Send these articles although they already went out under another digest id. */
  newEdition?: boolean;
}

export interface RemoteSendOptions {
  functionName: string;
  region?: string;
  payload: RemoteSendPayload;
  /** For tests and local endpoints only. */
  endpoint?: string;
  client?: LambdaClient;
}

/**
 * `digest send --remote`: invokes the deployed send-digest function synchronously with the caller's AWS
 * credentials and returns its result (the EditionResult JSON). Each call carries a fresh idempotency key,
 * so SDK retries of one call never start two editions. Throws DigestError with the function's message when
 * it fails.
 */
export async function invokeRemoteSend(options: RemoteSendOptions): Promise<Record<string, unknown>> {
  if (!options.functionName)
    throw new InputError('send --remote: the function name is required (--function NAME)');
  const client =
    options.client ??
    new LambdaClient({
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      // Synchronous sends can take minutes; the default socket timeout would abort them.
      requestHandler: { requestTimeout: 15 * 60_000 },
    });
  const payload = {
    source: 'remote',
    idempotencyKey: `remote:${randomUUID()}`,
    ...(options.payload.articles?.length ? { articles: options.payload.articles } : {}),
    ...(options.payload.to?.length ? { to: options.payload.to } : {}),
    ...(options.payload.dryRun ? { dryRun: true } : {}),
    ...(options.payload.force ? { force: true } : {}),
    ...(options.payload.newEdition ? { newEdition: true } : {}),
  };
  let response: InvokeCommandOutput;
  try {
    response = await client.send(
      new InvokeCommand({
        FunctionName: options.functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(payload)),
      }),
    );
  } catch (error) {
    const e = error as { name?: string; message?: string };
    throw new DigestError(
      `send --remote: invoking ${options.functionName} failed: ${e.name ?? 'Error'}: ${e.message ?? error}`,
      {
        cause: error,
      },
    );
  }
  const text = response.Payload ? new TextDecoder().decode(response.Payload) : '';
  let body: Record<string, unknown>;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch (error) {
    throw new DigestError(`send --remote: ${options.functionName} answered with non-JSON output`, {
      cause: error,
    });
  }
  if (response.FunctionError) {
    const message = typeof body.errorMessage === 'string' ? body.errorMessage : response.FunctionError;
    throw new DigestError(`send --remote: ${options.functionName} failed: ${message}`);
  }
  if (body.error && typeof body.error === 'string') {
    throw new DigestError(`send --remote: ${options.functionName} refused the request: ${body.error}`);
  }
  return body;
}

/**
 * The exit status of `digest send --remote` for the function's answer: 1 with one line saying why when
 * the function sent nothing because the edition already went out (`already-sent`, same articles and
 * date) or its articles did under another digest id (`sent-as-another-edition`), so a script never
 * takes a refusal for a send; 0 otherwise.
 */
export function remoteSendOutcome(result: Record<string, unknown>): { exitCode: 0 | 1; message?: string } {
  const notes = Array.isArray(result.notes) ? result.notes.filter((n) => typeof n === 'string') : [];
  const why = notes.at(-1) ?? '';
  if (result.status === 'already-sent')
    return {
      exitCode: 1,
      message: `send --remote: nothing sent: ${why || `edition ${String(result.digestId)} was already sent or queued`}; pass --force to run it again (the ledger still skips everyone who has it)`,
    };
  if (result.status === SENT_AS_ANOTHER_EDITION && isEarlier(result.earlier))
    return {
      exitCode: 1,
      message: `send --remote: nothing sent: ${alreadyWentOut(result.earlier)}; pass --new-edition to send them again as a new edition`,
    };
  return { exitCode: 0 };
}

function isEarlier(value: unknown): value is Omit<EarlierEdition, 'articleIds'> {
  const e = value as Partial<EarlierEdition> | null;
  return !!e && typeof e.digestId === 'string' && typeof e.date === 'string' && typeof e.reached === 'number';
}
