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
}
