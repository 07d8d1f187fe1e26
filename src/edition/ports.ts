import type { Article } from '../article/types.js';
import type { EditionCandidate } from '../delivery/earlier-edition.js';

/** Which articles (and feed items) went out in which edition, so a later edition carries only new ones. */
export interface EditionRecord {
  digestId: string;
  /** ISO date of the edition. */
  date: string;
  /** Article ids (Article.id) in the edition. */
  articleIds: string[];
  /** Stable keys of the sources used: feed item guid/link, S3 key, or file path. */
  itemKeys: string[];
  createdAt: string;
}

export interface EditionStore {
  record(edition: EditionRecord): Promise<void>;
  /** The subset of `itemKeys` that already went out in an earlier edition. */
  seen(itemKeys: string[]): Promise<Set<string>>;
  latest(): Promise<EditionRecord | undefined>;
}

/** Marks the edition being sent, so that a run interrupted mid-send is finished before a new one starts. */
export interface EditionProgress {
  /** The record of an edition already sent or queued under this digest id, if any. */
  recorded(digestId: string): Promise<EditionRecord | undefined>;
  begin(edition: EditionRecord): Promise<void>;
  current(): Promise<EditionRecord | undefined>;
  finish(digestId: string): Promise<void>;
  /**
   * The recorded editions (newest per article) that carried any of `articleIds`, each with the ids it was
   * found by. Optional: without it send-digest cannot tell that these articles already went out under
   * another digest id (issue 11, fault 9).
   */
  editionsCarrying?(articleIds: string[]): Promise<EditionCandidate[]>;
}

/** Articles read from the bucket, with the stable key each one is remembered by in the edition store. */
export interface CollectedArticles {
  articles: Article[];
  itemKeys: string[];
  /** Uploads that were skipped, one line each (unreadable, too large, not UTF-8). */
  notes: string[];
}

/** One queued slice of an edition's recipients (a message on the batch queue). */
export interface RecipientBatch {
  digestId: string;
  recipients: Array<{ email: string; name?: string }>;
}
