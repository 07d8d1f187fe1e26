// The edition run's side of issue 11, fault 9: an edition whose articles already went out (even partly) to
// this list under another digest id is not sent again unless the request asks for it (`newEdition`).
// The rule is src/delivery/earlier-edition.ts, the one `digest send` uses; this only finds the candidates
// in the editions table and reads their ledger rows.
import { alreadyWentOut, type EarlierEdition, earlierEditions } from '../delivery/earlier-edition.js';
import type { SendLedger } from '../delivery/ports.js';
import type { CollectedArticles, EditionProgress } from './ports.js';

/** The result status of a refused edition; also what the metric filter of the alarm matches. */
export const SENT_AS_ANOTHER_EDITION = 'sent-as-another-edition';

/**
 * The field and value send-digest logs when it refuses such an edition. The stack's metric filter
 * (infra/digest-stack.ts) counts these log lines and its alarm fires on the first one.
 */
export const REFUSAL_LOG_FIELD = { name: 'refusal', value: SENT_AS_ANOTHER_EDITION } as const;

/**
 * The field and value send-digest logs (once per upload, at WARN) when a scheduled run left out uploads
 * whose text already went out. No alarm counts it: nothing was held back, the rest went out.
 */
export const LEFT_OUT_LOG_FIELD = { name: 'leftOut', value: 'already-went-out' } as const;

/** Enough reached readers to refuse; counting them all could read a million ledger rows. */
const REACHED_CAP = 1000;

export interface EarlierEditionRefusal {
  status: typeof SENT_AS_ANOTHER_EDITION;
  /** The digest id this request would have sent. */
  digestId: string;
  date: string;
  earlier: { digestId: string; date: string; reached: number; capped?: boolean };
  notes: string[];
}

/** The earliest-found edition under another id that reached readers with any of these articles, if any. */
export async function findEarlierEdition(
  progress: EditionProgress,
  ledger: SendLedger,
  current: { digestId: string; articleIds: string[] },
): Promise<EarlierEdition | undefined> {
  if (!progress.editionsCarrying) return undefined;
  const candidates = await progress.editionsCarrying(current.articleIds);
  const [earlier] = await earlierEditions(candidates, current, (id) => ledger.list(id), { cap: REACHED_CAP });
  return earlier;
}

/** An upload a scheduled run left out because its text already went out in an earlier edition. */
export interface LeftOutArticle {
  itemKey: string;
  articleId: string;
  /** The earlier edition that carried it and reached readers. */
  digestId: string;
  date: string;
  reached: number;
  capped?: boolean;
}

/**
 * A scheduled run's answer to a duplicate upload (the same text under a new name, left in the bucket):
 * the articles whose text already reached readers of this list in an earlier edition are left out, the
 * rest go on, and the left-out uploads are marked seen (pointing at that earlier edition) so the next run
 * does not find them again: said once, never sent twice, never blocking the schedule. An earlier edition
 * that reached nobody does not hold anything back. `checked`: what stays needs no second look (the
 * edition's own check would read the same markers); without the store's support nothing is left out and
 * the edition's own check refuses as before.
 */
export async function leaveOutAlreadySent(
  progress: EditionProgress,
  ledger: SendLedger,
  collected: CollectedArticles,
): Promise<{ collected: CollectedArticles; leftOut: LeftOutArticle[]; checked: boolean }> {
  if (!progress.editionsCarrying || !progress.markSeen) return { collected, leftOut: [], checked: false };
  const articleIds = collected.articles.map((a) => a.id);
  const candidates = await progress.editionsCarrying(articleIds);
  // No digest id yet (it hashes the articles that stay): every recorded edition is another one.
  const found = await earlierEditions(candidates, { digestId: '', articleIds }, (id) => ledger.list(id), {
    cap: REACHED_CAP,
  });
  const wentOut = new Map(found.flatMap((earlier) => earlier.articleIds.map((id) => [id, earlier] as const)));
  const kept: CollectedArticles = { articles: [], itemKeys: [], notes: [...collected.notes] };
  const leftOut: LeftOutArticle[] = [];
  collected.articles.forEach((article, i) => {
    const itemKey = collected.itemKeys[i] ?? article.source;
    const earlier = wentOut.get(article.id);
    if (!earlier) {
      kept.articles.push(article);
      kept.itemKeys.push(itemKey);
      return;
    }
    const { digestId, date, reached, capped } = earlier;
    leftOut.push({ itemKey, articleId: article.id, digestId, date, reached, ...(capped ? { capped } : {}) });
    kept.notes.push(`${itemKey}: left out, ${alreadyWentOut(earlier, 'its text')}`);
  });
  if (leftOut.length > 0) await progress.markSeen(leftOut);
  return { collected: kept, leftOut, checked: true };
}

/**
 * What send-digest answers instead of sending when `findEarlierEdition` found one: nothing is sent or
 * queued, and the note says why and what to do.
 */
export function earlierEditionRefusal(
  current: { digestId: string; date: string },
  earlier: EarlierEdition,
  notes: string[],
): EarlierEditionRefusal {
  const note = `${alreadyWentOut(earlier)}; edition ${current.digestId} of ${current.date} sent and queued nothing: to send them again as a new edition, invoke with "newEdition": true (digest send --remote --new-edition)`;
  return {
    status: SENT_AS_ANOTHER_EDITION,
    digestId: current.digestId,
    date: current.date,
    earlier: {
      digestId: earlier.digestId,
      date: earlier.date,
      reached: earlier.reached,
      ...(earlier.capped ? { capped: true } : {}),
    },
    notes: [...notes, note],
  };
}
