import { DigestError, InputError } from '../errors.js';
import { refreshDerived } from './derived.js';
import {
  type EditionDocument,
  type EditionEdit,
  type EditionStatus,
  type EditionStory,
  pointer,
  TRANSITIONS,
} from './document.js';
import { templateHeadlines } from './render.js';

/** One change an editor can make (the desk posts these; the CLI makes the status ones). */
export type EditionChange =
  | { op: 'drop-quote' | 'restore-quote'; story: string; quote: number }
  | { op: 'speaker'; story: string; quote: number; speaker: string | null }
  | { op: 'summary'; story: string; sentence: number; text: string }
  | { op: 'move'; story: string; to: number }
  | { op: 'lead'; story: string }
  | { op: 'subject' | 'preheader'; text: string }
  | { op: 'note'; text: string | null }
  | { op: 'approve' | 'cancel' | 'reopen' };

/** An edition that cannot change that way in its state (sent, cancelled, not approved). Exit 1. */
export class EditionStateError extends DigestError {
  constructor(message: string) {
    super(message, { expose: true, exitCode: 1 });
    this.name = 'EditionStateError';
  }
}

const quoteTarget = (story: EditionStory, q: number, field: string) =>
  `${story.article.id}/quote/${story.quotes[q]!.indices[0]}/${field}`;

const oneLine = (text: string, what: string, max: number): string => {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length > max) throw new InputError(`${what}: at most ${max} characters, got ${clean.length}`);
  return clean;
};

/** Moves the edition to `to` when the lifecycle allows it; throws EditionStateError otherwise. */
export function assertTransition(from: EditionStatus, to: EditionStatus): void {
  if (!TRANSITIONS[from].includes(to))
    throw new EditionStateError(`an edition that is ${from} cannot become ${to}`);
}

/**
 * Applies one change and records it (who, when, what, from, to). Content changes are for drafts; an
 * approved edition that is edited goes back to draft (the approval was of other content). Pure: returns
 * a new document; the caller saves it.
 */
export function applyChange(
  doc: EditionDocument,
  change: EditionChange,
  who: { by: string; via: EditionEdit['via']; now?: Date },
): EditionDocument {
  const at = (who.now ?? new Date()).toISOString();
  const edits: EditionEdit[] = [];
  const record = (path: string, target: string, from: unknown, to: unknown) =>
    edits.push({ at, by: who.by, via: who.via, path, target, from, to });
  const next: EditionDocument = structuredClone(doc);
  const storyAt = (id: string) => {
    const index = next.stories.findIndex((s) => s.article.id === id);
    if (index < 0) throw new InputError(`no story ${JSON.stringify(id)} in this edition`);
    return { index, story: next.stories[index]! };
  };
  const quoteAt = (story: EditionStory, q: number) => {
    const quote = story.quotes[q];
    if (!quote) throw new InputError(`story ${story.article.id} has no quote ${q}`);
    return quote;
  };
  const status = (to: EditionStatus) => {
    assertTransition(next.status, to);
    record('/status', 'status', next.status, to);
    next.status = to;
  };

  if (change.op === 'approve' || change.op === 'cancel' || change.op === 'reopen') {
    status(change.op === 'approve' ? 'approved' : change.op === 'cancel' ? 'cancelled' : 'draft');
  } else {
    if (next.status !== 'draft' && next.status !== 'approved')
      throw new EditionStateError(`this edition is ${next.status}; it can no longer be edited`);
    switch (change.op) {
      case 'drop-quote':
      case 'restore-quote': {
        const { index, story } = storyAt(change.story);
        const quote = quoteAt(story, change.quote);
        const dropped = change.op === 'drop-quote';
        if (quote.dropped !== dropped) {
          record(
            pointer('stories', index, 'quotes', change.quote, 'dropped'),
            quoteTarget(story, change.quote, 'dropped'),
            quote.dropped,
            dropped,
          );
          quote.dropped = dropped;
        }
        break;
      }
      case 'speaker': {
        const { index, story } = storyAt(change.story);
        const quote = quoteAt(story, change.quote);
        const speaker = change.speaker === null ? null : oneLine(change.speaker, 'speaker', 120) || null;
        if (quote.speaker !== speaker) {
          record(
            pointer('stories', index, 'quotes', change.quote, 'speaker'),
            quoteTarget(story, change.quote, 'speaker'),
            quote.speaker,
            speaker,
          );
          quote.speaker = speaker;
          // The role described the analyzer's speaker; another name keeps none unless it is the original.
          quote.role =
            speaker === quote.originalSpeaker
              ? (story.analysis.quotes[quote.indices[0]!]?.role ?? null)
              : null;
        }
        break;
      }
      case 'summary': {
        const { index, story } = storyAt(change.story);
        const sentence = story.summary[change.sentence];
        if (!sentence)
          throw new InputError(`story ${story.article.id} has no summary sentence ${change.sentence}`);
        const text = oneLine(change.text, 'summary sentence', 1000);
        if (text === '') throw new InputError('summary sentence: must not be empty');
        if (text !== sentence.text) {
          record(
            pointer('stories', index, 'summary', change.sentence, 'text'),
            `${story.article.id}/summary/${change.sentence}`,
            sentence.text,
            text,
          );
          sentence.text = text;
        }
        break;
      }
      case 'move':
      case 'lead': {
        const { index, story } = storyAt(change.story);
        const to = change.op === 'lead' ? 0 : Math.max(0, Math.min(next.stories.length - 1, change.to));
        if (to !== index) {
          const from = next.stories.map((s) => s.article.id);
          next.stories.splice(index, 1);
          next.stories.splice(to, 0, story);
          record(
            '/stories',
            'order',
            from,
            next.stories.map((s) => s.article.id),
          );
        }
        break;
      }
      case 'subject':
      case 'preheader': {
        const text = oneLine(change.text, change.op, change.op === 'subject' ? 150 : 160);
        if (change.op === 'subject' && text === '') throw new InputError('subject: must not be empty');
        if (text !== next[change.op]) {
          record(`/${change.op}`, change.op, next[change.op], text);
          next[change.op] = text;
        }
        break;
      }
      case 'note': {
        const text = change.text === null ? null : change.text.trim().slice(0, 2000) || null;
        if (text !== next.note) {
          record('/note', 'note', next.note, text);
          next.note = text;
        }
        break;
      }
    }
    if (edits.length > 0 && next.status === 'approved') {
      record('/status', 'status', 'approved', 'draft');
      next.status = 'draft';
    }
  }
  next.edits = [...next.edits, ...edits];
  return refreshDerived(next);
}

