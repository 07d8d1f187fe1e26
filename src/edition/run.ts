import { ARCHIVE_PAGE_LINKS, type EditionPage, publicPage } from '../archive/page.js';
import type { Article } from '../article/types.js';
import { digestMessages } from '../delivery/digest-messages.js';
import type { Mailer, SendLedger, SubscriberStore } from '../delivery/ports.js';
import { type SendRecipient, sendDigest } from '../delivery/send-digest.js';
import type { SendReport } from '../delivery/send-report.js';
import type { EditionRender } from '../email/edition-render.js';
import type { PersonalizeContext } from '../email/index.js';
import type { SenderIdentity } from '../email/mime.js';
import type { Rendered } from '../email/types.js';
import { DigestError } from '../errors.js';
import type { EditionDocument } from './document.js';
import { draftEdition } from './draft.js';
import {
  type EarlierEditionRefusal,
  earlierEditionRefusal,
  findEarlierEdition,
  type LeftOutArticle,
  leaveOutAlreadySent,
} from './earlier-edition-check.js';
import { EditionStateError } from './edits.js';
import type { CollectedArticles, EditionProgress, EditionRecord, EditionStore } from './ports.js';
import { renderDocument } from './render.js';
import { markTest } from './test-send.js';

/** What starts an edition: the schedule, or someone on demand (CLI `--remote`, the IAM Function URL). */
export interface EditionRequest {
  source: 'schedule' | 'remote';
  /** Object keys (relative to the articles prefix) to send instead of everything new. */
  articles?: string[];
  /** A test send to these addresses only: subscribers are not mailed and the edition is not recorded. */
  to?: string[];
  dryRun?: boolean;
  /** Edition date YYYY-MM-DD; defaults to the scheduled time's (or today's) UTC date. */
  date?: string;
  scheduledTime?: string;
  /** Send even though these articles already went out under another digest id (fault 9). */
  newEdition?: boolean;
  /** Run the edition again although it was already sent or queued (fault 17); the ledger still skips whoever has it. */
  force?: boolean;
}

export type EditionResult =
  | { status: 'nothing-new'; notes: string[]; leftOut?: LeftOutArticle[] }
  | { status: 'stale'; scheduledTime: string; ageSeconds: number }
  | { status: 'already-sent'; digestId: string; date: string; recordedAt: string; notes: string[] }
  | EarlierEditionRefusal
  | {
      status: 'sent';
      digestId: string;
      articles: number;
      counts: SendReport['counts'];
      outcome: SendReport['outcome'];
      notes: string[];
      /** A scheduled run's uploads whose text already went out (left out, marked seen). */
      leftOut?: LeftOutArticle[];
    }
  | {
      status: 'enqueued';
      digestId: string;
      articles: number;
      recipients: number;
      messages: number;
      notes: string[];
      leftOut?: LeftOutArticle[];
    };

/** Everything an edition touches, injected (DynamoDB, S3, SES and SQS adapters in AWS; local ones in tests). */
export interface EditionDependencies {
  collectNew(editions: EditionStore, max: number): Promise<CollectedArticles>;
  collectNamed(names: string[]): Promise<CollectedArticles>;
  /** Optional feed items (already filtered against the edition store). */
  collectFeed?: (editions: EditionStore, max: number) => Promise<CollectedArticles>;
  editions: EditionStore;
  /** Marks the edition being sent (DynamoEditionStore implements it next to EditionStore). */
  progress: EditionProgress;
  archive: {
    storeWebVersion(date: string, digestId: string, html: string): Promise<string>;
    storeRendered(rendered: Rendered): Promise<void>;
    loadRendered(digestId: string): Promise<Rendered>;
  };
  /** Publishes the edition's public page to the web archive and updates its index and feed (issue 15). */
  publishPage?: (page: EditionPage) => Promise<void>;
  subscribers: SubscriberStore;
  ledger: SendLedger;
  mailer: Mailer;
  queue: {
    enqueue(
      digestId: string,
      recipients: AsyncIterable<{ email: string; name?: string }>,
      perMessage: number,
    ): Promise<{ messages: number; recipients: number }>;
  };
  hmacKey: () => Promise<string>;
  now: () => Date;
}

