// `digest edition pull|push|approve|cancel --remote` against the local servers (dynalite, s3rver,
// aws-ses-v2-local, the SQS stand-in): a deployed draft pulled, edited, pushed, approved and delivered with
// the edit; a stale push refused. The scheduled run and the approved send go through the real handlers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../../lambdas/config.js';
import { createEditionServices } from '../../lambdas/edition-services.js';
import { createSendDigestHandler } from '../../lambdas/send-digest.js';
import { main } from '../../src/cli/index.js';
import {
  type AwsLocal,
  createTables,
  deployment,
  inbox,
  lambdaContext,
  scheduledEvent,
  sqsEvent,
  startAwsLocal,
  subscribe,
  upload,
} from '../helpers/aws-local.js';
import { captureIO } from '../helpers/capture-io.js';

const ARTICLE = readFileSync(
  new URL('../../examples/articles/north-korea-human-rights.txt', import.meta.url),
  'utf8',
);
const SLOT = new Date(Date.now() - 60_000);

let local: AwsLocal;
let dir: string;
beforeAll(async () => {
  local = await startAwsLocal();
  dir = mkdtempSync(join(tmpdir(), 'digest-edition-remote-'));
}, 60_000);
afterAll(async () => {
  await local?.close();
});

describe('digest edition --remote', () => {
  it('pull, edit, push, approve: delivered with the edit; a stale push is refused', async () => {
    // Prepare: a review-mode deployment whose schedule has drafted an edition
    const base = deployment(local, 'cli1');
    const config: RuntimeConfig = {
      ...base,
      // The CLI finds drafts under the deployed prefix (editions/ in AWS).
      webArchive: { ...base.webArchive, prefix: 'editions/' },
      review: {
        editors: ['editor@cli1.example'],
        approveUrl: 'https://approve.lambda-url.us-east-1.on.aws/',
        approvalQueueUrl: `${local.endpoints.sqs}/123456789012/approval`,
        linkTtlSeconds: 3600,
        reviewAlarmAfterSeconds: 6 * 3600,
      },
    };
    await createTables(local, config);
    await subscribe(local, config, [['ada@cli1.example'], ['bo@cli1.example']]);
    await upload(local, config, 'north-korea.txt', ARTICLE);
    const sendDigest = createSendDigestHandler(() => createEditionServices(config, local.endpoints));
    const drafted = (await sendDigest(scheduledEvent(SLOT), lambdaContext())) as { editionId: string };
    const id = drafted.editionId;
    const queuedBefore = local.queued.length;
    const run = async (args: string[]) => {
      const io = captureIO({
        cwd: dir,
        env: {
          DIGEST_DYNAMODB_ENDPOINT: local.endpoints.dynamodb!,
          DIGEST_S3_ENDPOINT: local.endpoints.s3!,
          DIGEST_SQS_ENDPOINT: local.endpoints.sqs!,
          DIGEST_EDITIONS_TABLE: config.tables.editions,
          DIGEST_ARTICLES_BUCKET: config.articles.bucket,
          DIGEST_APPROVAL_QUEUE: config.review!.approvalQueueUrl,
          DIGEST_EDITOR: 'Ed',
        },
      });
      const code = await main(['edition', ...args], io);
      return { code, out: io.out(), err: io.err() };
    };

    // Act: two editors pull; the first edits the subject and pushes
    const first = await run(['pull', '--remote', id, '--out', 'mine.json']);
    const second = await run(['pull', '--remote', id, '--out', 'theirs.json']);
    expect(first).toMatchObject({ code: 0 });
    expect(second).toMatchObject({ code: 0 });
    const mine = JSON.parse(readFileSync(join(dir, 'mine.json'), 'utf8')) as {
      subject: string;
      version: number;
    };
    expect(mine.version).toBe(1);
    writeFileSync(
      join(dir, 'mine.json'),
      JSON.stringify({ ...mine, subject: 'Edited by hand: North Korea' }),
    );
    const pushed = await run(['push', '--remote', 'mine.json']);

    // Assess: version 2 on the deployment
    expect(pushed).toMatchObject({ code: 0, out: `draft ${id}: pushed as version 2\n` });

    // Act: the second editor pushes a copy of version 1
    const theirs = JSON.parse(readFileSync(join(dir, 'theirs.json'), 'utf8')) as { subject: string };
    writeFileSync(join(dir, 'theirs.json'), JSON.stringify({ ...theirs, subject: 'Another subject' }));
    const stale = await run(['push', '--remote', 'theirs.json']);

    // Assess: refused with one line, the deployed draft unchanged
    expect(stale.code).toBe(1);
    expect(stale.err.trim().split('\n')).toHaveLength(1);
    expect(stale.err).toContain('is draft at version 2, your copy was pulled at version 1; nothing pushed');

    // Act: approve; the approval message reaches send-digest as the SQS event source delivers it
    const approved = await run(['approve', '--remote', id]);
    const approvals = local.queued.slice(queuedBefore).filter((body) => body.includes('editionId'));
    await sendDigest(sqsEvent(approvals) as never, lambdaContext());
    const again = await run(['approve', '--remote', id]);

    // Assess: delivered once to each reader, with the edited subject
    expect(approved).toMatchObject({ code: 0 });
    expect(approvals).toHaveLength(1);
    expect(again.out).toContain('already sent; nothing started');
    const readers = (await inbox(local)).filter(
      (m) => m.to.endsWith('@cli1.example') && !m.to.startsWith('editor@'),
    );
    expect(readers.map((m) => m.to).sort()).toEqual(['ada@cli1.example', 'bo@cli1.example']);
    expect(readers.map((m) => m.subject)).toEqual([
      'Edited by hand: North Korea',
      'Edited by hand: North Korea',
    ]);

    // A sent draft cannot be cancelled, and pull/push without --remote is refused in one line
    expect((await run(['cancel', '--remote', id])).code).toBe(2);
    const local1 = await run(['push', 'mine.json']);
    expect(local1).toMatchObject({
      code: 2,
      err: 'digest: edition push works on the deployed drafts: add --remote\n',
    });
  }, 60_000);
});
