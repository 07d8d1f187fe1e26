import type { Analysis } from '../analysis/types.js';
import type { Article } from '../article/types.js';

/** Where an edition is in its life. Only a draft is edited; only an approved edition is sent. */
export type EditionStatus = 'draft' | 'approved' | 'sending' | 'sent' | 'cancelled';

export const EDITION_STATUSES: readonly EditionStatus[] = [
  'draft',
  'approved',
  'sending',
  'sent',
  'cancelled',
];

/** The lifecycle: which status may follow which. */
export const TRANSITIONS: Record<EditionStatus, readonly EditionStatus[]> = {
  draft: ['approved', 'cancelled'],
  approved: ['draft', 'sending', 'cancelled'],
  sending: ['sent', 'approved'],
  sent: [],
  cancelled: [],
};

/** A summary sentence as the email shows it; `original` is what the analyzer selected. */
export interface EditionSentence {
  text: string;
  original: string;
}

/** A key quote as the email shows it (verbatim parts), with the editor's choices. */
export interface EditionQuote {
  /** Indices into the story's `analysis.quotes` of the parts (a quote split around its attribution). */
  indices: number[];
  /** Verbatim spans of the article: editors may drop or re-attribute a quote, never rewrite it. */
  parts: string[];
  leadIn: string | null;
  speaker: string | null;
  role: string | null;
  /** The analyzer's speaker, before any edit. */
  originalSpeaker: string | null;
  /** The names the analyzer weighed for this quote, best first (`analyze --evidence`). */
  candidates: string[];
  dropped: boolean;
}

/** One story of the edition: the article, its analysis, and what the email shows of it. */
export interface EditionStory {
  article: Article;
  /** The stable key the editions record remembers the source by (feed guid, S3 key, file path). */
  itemKey: string;
  analysis: Analysis;
  summary: EditionSentence[];
  quotes: EditionQuote[];
}

/** One recorded change: who, when, what (a JSON pointer into the document), from what, to what. */
export interface EditionEdit {
  at: string;
  by: string;
  /** Where the change was made: the editing desk, the CLI, or a hand edit of the file. */
  via: 'desk' | 'cli' | 'file';
  /** The field changed, as a JSON pointer into the document at the time of the edit. */
  path: string;
  /** The same field by stable names (article id, quote index), which later moves do not change. */
  target: string;
  from: unknown;
  to: unknown;
}

/** The edition document (schemas/edition.schema.json). */
export interface EditionDocument {
  $schema?: string;
  /** Grows by one on every save. */
  version: number;
  status: EditionStatus;
  /** Edition date, YYYY-MM-DD; with the article ids it makes the digest id. */
  date: string;
  subject: string;
  preheader: string;
  /** The editor's note, shown above the stories; null for none. */
  note: string | null;
  /** Article id of the lead story (always the first story). */
  lead: string;
  /** At most this many key quotes per story when drafted. */
  quotesPerArticle: number;
  createdAt: string;
  updatedAt: string;
  /** Article ids in the order the draft was written (hand reorders of the file are measured against it). */
  draftOrder: string[];
  stories: EditionStory[];
  edits: EditionEdit[];
}

/** The schema's address, written into every edition file so editors get validation and completion. */
export const EDITION_SCHEMA_ID = 'https://digest.example.com/schemas/edition.schema.json';

/** The JSON pointer of a field, escaped as RFC 6901 says. */
export const pointer = (...parts: (string | number)[]): string =>
  parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Whether the editor set a field (subject, preheader) by hand rather than leaving it to the templates. */
export const editedByHand = (doc: EditionDocument, path: string): boolean =>
  doc.edits.some((edit) => edit.path === path);
