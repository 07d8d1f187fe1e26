import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { captureIO } from '../helpers/capture-io.js';

describe('digest CLI entry', () => {
  it('prints usage listing every command with --help and exits 0', async () => {
    const io = captureIO();
    const code = await main(['--help'], io);
    expect(code).toBe(0);
    for (const name of ['analyze', 'render', 'preview', 'send', 'subscribers']) {
      expect(io.out()).toContain(`digest ${name}`);
    }
  });

  it('rejects an unknown command with exit 2 and one line naming it', async () => {
    const io = captureIO();
    const code = await main(['frobnicate'], io);
    expect(code).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toContain('"frobnicate"');
  });
});