export interface EditionSettings {
  sender: SenderIdentity;
  publication: { name: string; postalAddress: string };
  unsubscribeUrl: string;
  webBaseUrl?: string;
  directRate: number;
  directSendThreshold: number;
  recipientsPerBatch: number;
  summarySentences: number;
  quotesPerArticle: number;
  /** Speaker confidence threshold for the analyzer; absent: the model's default. */
  speakerThreshold?: number;
  maxArticles: number;
  scheduleMaxAgeSeconds: number;
}

async function* activeSubscribers(store: SubscriberStore): AsyncIterable<SendRecipient> {
  for await (const subscriber of store.list()) {
    if (subscriber.status === 'active')
      yield { email: subscriber.email, name: subscriber.name, status: 'active' };
  }
}

async function countUpTo(recipients: AsyncIterable<unknown>, limit: number): Promise<number> {
  let count = 0;
  for await (const _ of recipients) if (++count > limit) break;
  return count;
}

function merge(...parts: CollectedArticles[]): CollectedArticles {
  return {
    articles: parts.flatMap((p) => p.articles),
    itemKeys: parts.flatMap((p) => p.itemKeys),
    notes: parts.flatMap((p) => p.notes),
  };
}

/** Everything new since the last edition: the bucket's articles first, then feed items while there is room. */
export async function collectNewArticles(
  deps: Pick<EditionDependencies, 'collectNew' | 'collectFeed' | 'editions'>,
  settings: Pick<EditionSettings, 'maxArticles'>,
): Promise<CollectedArticles> {
  let collected = await deps.collectNew(deps.editions, settings.maxArticles);
  const room = settings.maxArticles - collected.articles.length;
  if (deps.collectFeed && room > 0) collected = merge(collected, await deps.collectFeed(deps.editions, room));
  return collected;
}

/** An edition that stopped with recipients left (quota, deadline): the invocation fails so that it is retried. */
export class EditionIncompleteError extends DigestError {
  constructor(message: string) {
    super(message, { expose: true, exitCode: 1 });
    this.name = 'EditionIncompleteError';
  }
}

/**
 * One edition: collect the new (or named) articles, analyse, compose and render once, archive the web
 * version and the rendered digest, mark the edition in progress and its articles used, then send directly
 * (small lists) or enqueue recipient batches (large lists). A run that stops mid-send throws
 * EditionIncompleteError; the next run (the Lambda retry, a redrive or the next slot) first finishes the
 * edition in progress from its archived rendering, and the ledger skips everyone already sent.
 * Test sends (`to`) and dry runs change no edition state.
 */
