// Review mode (issue 13) through the Lambda handlers against local servers: DynamoDB (dynalite), S3
// (s3rver) and SES (aws-ses-v2-local) are real emulators; the SQS stand-in of test/helpers/aws-local.ts
// keeps the approval messages, which the test delivers to send-digest as Lambda would.
// The one mock: the clock (`now`), injected, because deadlines hours away cannot be waited for.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApproveHandler, createApproveServices } from '../../lambdas/approve.js';
import type { RuntimeConfig } from '../../lambdas/config.js';
import { createEditionServices } from '../../lambdas/edition-services.js';
import {
  APPROVAL_STUCK_FIELD,
  createSendDigestHandler,
  REVIEW_OVERDUE_FIELD,
  logger as sendDigestLogger,
} from '../../lambdas/send-digest.js';
import { LEFT_OUT_LOG_FIELD } from '../../src/edition/earlier-edition-check.js';
import { APPROVAL_QUEUE_GRACE_SECONDS } from '../../src/edition/review.js';
import {
  createApproveToken,
  createConfirmToken,
  createUnsubscribeToken,
} from '../../src/email/signed-tokens.js';
import {
  type AwsLocal,
  createTables,
  deployment,
  HMAC_KEY,
  inbox,
  LIST_ID,
  lambdaContext,
  scheduledEvent,
  sqsEvent,
  startAwsLocal,
  subscribe,
  upload,
} from '../helpers/aws-local.js';
import { captureLog } from '../helpers/capture-log.js';

const ARTICLE = readFileSync(
  new URL('../../examples/articles/north-korea-human-rights.txt', import.meta.url),
  'utf8',
);
const SLOT = new Date('2026-12-07T07:00:00Z');
const HOUR = 3600_000;

let local: AwsLocal;
beforeAll(async () => {
  local = await startAwsLocal();
}, 60_000);
afterAll(async () => {
  await local?.close();
});

/** A review-mode deployment with its own tables, readers and editor; `clock.now` is the injected time. */
async function reviewDeployment(name: string, review: Partial<NonNullable<RuntimeConfig['review']>> = {}) {
  const config: RuntimeConfig = {
    ...deployment(local, name),
    review: {
      editors: [`editor@${name}.example`],
      approveUrl: 'https://approve.lambda-url.us-east-1.on.aws/',
      approvalQueueUrl: `${local.endpoints.sqs}/123456789012/approval`,
      linkTtlSeconds: 7 * 24 * 3600,
      reviewAlarmAfterSeconds: 6 * 3600,
      ...review,
    },
  };
  await createTables(local, config);
  await subscribe(local, config, [[`ada@${name}.example`], [`bo@${name}.example`]]);
  await upload(local, config, 'north-korea.txt', ARTICLE);
  const clock = { now: new Date(SLOT.getTime() + 60_000) };
  const now = () => clock.now;
  const edition = createEditionServices(config, local.endpoints, { now });
  const sendDigest = createSendDigestHandler(() => edition);
  const approve = createApproveHandler(() => createApproveServices(config, local.endpoints, { now }));
  const mail = async () => (await inbox(local)).filter((m) => m.to.endsWith(`@${name}.example`));
  const readers = async () => (await mail()).filter((m) => !m.to.startsWith('editor@'));
  // The SQS stand-in keeps every queue's messages; the scenarios run one after another.
  const queuedBefore = local.queued.length;
  const approvals = () => local.queued.slice(queuedBefore).filter((body) => body.includes('editionId'));
  /** Delivers the queued approval messages to send-digest, as the SQS event source would. */
  const deliverApprovals = async (bodies = approvals()) =>
    sendDigest(sqsEvent(bodies) as never, lambdaContext());
  return { config, clock, edition, sendDigest, approve, mail, readers, approvals, deliverApprovals };
}

