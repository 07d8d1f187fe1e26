import { digestMessages } from '../delivery/digest-messages.js';
import { sendDigest } from '../delivery/send-digest.js';
import { createApproveToken } from '../email/signed-tokens.js';
import type { Rendered } from '../email/types.js';
import { DigestError } from '../errors.js';
import type { EditionDocument } from './document.js';
import { type LeftOutArticle, leaveOutAlreadySent } from './earlier-edition-check.js';
import type { DraftState, DraftStore } from './ports.js';
import { renderDocument } from './render.js';
import {
  collectNewArticles,
  draftArticles,
  type EditionDependencies,
  type EditionResult,
  type EditionSettings,
  editionRenderSettings,
  runEdition,
} from './run.js';

/** Review mode's settings (issue 13): who reviews, where the approve link points, the deadlines. */
export interface ReviewSettings {
  editors: string[];
  /** The public approve endpoint (the Approve Function URL). */
  approveUrl: string;
  /** How long an approve link works. */
  linkTtlSeconds: number;
  autoApproveAfterSeconds?: number;
  reviewAlarmAfterSeconds: number;
}

export interface ReviewDependencies {
  edition: EditionDependencies;
  drafts: DraftStore;
}

/** The subject marker of a review copy. */
export const REVIEW_MARKER = '[Review]';

export type ReviewResult =
  | {
      status: 'drafted';
      editionId: string;
      version: number;
      editors: number;
      notes: string[];
      leftOut?: LeftOutArticle[];
    }
  | { status: 'already-drafted'; editionId: string; version: number; draftStatus: DraftState['status'] }
  | EditionResult;

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The approve link of one draft version, signed with the deployment's HMAC key. */
export function approveLink(
  approveUrl: string,
  key: string,
  claims: { editionId: string; version: number; expiresAt: number },
): string {
  const url = new URL(approveUrl);
  url.searchParams.set('token', createApproveToken(key, claims));
  return url.toString();
}

/**
 * A review copy: "[Review]" before the subject and a banner with the approve link at the top of the HTML
 * and the text, so nobody takes it for the edition and the editor can approve it from the mail.
 */
export function markReview(rendered: Rendered, link: string, deadline: string | undefined): Rendered {
  const when = deadline
    ? `Unless it is approved or cancelled, it goes out at ${deadline}.`
    : 'It does not go out until it is approved.';
  const line = `REVIEW COPY: subscribers have not received this edition. ${when}`;
  const banner = `<div role="note" data-review-banner style="background:#e7f1ff;color:#0b2e59;border:2px solid #1d4f91;padding:12px 16px;font:15px/1.4 Arial,sans-serif;text-align:center;"><strong>${escapeHtml(line)}</strong><br><a href="${escapeHtml(link)}" style="color:#0b2e59;font-weight:bold">Review and approve</a></div>`;
  const body = /<body[^>]*>/i.exec(rendered.html);
  const html = body
    ? `${rendered.html.slice(0, body.index + body[0].length)}${banner}${rendered.html.slice(body.index + body[0].length)}`
    : `${banner}${rendered.html}`;
  return {
    ...rendered,
    subject: `${REVIEW_MARKER} ${rendered.subject}`,
    html,
    text: `*** ${line} ***\nReview and approve: ${link}\n\n${rendered.text}`,
  };
}

/**
 * The scheduled run in review mode: an interrupted edition is finished first (as in auto mode); then the
 * new articles become a stored draft (nothing is recorded as used, nobody on the list is mailed) and each
 * editor gets a review copy with a signed approve link. An earlier draft still waiting is superseded.
 */
export async function holdForReview(
  request: { scheduledTime?: string; date?: string },
  deps: ReviewDependencies,
  settings: EditionSettings,
  review: ReviewSettings,
): Promise<ReviewResult> {
  const now = deps.edition.now();
  if (request.scheduledTime) {
    const ageSeconds = Math.round((now.getTime() - Date.parse(request.scheduledTime)) / 1000);
    if (!(ageSeconds <= settings.scheduleMaxAgeSeconds))
      return { status: 'stale', scheduledTime: request.scheduledTime, ageSeconds };
  }
  if (await deps.edition.progress.current())
    return runEdition({ source: 'schedule' }, deps.edition, settings);
  const date =
    request.date ??
    (request.scheduledTime ? new Date(request.scheduledTime) : now).toISOString().slice(0, 10);
  const existing = await deps.drafts.state(date);
  if (existing)
    return {
      status: 'already-drafted',
      editionId: date,
      version: existing.version,
      draftStatus: existing.status,
    };
  // A duplicate upload is left out of the draft (and marked seen), as in auto mode: an approved draft
  // carrying it would be refused, and every later draft would carry it again.
  const { collected, leftOut } = await leaveOutAlreadySent(
    deps.edition.progress,
    deps.edition.ledger,
    await collectNewArticles(deps.edition, settings),
  );
  const left = leftOut.length > 0 ? { leftOut } : {};
  if (collected.articles.length === 0) return { status: 'nothing-new', notes: collected.notes, ...left };
  const doc: EditionDocument = {
    ...draftArticles(collected.articles, collected.itemKeys, date, settings, false, now),
    version: 1,
  };
  const earlier = await deps.drafts.pending();
  if (earlier && earlier !== date)
    await deps.drafts.transition(earlier, ['draft'], 'cancelled', { now, reason: `superseded by ${date}` });
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
  const state: DraftState = {
    editionId: date,
    version: doc.version,
    status: 'draft',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    alarmAt: at(review.reviewAlarmAfterSeconds),
    ...(review.autoApproveAfterSeconds !== undefined
      ? { autoApproveAt: at(review.autoApproveAfterSeconds) }
      : {}),
  };
  if (!(await deps.drafts.create(doc, state)))
    return { status: 'already-drafted', editionId: date, version: doc.version, draftStatus: 'draft' };
  const notes = [...collected.notes];
  const sent = await mailReviewCopy(doc, state, deps, settings, review);
  notes.push(...sent.notes);
  return { status: 'drafted', editionId: date, version: doc.version, editors: sent.editors, notes, ...left };
}