export async function runEdition(
  request: EditionRequest,
  deps: EditionDependencies,
  settings: EditionSettings,
  options: {
    signal?: AbortSignal;
    runId?: string;
    /** An edition document to send as it stands (it must be approved, unless a test send or dry run). */
    edition?: EditionDocument;
  } = {},
): Promise<EditionResult> {
  const now = deps.now();
  if (request.source === 'schedule' && request.scheduledTime) {
    const ageSeconds = Math.round((now.getTime() - Date.parse(request.scheduledTime)) / 1000);
    if (!(ageSeconds <= settings.scheduleMaxAgeSeconds)) {
      return { status: 'stale', scheduledTime: request.scheduledTime, ageSeconds };
    }
  }
  const dryRun = request.dryRun ?? false;
  const testSend = (request.to?.length ?? 0) > 0;
  const hmacKey = await deps.hmacKey();
  const context: PersonalizeContext = {
    unsubscribeBaseUrl: settings.unsubscribeUrl,
    hmacKey,
    listId: settings.sender.listId,
  };

  if (!dryRun && !testSend) {
    const interrupted = await deps.progress.current();
    if (interrupted) {
      const rendered = await deps.archive.loadRendered(interrupted.digestId);
      await deps.editions.record(interrupted);
      const collected = {
        articles: interrupted.articleIds.length,
        notes: [`resumed edition ${interrupted.digestId}`],
      };
      return dispatch(rendered, collected, interrupted.digestId, deps, settings, context, options);
    }
  }

  const doc = options.edition;
  if (doc && !testSend && !dryRun && doc.status !== 'approved')
    throw new EditionStateError(`edition of ${doc.date} is ${doc.status}, not approved: nothing sent`);
  const date =
    doc?.date ??
    request.date ??
    (request.scheduledTime ? new Date(request.scheduledTime) : now).toISOString().slice(0, 10);
  let collected: CollectedArticles;
  let leftOut: LeftOutArticle[] = [];
  let checked = false;
  if (doc) {
    collected = {
      articles: doc.stories.map((story) => story.article),
      itemKeys: doc.stories.map((story) => story.itemKey),
      notes: [],
    };
  } else if (request.articles && request.articles.length > 0) {
    collected = await deps.collectNamed(request.articles);
  } else {
    collected = await collectNewArticles(deps, settings);
    // A duplicate upload left in the bucket must not block every slot (fault 9): the schedule leaves
    // out what already went out and sends the rest; an on-demand request still refuses (below).
    if (request.source === 'schedule' && !request.newEdition && !testSend && !dryRun)
      ({ collected, leftOut, checked } = await leaveOutAlreadySent(deps.progress, deps.ledger, collected));
  }
  const left = leftOut.length > 0 ? { leftOut } : {};
  if (collected.articles.length === 0) return { status: 'nothing-new', notes: collected.notes, ...left };
  // Named articles keep the editor's order; collected ones lead with the most newsworthy story.
  const editorOrder = (request.articles?.length ?? 0) > 0;
  const { rendered, notes, digest } = doc
    ? renderDocument(doc, editionRenderSettings(settings))
    : renderArticles(collected.articles, collected.itemKeys, date, settings, editorOrder);
  // An article left out (unrenderable, or no room even as a headline) stays in the edition record
  // below, so it is marked used and does not block every later edition; the note says so.
  const summary = { articles: collected.articles.length, notes: [...collected.notes, ...notes], ...left };

  if (testSend || dryRun) {
    const to = request.to ?? [];
    // Test sends get their own ledger id and may repeat; they never count as the edition going out.
    const report = await sendNow(rendered, deps, settings, context, options, {
      digestId: testSend ? `test-${rendered.digestId}` : rendered.digestId,
      ...(testSend ? { rendered: markTest(rendered) } : {}),
      recipients: testSend
        ? async function* () {
            for (const email of to) yield { email };
          }
        : () => activeSubscribers(deps.subscribers),
      force: testSend,
      dryRun,
    });
    return sentResult(rendered.digestId, summary, report);
  }

  // Same articles and date under a new idempotency key: this edition already went out (or was queued).
  const earlier = request.force ? undefined : await deps.progress.recorded(rendered.digestId);
  if (earlier) {
    const note = `edition ${rendered.digestId} of ${date} (the same articles) was already sent or queued at ${earlier.createdAt}; nothing sent or queued again`;
    return {
      status: 'already-sent',
      digestId: rendered.digestId,
      date,
      recordedAt: earlier.createdAt,
      notes: [...collected.notes, note],
    };
  }
  const articleIds = collected.articles.map((a) => a.id);
  // The same articles under another id (another date): sent again only when asked (fault 9). A
  // scheduled run already left those out above, so it does not read the same markers twice.
  const other =
    request.newEdition || checked
      ? undefined
      : await findEarlierEdition(deps.progress, deps.ledger, { digestId: rendered.digestId, articleIds });
  if (other) return earlierEditionRefusal({ digestId: rendered.digestId, date }, other, summary.notes);
  // The web version carries no personal data (no name, no unsubscribe token): a Subscribe link instead.
  const web = publicPage({ digest, rendered }, ARCHIVE_PAGE_LINKS);
  await deps.archive.storeWebVersion(date, rendered.digestId, web.html);
  await deps.archive.storeRendered(rendered);
  // Published before the mail goes out, so the view-in-browser link works when the mail arrives.
  await deps.publishPage?.(web);
  const edition: EditionRecord = {
    digestId: rendered.digestId,
    date,
    articleIds,
    itemKeys: collected.itemKeys,
    createdAt: now.toISOString(),
  };
  // In progress first: a crash after it resumes the edition; a crash before it leaves the articles new.
  await deps.progress.begin(edition);
  await deps.editions.record(edition);
  return dispatch(rendered, summary, rendered.digestId, deps, settings, context, options);
}

/** What an edition's result reports besides its sending: articles, notes, and what a scheduled run left out. */
type Summary = { articles: number; notes: string[]; leftOut?: LeftOutArticle[] };