function urlEvent(method: string, token: string | undefined, body?: string): LambdaFunctionURLEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: token === undefined ? '' : `token=${encodeURIComponent(token)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    ...(token === undefined ? {} : { queryStringParameters: { token } }),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abc',
      domainName: 'approve.lambda-url.us-east-1.on.aws',
      domainPrefix: 'approve',
      http: { method, path: '/', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'phone' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body }),
  } as LambdaFunctionURLEvent;
}

/** Runs `act` with send-digest's log at WARN and returns its result and the WARN lines it logged. */
async function warnings<T>(
  act: () => Promise<T>,
): Promise<{ result: T; warnings: Record<string, unknown>[] }> {
  const { result, lines } = await captureLog(sendDigestLogger, 'WARN', act);
  return { result, warnings: lines.filter((l) => l.level === 'WARN') };
}

/** The approve token in the review copy's link. */
function tokenOf(html: string): string {
  const link = /href="(https:\/\/approve\.lambda-url[^"]+)"/.exec(html)?.[1];
  if (!link) throw new Error('no approve link in the review copy');
  return new URL(link.replace(/&amp;/g, '&')).searchParams.get('token') ?? '';
}

describe('review mode: the schedule drafts, the editors approve', () => {
  it('drafts and mails a review copy to the editors, sends once on approval, and never again', async () => {
    // Prepare
    const d = await reviewDeployment('rv1');

    // Act: the scheduled run
    const drafted = await d.sendDigest(scheduledEvent(SLOT), lambdaContext());

    // Assess: a draft, a review copy to the editor, nothing to the readers
    expect(drafted).toMatchObject({ status: 'drafted', editionId: '2026-12-07', version: 1, editors: 1 });
    const review = await d.mail();
    expect(review.map((m) => m.to)).toEqual(['editor@rv1.example']);
    expect(review[0]!.subject).toMatch(/^\[Review\] /);
    expect(await d.readers()).toEqual([]);
    const token = tokenOf(review[0]!.html);

    // Act: GET shows the draft and a button and changes nothing
    const shown = await d.approve(urlEvent('GET', token));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Approve and send');
    expect(shown.body).toContain('Lefkowitz');
    expect(shown.headers['content-security-policy']).toContain("default-src 'none'");
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
    expect(await d.edition.drafts.state('2026-12-07')).toMatchObject({ status: 'draft', version: 1 });
    expect(d.approvals()).toEqual([]);

    // Act: POST approves and starts the send; the queued approval reaches send-digest
    const approved = await d.approve(urlEvent('POST', token, 'approve=1'));
    expect(approved.statusCode).toBe(200);
    expect(approved.body).toContain('approved and is being sent');
    expect(d.approvals()).toHaveLength(1);
    const sent = (await d.deliverApprovals()) as Array<{ status: string; counts: { sent: number } }>;

    // Assess: both readers got the edition, once
    expect(sent[0]).toMatchObject({ status: 'sent', counts: { sent: 2 } });
    expect((await d.readers()).map((m) => m.to).sort()).toEqual(['ada@rv1.example', 'bo@rv1.example']);
    expect(await d.edition.drafts.state('2026-12-07')).toMatchObject({ status: 'sent' });

    // Act: a second approval, and the approval message delivered again
    const again = await d.approve(urlEvent('POST', token, 'approve=1'));
    await d.deliverApprovals();

    // Assess: nothing more queued or sent
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Already approved');
    expect(d.approvals()).toHaveLength(1);
    expect(await d.readers()).toHaveLength(2);
  }, 60_000);

  it('refuses forged, expired and other-purpose tokens, and a cancelled draft; nothing is sent', async () => {
    // Prepare
    const d = await reviewDeployment('rv2');
    await d.sendDigest(scheduledEvent(SLOT), lambdaContext());
    const token = tokenOf((await d.mail())[0]!.html);
    const [payload, sig] = token.split('.') as [string, string];
    const exp = Math.floor(d.clock.now.getTime() / 1000) + 3600;
    const refused = [
      // forged: another payload under the same signature, and a token signed with another key
      `${Buffer.from(JSON.stringify({ p: 'approve', i: '2026-12-07', v: 2, x: exp })).toString('base64url')}.${sig}`,
      createApproveToken('another-key', { editionId: '2026-12-07', version: 1, expiresAt: exp }),
      `${payload}.${sig.slice(0, -2)}AA`,
      // other purposes: an unsubscribe token and a signup confirmation token from the same key
      createUnsubscribeToken(HMAC_KEY, { email: 'ada@rv2.example', listId: LIST_ID }),
      createConfirmToken(HMAC_KEY, { email: 'ada@rv2.example', listId: LIST_ID, expiresAt: exp, nonce: 'n' }),
    ];

    // Act + Assess: each is refused with 403 on GET and POST
    for (const bad of refused) {
      expect((await d.approve(urlEvent('POST', bad, 'approve=1'))).statusCode).toBe(403);
      expect((await d.approve(urlEvent('GET', bad))).statusCode).toBe(403);
    }
    // expired: the same link eight days later
    d.clock.now = new Date(d.clock.now.getTime() + 8 * 24 * HOUR);
    const expired = await d.approve(urlEvent('POST', token, 'approve=1'));
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('expired');
    d.clock.now = new Date(SLOT.getTime() + 120_000);
    // a body over the cap changes nothing
    expect((await d.approve(urlEvent('POST', token, 'x'.repeat(10_000)))).statusCode).toBe(413);
    // stale: a push makes version 2; the link to version 1 approves nothing
    const found = await d.edition.drafts.load('2026-12-07');
    expect(await d.edition.drafts.replace('2026-12-07', found!.doc, 1, d.clock.now)).toMatchObject({
      version: 2,
    });
    expect((await d.approve(urlEvent('POST', token, 'approve=1'))).statusCode).toBe(409);
    expect(await d.edition.drafts.state('2026-12-07')).toMatchObject({ status: 'draft', version: 2 });
    // cancelled: the editor cancels, then the valid link is used
    await d.edition.drafts.transition('2026-12-07', ['draft'], 'cancelled', { now: d.clock.now });
    const cancelled = await d.approve(urlEvent('POST', token, 'approve=1'));
    expect(cancelled.statusCode).toBe(410);
    expect((await d.approve(urlEvent('GET', token))).statusCode).toBe(410);

    // Assess: nothing approved, queued or sent
    expect(await d.edition.drafts.state('2026-12-07')).toMatchObject({ status: 'cancelled' });
    expect(d.approvals()).toEqual([]);
    expect(await d.readers()).toEqual([]);
  }, 60_000);

  it('sends an unreviewed draft at the autoApproveAfter deadline, not before', async () => {
    // Prepare
    const d = await reviewDeployment('rv3', { autoApproveAfterSeconds: 2 * 3600 });
    await d.sendDigest(scheduledEvent(SLOT), lambdaContext());
    const check = { source: 'review-check' };

    // Act: a check before the deadline
    d.clock.now = new Date(SLOT.getTime() + HOUR);
    const early = await d.sendDigest(check, lambdaContext());

    // Assess: still waiting, nothing sent
    expect(early).toMatchObject({ status: 'waiting', editionId: '2026-12-07', overdue: false });
    expect(await d.readers()).toEqual([]);

    // Act: the check after the deadline, then once more
    d.clock.now = new Date(SLOT.getTime() + 2 * HOUR + 120_000);
    const due = await d.sendDigest(check, lambdaContext());
    const after = await d.sendDigest(check, lambdaContext());

    // Assess: sent once to both readers
    expect(due).toMatchObject({ status: 'auto-approved', result: { status: 'sent', counts: { sent: 2 } } });
    expect(after).toEqual({ status: 'none' });
    expect((await d.readers()).map((m) => m.to).sort()).toEqual(['ada@rv3.example', 'bo@rv3.example']);
  }, 60_000);

  it('warns (the review alarm counts it) when an unapproved draft waits past reviewAlarmAfter', async () => {
    // Prepare
    const d = await reviewDeployment('rv4');
    await d.sendDigest(scheduledEvent(SLOT), lambdaContext());
    const check = (at: number) => {
      d.clock.now = new Date(SLOT.getTime() + at);
      return d.sendDigest({ source: 'review-check' }, lambdaContext());
    };

    // Act: a check at 5 hours, then at 6 hours and a minute
    const before = await warnings(() => check(5 * HOUR));
    const late = await warnings(() => check(6 * HOUR + 120_000));

    // Assess: overdue only after reviewAlarmAfter, with the field the metric filter matches; nothing sent
    expect(before.result).toMatchObject({ status: 'waiting', overdue: false });
    expect(before.warnings).toEqual([]);
    expect(late.result).toMatchObject({ status: 'waiting', overdue: true });
    expect(late.warnings.map((w) => w[REVIEW_OVERDUE_FIELD.name])).toEqual([REVIEW_OVERDUE_FIELD.value]);
    expect(await d.readers()).toEqual([]);
  }, 60_000);

  it('leaves a duplicate upload (the text of an edition already sent) out of the next draft, says so once, and drafts nothing from it again', async () => {
    // Prepare: the edition of 2026-12-07 approved and sent; then the same text uploaded under a new name.
    const d = await reviewDeployment('rv-dup');
    await d.sendDigest(scheduledEvent(SLOT), lambdaContext());
    await d.approve(urlEvent('POST', tokenOf((await d.mail())[0]!.html), 'approve=1'));
    expect(await d.deliverApprovals()).toMatchObject([{ status: 'sent', counts: { sent: 2 } }]);
    await upload(local, d.config, 'north-korea-final.txt', ARTICLE);
    const slot = async (day: number) => {
      const at = new Date(SLOT.getTime() + day * 24 * HOUR);
      d.clock.now = new Date(at.getTime() + 60_000);
      return warnings(() => d.sendDigest(scheduledEvent(at), lambdaContext()));
    };

    // Act: the next two slots
    const next = await slot(1);
    const after = await slot(2);

    // Assess: no draft, no review copy, no refusal; the warning once, not an alarm
    expect(next.result).toMatchObject({
      status: 'nothing-new',
      leftOut: [{ itemKey: `s3:${d.config.articles.prefix}north-korea-final.txt`, reached: 2 }],
    });
    expect(next.warnings.map((w) => w[LEFT_OUT_LOG_FIELD.name])).toEqual([LEFT_OUT_LOG_FIELD.value]);
    expect(after.result).toEqual({ status: 'nothing-new', notes: [] });
    expect(after.warnings).toEqual([]);
    expect(await d.edition.drafts.state('2026-12-08')).toBeUndefined();
    expect((await d.mail()).filter((m) => m.to.startsWith('editor@'))).toHaveLength(1);
    expect(await d.readers()).toHaveLength(2);
  }, 60_000);
});

// A stuck approval: the approve function writes `approved`, then queueing the send fails. The fault is the
// SQS stand-in refusing the message (`local.sqsFaults`, the answer SQS gives for a server-side failure):
// the real handler, SDK client and draft store run; nothing is mocked.
describe('a stuck approval: the status written, the send not queued', () => {
  /** A review deployment whose scheduled run drafted the edition; the approve token of its review copy. */
  const draftedForReview = async (name: string) => {
    const d = await reviewDeployment(name);
    await d.sendDigest(scheduledEvent(SLOT), lambdaContext());
    return { d, token: tokenOf((await d.mail())[0]!.html) };
  };

  it('says so when the queue refuses the send; approving again queues it, and the readers get it once', async () => {
    // Prepare
    const { d, token } = await draftedForReview('rv5');

    // Act: approve while the approval queue refuses the message
    local.sqsFaults.refusals = 1;
    const refused = await d.approve(urlEvent('POST', token, 'approve=1'));

    // Assess: approved, nothing queued, and the approver is told that (not "nothing was approved")
    expect(local.sqsFaults.refusals).toBe(0);
    expect(await d.edition.drafts.state('2026-12-07')).toMatchObject({ status: 'approved' });
    expect(d.approvals()).toEqual([]);
    expect(refused.statusCode).toBe(202);
    expect(refused.body).toContain('queueing its send failed');
    expect(refused.body).toContain('retried');

    // Act: the link opened again, then approve again
    const shown = await d.approve(urlEvent('GET', token));
    const again = await d.approve(urlEvent('POST', token, 'approve=1'));

    // Assess: the page offers to queue the send; the second approval queued it once
    expect(shown.body).toContain('has not started');
    expect(shown.body).toContain('<form method="post"');
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('queued again');
    expect(d.approvals()).toHaveLength(1);

    // Act: the queued approval reaches send-digest
    await d.deliverApprovals();

    // Assess: each reader got the edition once; the edition is sent
    expect((await d.readers()).map((m) => m.to).sort()).toEqual(['ada@rv5.example', 'bo@rv5.example']);
    expect(await d.edition.drafts.state('2026-12-07')).toMatchObject({ status: 'sent' });
  }, 60_000);

  it('a second queue after a successful one (approved twice before send-digest ran) sends each reader once', async () => {
    // Prepare
    const { d, token } = await draftedForReview('rv6');

    // Act: approve (queued), approve again before send-digest took the message (queued again)
    const first = await d.approve(urlEvent('POST', token, 'approve=1'));
    const second = await d.approve(urlEvent('POST', token, 'approve=1'));

    // Assess: two approval messages for the one edition
    expect(first.body).toContain('approved and is being sent');
    expect(second.body).toContain('queued again');
    const [one, two] = d.approvals();
    expect(d.approvals()).toHaveLength(2);
    expect(two).toBe(one);

    // Act: both messages reach send-digest at once (two invocations); a failed invocation's message comes
    // back, as SQS redelivers it; then both messages once more
    const settled = await Promise.allSettled([d.deliverApprovals([one!]), d.deliverApprovals([two!])]);
    const failed = settled.flatMap((r, i) =>
      r.status === 'rejected' ? [{ body: [one!, two!][i]!, r }] : [],
    );
    const redelivered = await Promise.all(failed.map((f) => d.deliverApprovals([f.body])));
    await d.deliverApprovals();

    // Assess: the invocations together sent two mails (a concurrent one that found the readers claimed
    // failed, to be retried, and sent nobody); each reader has the edition exactly once
    expect(failed.map((f) => String((f.r as PromiseRejectedResult).reason))).toEqual(
      failed.map(() => expect.stringMatching(/not sent yet/)),
    );
    const sent = [...settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])), ...redelivered]
      .flat()
      .map((r) => (r as { counts?: { sent: number } }).counts?.sent ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(sent).toBe(2);
    expect((await d.readers()).map((m) => m.to).sort()).toEqual(['ada@rv6.example', 'bo@rv6.example']);
    expect(await d.edition.drafts.state('2026-12-07')).toMatchObject({ status: 'sent' });
  }, 60_000);

  it('the review check queues a stuck approval after the grace period, warns for the alarm, retries a refusal', async () => {
    // Prepare: approved at SLOT + 1 min while the queue refused the send
    const { d, token } = await draftedForReview('rv7');
    local.sqsFaults.refusals = 1;
    expect((await d.approve(urlEvent('POST', token, 'approve=1'))).statusCode).toBe(202);
    const approvedAt = d.clock.now.getTime();
    const check = (afterApproval: number) => {
      d.clock.now = new Date(approvedAt + afterApproval);
      return d.sendDigest({ source: 'review-check' }, lambdaContext());
    };
    const grace = APPROVAL_QUEUE_GRACE_SECONDS * 1000;

    // Act: a check within the grace period
    const early = await warnings(() => check(grace - 60_000));

    // Assess: left alone (a queued send may still be on its way), nothing queued or logged
    expect(early.result).toEqual({ status: 'none' });
    expect(early.warnings).toEqual([]);
    expect(d.approvals()).toEqual([]);

    // Act: a check past the grace period while the queue still refuses
    local.sqsFaults.refusals = 1;
    const refused = check(grace + 60_000);

    // Assess: the check fails (the function's Errors alarm), the edition stays approved for the next check
    await expect(refused).rejects.toThrow(/approval queue refused/);
    expect(await d.edition.drafts.state('2026-12-07')).toMatchObject({ status: 'approved' });
    expect(d.approvals()).toEqual([]);

    // Act: the next check, the queue working again
    const due = await warnings(() => check(grace + 6 * 60_000));

    // Assess: queued once, with the warning the stuck-approval alarm counts
    expect(due.result).toMatchObject({ status: 'requeued', editionId: '2026-12-07' });
    expect(due.warnings.map((w) => w[APPROVAL_STUCK_FIELD.name])).toEqual([APPROVAL_STUCK_FIELD.value]);
    expect(d.approvals()).toHaveLength(1);

    // Act: the message reaches send-digest; a later check
    await d.deliverApprovals();
    const after = await check(grace + 20 * 60_000);

    // Assess: each reader got it once; nothing more to do
    expect((await d.readers()).map((m) => m.to).sort()).toEqual(['ada@rv7.example', 'bo@rv7.example']);
    expect(await d.edition.drafts.state('2026-12-07')).toMatchObject({ status: 'sent' });
    expect(after).toEqual({ status: 'none' });
    expect(d.approvals()).toHaveLength(1);
  }, 60_000);
});