/** Mails the review copy of a draft version to the editors (a pushed version gets its own copy). */
export async function mailReviewCopy(
  doc: EditionDocument,
  state: DraftState,
  deps: ReviewDependencies,
  settings: EditionSettings,
  review: ReviewSettings,
): Promise<{ editors: number; notes: string[] }> {
  const now = deps.edition.now();
  const key = await deps.edition.hmacKey();
  const { rendered, notes } = renderDocument(doc, editionRenderSettings(settings));
  const link = approveLink(review.approveUrl, key, {
    editionId: state.editionId,
    version: state.version,
    expiresAt: Math.floor(now.getTime() / 1000) + review.linkTtlSeconds,
  });
  const copy = markReview(rendered, link, state.autoApproveAt);
  const report = await sendDigest(
    {
      // Its own ledger id per version: review copies never count as the edition going out.
      digestId: `review-${rendered.digestId}-v${state.version}`,
      recipients: async function* () {
        for (const email of review.editors) yield { email };
      },
      ...digestMessages(copy, settings.sender, {
        unsubscribeBaseUrl: settings.unsubscribeUrl,
        hmacKey: key,
        listId: settings.sender.listId,
      }),
    },
    { mailer: deps.edition.mailer, ledger: deps.edition.ledger, rate: settings.directRate, force: true },
  );
  return { editors: report.counts.sent, notes };
}

/** Why an approval was refused (the page and the CLI say so in one line). */
export class ApprovalError extends DigestError {
  constructor(
    message: string,
    readonly reason: 'not-found' | 'cancelled' | 'stale-version' | 'sent',
  ) {
    super(message, { expose: true, exitCode: 1 });
    this.name = 'ApprovalError';
  }
}

/**
 * Approves a draft (at `version`, when given: an approve link approves only the version it showed).
 * Returns `approved` when this call approved it, `already-approved` when it was approved before (its state
 * says whether its send started: `approved` is not yet, see approveAndQueue); throws ApprovalError for a
 * missing, cancelled, sent or newer draft.
 */
export async function approveDraft(
  editionId: string,
  version: number | undefined,
  drafts: DraftStore,
  now: Date,
): Promise<{ status: 'approved' | 'already-approved'; state: DraftState }> {
  const state = await drafts.state(editionId);
  if (!state) throw new ApprovalError(`no draft ${editionId}`, 'not-found');
  if (state.status === 'cancelled')
    throw new ApprovalError(
      `draft ${editionId} was cancelled${state.reason ? ` (${state.reason})` : ''}; nothing sent`,
      'cancelled',
    );
  if (state.status === 'sent') return { status: 'already-approved', state };
  if (version !== undefined && state.version !== version)
    throw new ApprovalError(
      `draft ${editionId} changed since this link was sent (version ${version}, now ${state.version}); approve the newer version`,
      'stale-version',
    );
  if (state.status !== 'draft') return { status: 'already-approved', state };
  if (await drafts.transition(editionId, ['draft'], 'approved', { version: state.version, now }))
    return { status: 'approved', state: { ...state, status: 'approved' } };
  // Someone else changed it in between: answer by what it is now.
  return approveDraft(editionId, version, drafts, now);
}

/**
 * How long an edition may stay `approved` without its send starting before the review check queues the
 * send again (a queue fault after the approval was written). The check runs every 5 minutes.
 */
export const APPROVAL_QUEUE_GRACE_SECONDS = 10 * 60;

/** Starts the send of an approved draft (the approval queue in AWS; send-digest consumes it). */
export type StartSend = (editionId: string) => Promise<void>;

