// Fault 7 of issue 11 (weak HMAC keys for real SES) and the loose end of two names for one key.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { SAMPLE } from '../../src/cli/render.js';
import { verifyUnsubscribeToken } from '../../src/email/signed-tokens.js';
import { ConfigError } from '../../src/errors.js';
import { DEV_HMAC_KEY, loadDeliveryConfig } from '../../src/settings/local.js';
import { captureIO } from '../helpers/capture-io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTICLE = join(ROOT, 'examples/articles/north-korea-human-rights.txt');
const STRONG = 'Jq3v6b0rX1yZkP2sT8wL4nC7eH9aM5dF';

describe('HMAC keys for real SES (issue 11)', () => {
  it('fault 7: real SES refuses the public development key and keys under 32 characters, with or without an endpoint override', () => {
    // Prepare
    const weak = [DEV_HMAC_KEY, 'k', 'x'.repeat(31)];
    const targets = [{ region: 'eu-west-1' }, { region: 'eu-west-1', sesEndpoint: 'http://127.0.0.1:9' }];
    for (const flags of targets) {
      for (const key of weak) {
        // Act / Assess
        expect(() => loadDeliveryConfig({ DIGEST_HMAC_KEY: key }, '/w', flags)).toThrow(ConfigError);
        expect(() => loadDeliveryConfig({ DIGEST_HMAC_KEY: key }, '/w', flags)).toThrow(
          /DIGEST_HMAC_KEY .*make one with `openssl rand -base64 48`/,
        );
      }
      expect(loadDeliveryConfig({ DIGEST_HMAC_KEY: STRONG }, '/w', flags).ses.kind).toBe('aws');
    }
    // The development key stays fine locally (embedded SES, an emulator endpoint).
    expect(loadDeliveryConfig({ DIGEST_HMAC_KEY: 'k' }, '/w').ses.kind).toBe('embedded');
    expect(loadDeliveryConfig({}, '/w', { sesEndpoint: 'http://127.0.0.1:9' }).ses.kind).toBe('endpoint');
  });

  it('fault 7: `digest send --region` with a one-character key exits 2 with one line saying how to make a key, before any send', async () => {
    // Prepare
    const io = captureIO({ env: { DIGEST_HMAC_KEY: 'k' } });
    // Act
    const code = await main(['send', ARTICLE, '--region', 'eu-west-1'], io);
    // Assess
    expect(code).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(
      /^digest: DIGEST_HMAC_KEY is 1 characters, too short for real SES \(at least 32\): make one with/,
    );
  });

  it('loose end: `digest render` signs the sample unsubscribe link with DIGEST_HMAC_KEY, the variable every command uses', async () => {
    // Prepare
    const out = mkdtempSync(join(tmpdir(), 'digest-render-key-'));
    const io = captureIO({ env: { DIGEST_HMAC_KEY: STRONG, DIGEST_UNSUBSCRIBE_KEY: 'old-name' } });
    try {
      // Act
      const code = await main(['render', ARTICLE, '--out', out], io);
      // Assess
      expect(code, io.err()).toBe(0);
      const eml = readFileSync(join(out, 'digest.eml'), 'utf8');
      const token =
        /unsubscribe\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(eml)?.[1] ??
        /[?&]t(?:oken)?=([A-Za-z0-9_.-]+)/.exec(eml)?.[1];
      expect(token).toBeDefined();
      expect(verifyUnsubscribeToken(STRONG, token)).toEqual({
        email: SAMPLE.recipient.email,
        listId: SAMPLE.listDomain,
      });
      expect(io.err()).toContain(
        'note: DIGEST_UNSUBSCRIBE_KEY is not read; the unsubscribe key is DIGEST_HMAC_KEY',
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
