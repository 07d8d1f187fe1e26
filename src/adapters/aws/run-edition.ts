import { analyze } from '../../analysis/index.js';
import type { Article } from '../../article/types.js';
import { digestMessages } from '../../delivery/digest-messages.js';
import type { EditionStore, Mailer, SendLedger, SubscriberStore } from '../../delivery/ports.js';
import { type SendRecipient, sendDigest } from '../../delivery/send-digest.js';
import type { SendReport } from '../../delivery/send-report.js';
import { compose, type PersonalizeContext, personalize, render } from '../../email/index.js';
import type { SenderIdentity } from '../../email/mime.js';
import type { Rendered } from '../../email/types.js';
import type { CollectedArticles } from './s3-article-source.js';

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
}

export type EditionResult =
  | { status: 'nothing-new'; notes: string[] }
  | { status: 'stale'; scheduledTime: string; ageSeconds: number }
  | {
      status: 'sent';
      digestId: string;
      articles: number;
      counts: SendReport['counts'];
      outcome: SendReport['outcome'];
      notes: string[];
    }
  | {
      status: 'enqueued';
      digestId: string;
      articles: number;
      recipients: number;
      messages: number;
      notes: string[];
    };

/** Everything an edition touches, injected (DynamoDB, S3, SES and SQS adapters in AWS; local ones in tests). */
export interface EditionDependencies {
  collectNew(editions: EditionStore, max: number): Promise<CollectedArticles>;
  collectNamed(names: string[]): Promise<CollectedArticles>;
  /** Optional feed items (already filtered against the edition store). */
  collectFeed?: (editions: EditionStore, max: number) => Promise<CollectedArticles>;
  editions: EditionStore;
  archive: {
    storeWebVersion(date: string, digestId: string, html: string): Promise<string>;
    storeRendered(rendered: Rendered): Promise<void>;
  };
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

/**
 * One edition: collect the new (or named) articles, analyse, compose and render once, archive the web
 * version and the rendered digest, then send directly (small lists, test sends) or enqueue recipient
 * batches (large lists), and record which articles went out. Reruns are safe: the digest id is
 * deterministic and the ledger skips everyone already sent.
 */
export async function runEdition(
  request: EditionRequest,
  deps: EditionDependencies,
  settings: EditionSettings,
  options: { signal?: AbortSignal; runId?: string } = {},
): Promise<EditionResult> {
  const now = deps.now();
  if (request.source === 'schedule' && request.scheduledTime) {
    const ageSeconds = Math.round((now.getTime() - Date.parse(request.scheduledTime)) / 1000);
    if (!(ageSeconds <= settings.scheduleMaxAgeSeconds)) {
      return { status: 'stale', scheduledTime: request.scheduledTime, ageSeconds };
    }
  }
  const date =
    request.date ??
    (request.scheduledTime ? new Date(request.scheduledTime) : now).toISOString().slice(0, 10);

  let collected: CollectedArticles;
  if (request.articles && request.articles.length > 0) {
    collected = await deps.collectNamed(request.articles);
  } else {
    collected = await deps.collectNew(deps.editions, settings.maxArticles);
    const room = settings.maxArticles - collected.articles.length;
    if (deps.collectFeed && room > 0)
      collected = merge(collected, await deps.collectFeed(deps.editions, room));
  }
  if (collected.articles.length === 0) return { status: 'nothing-new', notes: collected.notes };

  const rendered = renderEdition(collected.articles, date, settings);
  const hmacKey = await deps.hmacKey();
  const context: PersonalizeContext = {
    unsubscribeBaseUrl: settings.unsubscribeUrl,
    hmacKey,
    listId: settings.sender.listId,
  };
  const dryRun = request.dryRun ?? false;
  if (!dryRun) {
    // The web version is personalised for nobody: its unsubscribe link names the list's own address.
    const web = personalize(rendered, { email: `web@${settings.sender.listId}` }, context);
    await deps.archive.storeWebVersion(date, rendered.digestId, web.html);
    await deps.archive.storeRendered(rendered);
  }

  const messages = digestMessages(rendered, settings.sender, context);
  const send = (digestId: string, recipients: () => AsyncIterable<SendRecipient>, force: boolean) =>
    sendDigest(
      { digestId, recipients, ...messages },
      {
        mailer: deps.mailer,
        ledger: deps.ledger,
        rate: settings.directRate,
        dryRun,
        force,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.runId ? { runId: options.runId } : {}),
      },
    );

  if (request.to && request.to.length > 0) {
    const to = request.to;
    // Test sends get their own ledger id and may repeat; they never count as the edition going out.
    const report = await send(
      `test-${rendered.digestId}`,
      async function* () {
        for (const email of to) yield { email };
      },
      true,
    );
    return sentResult(rendered.digestId, collected, report);
  }

  const active = await countUpTo(activeSubscribers(deps.subscribers), settings.directSendThreshold);
  let result: EditionResult;
  if (active <= settings.directSendThreshold || dryRun) {
    const report = await send(rendered.digestId, () => activeSubscribers(deps.subscribers), false);
    result = sentResult(rendered.digestId, collected, report);
    // A stopped run (quota, timeout) is retried; recording now would hide the articles from the retry.
    if (report.outcome !== 'complete') return result;
  } else {
    const queued = await deps.queue.enqueue(
      rendered.digestId,
      activeSubscribers(deps.subscribers),
      settings.recipientsPerBatch,
    );
    result = {
      status: 'enqueued',
      digestId: rendered.digestId,
      articles: collected.articles.length,
      recipients: queued.recipients,
      messages: queued.messages,
      notes: collected.notes,
    };
  }
  if (!dryRun) {
    await deps.editions.record({
      digestId: rendered.digestId,
      date,
      articleIds: collected.articles.map((a) => a.id),
      itemKeys: collected.itemKeys,
      createdAt: now.toISOString(),
    });
  }
  return result;
}

function sentResult(digestId: string, collected: CollectedArticles, report: SendReport): EditionResult {
  return {
    status: 'sent',
    digestId,
    articles: collected.articles.length,
    counts: report.counts,
    outcome: report.outcome,
    notes: collected.notes,
  };
}

function renderEdition(articles: Article[], date: string, settings: EditionSettings): Rendered {
  const items = articles.map((article) => {
    const analysis = analyze(article, { summarySentences: settings.summarySentences });
    return {
      article,
      analysis: { ...analysis, quotes: analysis.quotes.slice(0, settings.quotesPerArticle) },
    };
  });
  const theme = {
    publicationName: settings.publication.name,
    postalAddress: settings.publication.postalAddress,
  };
  const digest = compose(
    items,
    { date, ...(settings.webBaseUrl ? { webBaseUrl: settings.webBaseUrl } : {}) },
    theme,
  );
  return render(digest, theme);
}
