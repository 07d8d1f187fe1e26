// The edition run's side of issue 11, fault 9: an edition whose articles already went out (even partly) to
// this list under another digest id is not sent again unless the request asks for it (`newEdition`).
// The rule is src/delivery/earlier-edition.ts, the one `digest send` uses; this only finds the candidates
// in the editions table and reads their ledger rows.
import { alreadyWentOut, type EarlierEdition, earlierEditions } from '../delivery/earlier-edition.js';
import type { SendLedger } from '../delivery/ports.js';
import type { EditionProgress } from './ports.js';

/** The result status of a refused edition; also what the metric filter of the alarm matches. */
export const SENT_AS_ANOTHER_EDITION = 'sent-as-another-edition';

/**
 * The field and value send-digest logs when it refuses such an edition. The stack's metric filter
 * (infra/digest-stack.ts) counts these log lines and its alarm fires on the first one.
 */
export const REFUSAL_LOG_FIELD = { name: 'refusal', value: SENT_AS_ANOTHER_EDITION } as const;

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