/** What approving did: see approveAndQueue. */
export interface ApprovalOutcome {
  /**
   * `approved`: this call approved it and queued the send; `requeued`: it was approved earlier but its send
   * had not started, so the send was queued again; `already-approved`: it is sending or sent, nothing queued.
   */
  status: 'approved' | 'requeued' | 'already-approved';
  state: DraftState;
  /** Queueing the send failed: the edition stays approved and the review check queues it again. */
  queueError?: unknown;
}

/**
 * Approves a draft and queues its send. The status is written first, so a queue fault (SQS refusing or
 * timing out) cannot be undone by the approver's retry: approving an edition that is still `approved`
 * (its send not started) queues the send again. A second queue never sends twice: sendApproved moves the
 * draft to `sending` once, and the edition flow's in-progress mark, its record and the ledger skip whoever
 * already has it. A queue fault is returned, not thrown: the approval stands either way.
 */
export async function approveAndQueue(
  editionId: string,
  version: number | undefined,
  deps: { drafts: DraftStore; startSend: StartSend },
  now: Date,
): Promise<ApprovalOutcome> {
  const approved = await approveDraft(editionId, version, deps.drafts, now);
  const requeue = approved.status === 'already-approved' && approved.state.status === 'approved';
  if (approved.status === 'already-approved' && !requeue) return approved;
  const status = requeue ? 'requeued' : 'approved';
  try {
    await deps.startSend(editionId);
    return { status, state: approved.state };
  } catch (error) {
    return { status, state: approved.state, queueError: error };
  }
}

/**
 * Sends an approved draft through the one edition flow (`runEdition` with the document); the ledger and the
 * in-progress mark make a retried or resumed send reach nobody twice. The draft is marked sent afterwards.
 */
export async function sendApproved(
  editionId: string,
  deps: ReviewDependencies,
  settings: EditionSettings,
): Promise<EditionResult | { status: 'not-approved'; draftStatus: DraftState['status'] | 'missing' }> {
  const found = await deps.drafts.load(editionId);
  if (!found || (found.state.status !== 'approved' && found.state.status !== 'sending'))
    return { status: 'not-approved', draftStatus: found?.state.status ?? 'missing' };
  const now = deps.edition.now();
  await deps.drafts.transition(editionId, ['approved'], 'sending', { now });
  // Another edition interrupted mid-send is finished first (runEdition would resume it instead of this one).
  const interrupted = await deps.edition.progress.current();
  if (interrupted && interrupted.date !== found.doc.date)
    await runEdition({ source: 'remote' }, deps.edition, settings);
  // Never stale: the stale-event refusal is for scheduled events, not for an approval.
  const result = await runEdition({ source: 'remote' }, deps.edition, settings, {
    edition: { ...found.doc, status: 'approved' },
  });
  // A refusal (these articles already went out under another id) leaves it `sending` for the operator.
  if (result.status === 'sent' || result.status === 'enqueued' || result.status === 'already-sent')
    await deps.drafts.transition(editionId, ['sending'], 'sent', { now: deps.edition.now() });
  return result;
}

export type ReviewCheck =
  | { status: 'none' }
  | { status: 'waiting'; editionId: string; overdue: boolean; waitingSeconds: number }
  | { status: 'auto-approved'; editionId: string; result: Awaited<ReturnType<typeof sendApproved>> }
  | { status: 'requeued'; editionId: string; approvedSeconds: number };

/**
 * The periodic check: a draft past its auto-approve deadline is approved and sent; one still waiting past
 * its alarm time is reported `overdue` (the handler logs it, the alarm counts it). An edition approved
 * more than APPROVAL_QUEUE_GRACE_SECONDS ago whose send has not started (the queueing failed after the
 * approval was written) has its send queued again and is reported `requeued` (logged, alarmed on); a
 * queue fault here fails the check, and the next check tries again.
 */
export async function checkReview(
  deps: ReviewDependencies & { startSend: StartSend },
  settings: EditionSettings,
): Promise<ReviewCheck> {
  const editionId = await deps.drafts.pending();
  if (!editionId) return { status: 'none' };
  const state = await deps.drafts.state(editionId);
  const now = deps.edition.now();
  if (state?.status === 'approved') {
    const approvedSeconds = Math.round((now.getTime() - Date.parse(state.updatedAt)) / 1000);
    if (approvedSeconds < APPROVAL_QUEUE_GRACE_SECONDS) return { status: 'none' };
    await deps.startSend(editionId);
    return { status: 'requeued', editionId, approvedSeconds };
  }
  if (state?.status !== 'draft') return { status: 'none' };
  if (state.autoApproveAt && Date.parse(state.autoApproveAt) <= now.getTime()) {
    const approved = await approveDraft(editionId, undefined, deps.drafts, now);
    if (approved.status === 'approved')
      return { status: 'auto-approved', editionId, result: await sendApproved(editionId, deps, settings) };
  }
  return {
    status: 'waiting',
    editionId,
    overdue: Date.parse(state.alarmAt) <= now.getTime(),
    waitingSeconds: Math.round((now.getTime() - Date.parse(state.createdAt)) / 1000),
  };
}
