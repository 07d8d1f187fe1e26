import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { Mailer } from '../../delivery/ports.js';
import { SendFailure, type SendFailureKind } from '../../delivery/send-failure.js';

/** SES message tags allow ASCII letters, digits, `_` and `-`, at most 256 characters. */
export function sesTagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}

const ACCOUNT_ERRORS = new Set([
  'MailFromDomainNotVerifiedException',
  'MailFromDomainNotVerified',
  'AccountSendingPausedException',
  'ConfigurationSetSendingPausedException',
  'ConfigurationSetDoesNotExistException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'AccessDenied',
  'AccessDeniedException',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
  'MissingAuthenticationToken',
  'FromEmailAddressNotVerifiedException',
]);
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Maps an SES (or transport) error to what it means for the send loop. */
export function classifySesError(error: unknown): SendFailureKind {
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const name = e?.name ?? '';
  const message = e?.message ?? '';
  if (/daily message quota exceeded/i.test(message)) return 'quota';
  if (
    /maximum sending rate exceeded/i.test(message) ||
    name === 'Throttling' ||
    name === 'ThrottlingException'
  ) {
    return 'throttled';
  }
  if (ACCOUNT_ERRORS.has(name) || name.startsWith('CredentialsProvider')) return 'account';
  if (name === 'MessageRejected' || name === 'InvalidParameterValue') return 'rejected';
  const code = e?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
  if (code && NOT_SENT_CODES.has(code)) return 'unavailable';
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 400 && status < 500 && status !== 408) return 'rejected';
  return 'unknown';
}

export interface SesMailerOptions {
  configurationSetName?: string;
}

/**
 * The Mailer on Amazon SES (v1 SendRawEmail). Give it a client built with `maxAttempts: 1`: the SDK's own
 * retries would resend after a timeout whose first attempt SES may have accepted; the send loop retries
 * only what is known not to have been sent.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESClient,
    private readonly options: SesMailerOptions = {},
  ) {}

  async sendRaw(input: {
    raw: Uint8Array;
    from: string;
    to: string;
    tags?: Record<string, string>;
  }): Promise<{ messageId: string }> {
    const tags = Object.entries(input.tags ?? {}).map(([name, value]) => ({
      Name: sesTagValue(name),
      Value: sesTagValue(value),
    }));
    try {
      const result = await this.client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: input.raw },
          Source: input.from,
          Destinations: [input.to],
          ConfigurationSetName: this.options.configurationSetName,
          Tags: tags.length > 0 ? tags : undefined,
        }),
      );
      if (!result.MessageId) throw new SendFailure('unknown', 'SES answered without a MessageId');
      return { messageId: result.MessageId };
    } catch (error) {
      if (error instanceof SendFailure) throw error;
      const kind = classifySesError(error);
      const e = error as { name?: string; message?: string };
      throw new SendFailure(kind, `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`, { cause: error });
    }
  }
}

/**
 * An SES client for the send loop: one attempt per call (the loop owns retries), bounded timeouts, and
 * fixed fake credentials for a local emulator (it only checks that a signature is present).
 */
export function createSesClient(options: {
  region: string;
  endpoint?: string;
  localCredentials?: boolean;
  requestTimeoutMs?: number;
}): SESClient {
  return new SESClient({
    region: options.region,
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? 20_000,
      connectionTimeout: 5_000,
      // Without this the handler only logs a warning and keeps waiting.
      throwOnRequestTimeout: true,
    },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.localCredentials ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}
