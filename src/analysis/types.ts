import type { AttributionModel } from './attribution/model.js';

/** A direct or partial quotation. `text` equals `article.text.slice(start, end)`. */
export interface Quote {
  text: string;
  speaker: string | null;
  role: string | null;
  kind: 'direct' | 'partial';
  start: number;
  end: number;
  /** Index (in the quotes array) of the quote this one continues, when split around its attribution. */
  continues?: number;
  /**
   * Calibrated probability (0-1) that the speaker is right; on a null speaker, that no name in the
   * article is right (or, when a name scored below the threshold, that name's confidence).
   */
  confidence?: number;
  /** With `evidence: true`: the candidates weighed and the features that decided. */
  evidence?: QuoteEvidence;
}

export interface QuoteEvidence {
  candidates: Array<{ name: string | null; score: number }>;
  decidedBy: Array<{ feature: string; weight: number }>;
  /** The best name scored below the confidence threshold, so none is printed. */
  belowThreshold?: boolean;
  /** A layout rule decided instead of the scorer (e.g. `signature`: a quote signed "— Name"). */
  sieve?: string;
}

export type FollowUpKind = 'action' | 'pending' | 'suggestion' | 'reading' | 'event';

export interface FollowUp {
  text: string;
  kind: FollowUpKind;
  /** The whole source sentence, so the item stays reachable in the article. */
  sentence: string;
  start: number;
  end: number;
  /** For reading pointers: the title or URL pointed at. */
  target?: string;
  url?: string;
}

export interface Person {
  name: string;
  role: string | null;
}

export interface Entities {
  people: Person[];
  organizations: string[];
  places: string[];
  dates: string[];
}

export interface Stats {
  words: number;
  readingMinutes: number;
}

/** The analyzer's output, the JSON printed by `digest analyze --json` (DESIGN.md contract). */
export interface Analysis {
  title: string;
  summary: string[];
  quotes: Quote[];
  followUps: FollowUp[];
  entities: Entities;
  stats: Stats;
}

export interface AnalyzeOptions {
  /** Number of summary sentences, 2..4 (default 3). */
  summarySentences?: number;
  /** Speakers below this calibrated confidence are printed as null (default: the model's own, chosen by cross-validation). */
  speakerThreshold?: number;
  /** Attach to each quote the candidates weighed and the features that decided (`analyze --evidence`). */
  evidence?: boolean;
  /**
   * `model` (default): the trained scorer decides, with the rules as its strongest evidence.
   * `rules`: the hand-written rules alone, as before the model (for comparison and their own tests).
   */
  attribution?: 'model' | 'rules';
  /** Another trained attribution model (cross-validation folds, experiments); default: the shipped weights. */
  attributionModel?: AttributionModel;
  /**
   * `model` (default): the trained kind model names each follow-up's kind from the rules' cues.
   * `rules`: the hand-written cascade alone (what `npm run train:follow-ups` learns from).
   */
  followUpKinds?: 'model' | 'rules';
}