/** Sends the edition to every active subscriber, directly or through the queue, and clears the in-progress mark. */
async function dispatch(
  rendered: Rendered,
  summary: Summary,
  digestId: string,
  deps: EditionDependencies,
  settings: EditionSettings,
  context: PersonalizeContext,
  options: { signal?: AbortSignal; runId?: string },
): Promise<EditionResult> {
  const active = await countUpTo(activeSubscribers(deps.subscribers), settings.directSendThreshold);
  let result: EditionResult;
  if (active <= settings.directSendThreshold) {
    const report = await sendNow(rendered, deps, settings, context, options, {
      digestId,
      recipients: () => activeSubscribers(deps.subscribers),
      force: false,
      dryRun: false,
    });
    if (report.outcome !== 'complete' || report.counts.pending > 0) {
      throw new EditionIncompleteError(
        `digest ${digestId}: ${report.counts.pending} of ${report.counts.total} recipients not sent yet (${report.stopReason ?? 'stopped'}); the next run resumes it`,
      );
    }
    result = sentResult(digestId, summary, report);
  } else {
    const queued = await deps.queue.enqueue(
      digestId,
      activeSubscribers(deps.subscribers),
      settings.recipientsPerBatch,
    );
    result = {
      status: 'enqueued',
      digestId,
      articles: summary.articles,
      recipients: queued.recipients,
      messages: queued.messages,
      notes: summary.notes,
      ...(summary.leftOut ? { leftOut: summary.leftOut } : {}),
    };
  }
  await deps.progress.finish(digestId);
  return result;
}

function sendNow(
  rendered: Rendered,
  deps: EditionDependencies,
  settings: EditionSettings,
  context: PersonalizeContext,
  options: { signal?: AbortSignal; runId?: string },
  job: {
    digestId: string;
    recipients: () => AsyncIterable<SendRecipient>;
    force: boolean;
    dryRun: boolean;
    /** What goes out when it is not `rendered` (a test send's marked copy). */
    rendered?: Rendered;
  },
): Promise<SendReport> {
  return sendDigest(
    {
      digestId: job.digestId,
      recipients: job.recipients,
      ...digestMessages(job.rendered ?? rendered, settings.sender, context),
    },
    {
      mailer: deps.mailer,
      ledger: deps.ledger,
      rate: settings.directRate,
      dryRun: job.dryRun,
      force: job.force,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.runId ? { runId: options.runId } : {}),
    },
  );
}

function sentResult(digestId: string, summary: Summary, report: SendReport): EditionResult {
  return {
    status: 'sent',
    digestId,
    articles: summary.articles,
    counts: report.counts,
    outcome: report.outcome,
    notes: summary.notes,
    ...(summary.leftOut ? { leftOut: summary.leftOut } : {}),
  };
}

/**
 * The automatic edition: a draft of the collected articles (named ones in the editor's order, collected
 * ones led by the most newsworthy), rendered through the one render path with this deployment's settings.
 */
function renderArticles(
  articles: Article[],
  itemKeys: string[],
  date: string,
  settings: EditionSettings,
  editorOrder: boolean,
): Pick<EditionRender, 'rendered' | 'notes' | 'digest'> {
  const doc = draftArticles(articles, itemKeys, date, settings, editorOrder);
  const { rendered, notes, digest } = renderDocument(doc, editionRenderSettings(settings));
  return { rendered, notes, digest };
}

/** The draft document of collected articles with this deployment's analysis settings. */
export function draftArticles(
  articles: Article[],
  itemKeys: string[],
  date: string,
  settings: EditionSettings,
  editorOrder: boolean,
  now?: Date,
): EditionDocument {
  return draftEdition(
    articles.map((article, i) => ({ article, itemKey: itemKeys[i] ?? article.source })),
    {
      date,
      quotesPerArticle: settings.quotesPerArticle,
      order: editorOrder ? 'editor' : 'newsworthy',
      ...(now ? { now } : {}),
      analyze: {
        summarySentences: settings.summarySentences,
        ...(settings.speakerThreshold !== undefined ? { speakerThreshold: settings.speakerThreshold } : {}),
      },
    },
  );
}

/** This deployment's theme and web address, for the one render path. */
export function editionRenderSettings(settings: EditionSettings) {
  return {
    theme: { publicationName: settings.publication.name, postalAddress: settings.publication.postalAddress },
    ...(settings.webBaseUrl ? { webBaseUrl: settings.webBaseUrl } : {}),
  };
}
