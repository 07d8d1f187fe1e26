import { randomUUID } from 'node:crypto';
import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { DigestError, InputError } from '../../errors.js';

export interface RemoteSendPayload {
  /** Object keys under the articles prefix; omitted: everything new since the last edition. */
  articles?: string[];
  /** A test send to these addresses only. */
  to?: string[];
  dryRun?: boolean;
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
