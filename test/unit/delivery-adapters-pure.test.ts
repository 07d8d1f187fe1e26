import { describe, expect, it } from 'vitest';
import { classifySesError, sesTagValue } from '../../src/adapters/aws/ses-mailer.js';
import { parseCsv, parseSubscriberCsv } from '../../src/adapters/local/subscriber-csv.js';
import { ConfigError } from '../../src/errors.js';
import { DEV_HMAC_KEY, loadDeliveryConfig } from '../../src/settings/local.js';

describe('classifySesError', () => {
  it.each([
    [{ name: 'Throttling', message: 'Maximum sending rate exceeded.' }, 'throttled'],
    [{ name: 'Throttling', message: 'Daily message quota exceeded.' }, 'quota'],
    [{ name: 'MessageRejected', message: 'Email address is not verified.' }, 'rejected'],
    [{ name: 'MailFromDomainNotVerifiedException', message: 'x' }, 'account'],
    [{ name: 'AccountSendingPausedException', message: 'x' }, 'account'],
    [
      { name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' },
      'account',
    ],
    [{ name: 'CredentialsProviderError', message: 'Could not load credentials' }, 'account'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'unavailable'],
    [{ name: 'TimeoutError', message: 'socket hang up' }, 'unknown'],
    [{ name: 'InternalFailure', message: 'x', $metadata: { httpStatusCode: 500 } }, 'unknown'],
  ])('classifies %o as %s', (error, kind) => {
    expect(classifySesError(error)).toBe(kind);
  });
});

describe('sesTagValue', () => {
  it('keeps only the characters SES allows in a tag value', () => {
    expect(sesTagValue('ann.o+news@example.com')).toBe('ann_o_news_example_com');
    expect(sesTagValue('d00121ec50c832b2')).toBe('d00121ec50c832b2');
    expect(sesTagValue('x'.repeat(300))).toHaveLength(256);
    expect(sesTagValue('')).toBe('_');
  });
});

describe('subscriber CSV', () => {
  it('parses quoted fields, doubled quotes and CRLF', () => {
    expect(parseCsv('email,name\r\n"a@example.com","Doe, ""J"""\r\n').map((r) => r.fields)).toEqual([
      ['email', 'name'],
      ['a@example.com', 'Doe, "J"'],
    ]);
  });

  it('reports invalid rows by line number and skips repeats', () => {
    const csv =
      'email,name\nann@example.com,Ann\nnot-an-address,X\nANN@example.com,Again\nünï@example.com,Y\n';
    const result = parseSubscriberCsv(csv, 'list.csv');
    expect(result.subscribers.map((s) => s.email)).toEqual(['ann@example.com']);
    expect(result.invalid.map((i) => i.line)).toEqual([3, 5]);
    expect(result.invalid[1]?.reason).toMatch(/non-ASCII local part/);
    expect(result.duplicates).toEqual([{ line: 4, email: 'ANN@example.com' }]);
  });

  it('needs a header with an email column', () => {
    expect(() => parseSubscriberCsv('ann@example.com,Ann\n', 'list.csv')).toThrow(
      /header with an "email" column/,
    );
  });
});

describe('loadDeliveryConfig', () => {
  it('uses the embedded SES and the labelled development key when nothing is configured', () => {
    const config = loadDeliveryConfig({}, '/work');
    expect(config.ses).toEqual({ kind: 'embedded' });
    expect(config.devHmacKey).toBe(true);
    expect(config.personalize.hmacKey).toBe(DEV_HMAC_KEY);
    expect(config.ledgerFile).toBe('/work/.digest/send-ledger.jsonl');
  });

  it('targets real SES only with an explicit region, and then requires a real HMAC key', () => {
    expect(() => loadDeliveryConfig({}, '/w', { region: 'eu-west-1' })).toThrow(ConfigError);
    const config = loadDeliveryConfig({ DIGEST_HMAC_KEY: 'k'.repeat(32) }, '/w', { region: 'eu-west-1' });
    expect(config.ses).toEqual({ kind: 'aws', region: 'eu-west-1' });
    expect(loadDeliveryConfig({ AWS_REGION: 'eu-west-1' }, '/w').ses.kind).toBe('embedded');
  });

  it('rejects a bad sender address or endpoint with a ConfigError', () => {
    expect(() => loadDeliveryConfig({ DIGEST_FROM: 'digest@exa\nmple.com' }, '/w')).toThrow(ConfigError);
    expect(() => loadDeliveryConfig({}, '/w', { sesEndpoint: 'ftp://x' })).toThrow(/--ses-endpoint/);
  });
});
