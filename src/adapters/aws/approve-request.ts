import type { EditionDocument } from '../../edition/document.js';
import type { DraftStore } from '../../edition/ports.js';
import { renderDocument } from '../../edition/render.js';
import {
  APPROVAL_QUEUE_GRACE_SECONDS,
  ApprovalError,
  approveAndQueue,
  type StartSend,
} from '../../edition/review.js';
import { verifyApproveToken } from '../../email/signed-tokens.js';
import { escapeHtml, type HttpResponse, page } from './unsubscribe-request.js';

/** An HTTP request as the approve endpoint sees it (decoded from the Function URL event). */
export interface ApproveHttpRequest {
  method: string;
  token: string | undefined;
  /** The raw body, already base64-decoded. */
  body: string;
  /** The URL the Approve form posts back to (path and query as received). */
  selfUrl: string;
}

export interface ApproveDependencies {
  drafts: DraftStore;
  hmacKey: () => Promise<string>;
  /** Starts the send of an approved draft (the approval queue in AWS). */
  startSend: StartSend;
  /** Told when queueing the send failed after the approval was written (the function logs it). */
  onQueueError?: (editionId: string, error: unknown) => void;
  now: () => Date;
  /** Renders the draft for the page (the one render path with the deployment's theme). */
  render: (doc: EditionDocument) => { subject: string; text: string };
}

/** Larger bodies are refused before anything is read: the form posts one small field. */
export const MAX_APPROVE_BODY = 4096;

const statusOf: Record<ApprovalError['reason'], number> = {
  'not-found': 404,
  cancelled: 410,
  'stale-version': 409,
  sent: 409,
};

/** When the review check queues an approved edition's send again at the latest (the check runs every 5 minutes). */
const RETRY_MINUTES = APPROVAL_QUEUE_GRACE_SECONDS / 60 + 5;

/** The one-field form that posts back to the approve link. */
const approveForm = (selfUrl: string, label: string) =>
  `<form method="post" action="${escapeHtml(selfUrl)}"><input type="hidden" name="approve" value="1"><button type="submit">${escapeHtml(label)}</button></form>`;

function withAllow(response: HttpResponse): HttpResponse {
  return { ...response, headers: { ...response.headers, allow: 'GET, POST' } };
}

/**
 * The public approve endpoint. The token (signed, expiring, purpose `approve`, bound to an edition id and
 * version) is the authorization. GET shows the draft and an Approve button and changes nothing (link
 * scanners open every URL); POST approves and queues the send; a POST on an edition approved earlier whose
 * send has not started queues it again (approveAndQueue), one already sending or sent starts nothing. A
 * queue fault after the approval is answered 202: approved, queued again by the review check.
 * Forged, foreign-purpose or expired tokens and cancelled drafts change nothing.
 */
export async function handleApproveRequest(
  request: ApproveHttpRequest,
  deps: ApproveDependencies,
  settings: { publicationName: string },
): Promise<HttpResponse> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'POST')
    return withAllow(page(405, 'Method not allowed', '<p>Use the link in the review email.</p>'));
  if (method === 'POST' && Buffer.byteLength(request.body) > MAX_APPROVE_BODY)
    return page(413, 'Request too large', '<p>Nothing was changed.</p>');
  if (!request.token) return page(400, 'Link incomplete', '<p>This approve link is missing its token.</p>');
  const now = deps.now();
  const checked = verifyApproveToken(await deps.hmacKey(), request.token, Math.floor(now.getTime() / 1000));
  if (!checked.ok) {
    if (checked.problem === 'expired')
      return page(410, 'Link expired', '<p>This approve link has expired. Nothing was changed.</p>');
    return page(
      403,
      'Link not valid',
      `<p>This link was not issued by ${escapeHtml(settings.publicationName)} for approving. Nothing was changed.</p>`,
    );
  }
  const { editionId, version } = checked.claims;
  if (method === 'GET') {
    const found = await deps.drafts.load(editionId);
    if (!found) return page(404, 'No such draft', '<p>Nothing was changed.</p>');
    const { state, doc } = found;
    if (state.status === 'cancelled')
      return page(410, 'Draft cancelled', '<p>This draft was cancelled; it cannot be approved.</p>');
    if (state.version !== version)
      return page(
        409,
        'A newer version exists',
        `<p>This link shows version ${version}; the draft is now at version ${state.version}. Use the newest review email.</p>`,
      );
    if (state.status === 'approved')
      return page(
        200,
        'Approved, not sent yet',
        `<p>The edition of ${escapeHtml(editionId)} is approved, but its send has not started. It is queued again automatically within ${RETRY_MINUTES} minutes, or now:</p>${approveForm(request.selfUrl, 'Queue the send again')}`,
      );
    if (state.status !== 'draft')
      return page(
        200,
        'Already approved',
        `<p>The edition of ${escapeHtml(editionId)} is ${state.status}.</p>`,
      );
    const shown = deps.render(doc);
    return page(
      200,
      `Approve the edition of ${editionId}?`,
      `<p><strong>${escapeHtml(shown.subject)}</strong> (version ${version})</p>${approveForm(request.selfUrl, 'Approve and send')}<pre style="white-space:pre-wrap;border-top:1px solid #ccc;padding-top:1rem">${escapeHtml(shown.text)}</pre>`,
    );
  }
  try {
    const approved = await approveAndQueue(editionId, version, deps, now);
    const edition = `The edition of ${escapeHtml(editionId)}`;
    if (approved.queueError !== undefined) {
      deps.onQueueError?.(editionId, approved.queueError);
      // Accepted: the approval stands; only the queueing of its send is still to happen.
      return page(
        202,
        'Approved, send not queued yet',
        `<p>${edition} is approved, but queueing its send failed. It is retried automatically within ${RETRY_MINUTES} minutes; you can also open this link again and approve again. Nobody gets it twice.</p>`,
      );
    }
    if (approved.status === 'requeued')
      return page(
        200,
        'Send queued again',
        `<p>${edition} was approved earlier, but its send had not started; it is queued again now. Nobody gets it twice.</p>`,
      );
    if (approved.status === 'already-approved')
      return page(
        200,
        'Already approved',
        `<p>${edition} is ${approved.state.status}; nothing more to do.</p>`,
      );
    return page(200, 'Approved', `<p>${edition} is approved and is being sent.</p>`);
  } catch (error) {
    if (error instanceof ApprovalError)
      return page(statusOf[error.reason], 'Not approved', `<p>${escapeHtml(error.message)}</p>`);
    throw error;
  }
}

/** The page's view of a draft: subject and plain text, through the one render path. */
export function draftPreview(
  renderSettings: Parameters<typeof renderDocument>[1],
): (doc: EditionDocument) => { subject: string; text: string } {
  return (doc) => {
    const { rendered } = renderDocument(doc, renderSettings);
    return { subject: rendered.subject, text: rendered.text };
  };
}