/** The value each stable target had at the last save: its last recorded edit, else the draft's. */
function expected(doc: EditionDocument): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const edit of doc.edits) values.set(edit.target, edit.to);
  return values;
}

/**
 * Finds the changes made to the file by hand since it was last saved, by comparing every editable
 * field with its last recorded value (or the draft's), and returns the document with them recorded
 * as edits `via: 'file'`. Status changes by hand must still follow the lifecycle.
 */
export function recordFileEdits(
  doc: EditionDocument,
  by: string,
  now = new Date(),
): { doc: EditionDocument; found: EditionEdit[] } {
  const last = expected(doc);
  const at = now.toISOString();
  const found: EditionEdit[] = [];
  const check = (path: string, target: string, original: unknown, current: unknown) => {
    const before = last.has(target) ? last.get(target) : original;
    if (JSON.stringify(before) !== JSON.stringify(current))
      found.push({ at, by, via: 'file', path, target, from: before ?? null, to: current });
  };
  doc.stories.forEach((story, s) => {
    for (const [i, sentence] of story.summary.entries()) {
      check(
        pointer('stories', s, 'summary', i, 'text'),
        `${story.article.id}/summary/${i}`,
        sentence.original,
        sentence.text,
      );
    }
    story.quotes.forEach((quote, q) => {
      check(
        pointer('stories', s, 'quotes', q, 'speaker'),
        quoteTarget(story, q, 'speaker'),
        quote.originalSpeaker,
        quote.speaker,
      );
      check(
        pointer('stories', s, 'quotes', q, 'dropped'),
        quoteTarget(story, q, 'dropped'),
        false,
        quote.dropped,
      );
    });
  });
  check(
    '/stories',
    'order',
    doc.draftOrder,
    doc.stories.map((s) => s.article.id),
  );
  check('/note', 'note', null, doc.note);
  // An unedited subject follows the templates; after a reorder by hand the file still holds the one of
  // the old order, which is no edit of the subject.
  const order = (last.get('order') as string[] | undefined) ?? doc.draftOrder;
  const before = {
    ...doc,
    stories: order.flatMap((id) => doc.stories.filter((st) => st.article.id === id)),
  };
  const headlines = [
    templateHeadlines(doc),
    ...(before.stories.length === doc.stories.length ? [templateHeadlines(before)] : []),
  ];
  for (const field of ['subject', 'preheader'] as const) {
    if (last.has(field) || !headlines.some((h) => h[field] === doc[field]))
      check(`/${field}`, field, headlines[0]![field], doc[field]);
  }
  const status = last.has('status') ? (last.get('status') as EditionStatus) : 'draft';
  if (status !== doc.status) {
    assertTransition(status, doc.status);
    found.push({ at, by, via: 'file', path: '/status', target: 'status', from: status, to: doc.status });
  }
  if (found.length === 0) return { doc, found };
  if (doc.status === 'approved' && found.some((edit) => edit.target !== 'status')) {
    found.push({ at, by, via: 'file', path: '/status', target: 'status', from: 'approved', to: 'draft' });
    doc = { ...doc, status: 'draft' };
  }
  return { doc: refreshDerived({ ...doc, edits: [...doc.edits, ...found] }), found };
}
