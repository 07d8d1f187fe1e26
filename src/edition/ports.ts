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
  /**
   * Marks source items seen (as if they had gone out in the named earlier edition) without recording an
   * edition: a scheduled run's duplicate uploads, so the next run does not find them again. Optional,
   * like `editionsCarrying`; a scheduled run leaves duplicates out only when the store has both.
   */
  markSeen?(items: Array<{ itemKey: string; digestId: string; date: string }>): Promise<void>;
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

/** Where a deployed draft stands (issue 13): its version, status and review deadlines. */
export interface DraftState {
  /** The edition id: the edition date, YYYY-MM-DD (one scheduled edition per day). */
  editionId: string;
  /** Grows by one on every push; an approve link names the version it showed. */
  version: number;
  status: import('./document.js').EditionStatus;
  createdAt: string;
  updatedAt: string;
  /** When an unapproved draft is sent anyway; absent: never. */
  autoApproveAt?: string;
  /** When a draft still waiting for approval raises the review alarm. */
  alarmAt: string;
  /** Why it was cancelled (by an editor, or superseded by a newer draft). */
  reason?: string;
}

/** Deployed drafts: the document (S3 in AWS) and its state (the editions table). */
export interface DraftStore {
  /** Stores a new draft at its version; false when a draft with this id exists already. */
  create(doc: import('./document.js').EditionDocument, state: DraftState): Promise<boolean>;
  state(editionId: string): Promise<DraftState | undefined>;
  /** The draft and the document of its current version. */
  load(
    editionId: string,
  ): Promise<{ state: DraftState; doc: import('./document.js').EditionDocument } | undefined>;
  /**
   * Replaces a draft's document when its stored version is still `baseVersion` and it is a draft; the new
   * version is `baseVersion + 1`. Returns the new state, or `stale` when someone else pushed (or it is no
   * longer a draft) in between.
   */
  replace(
    editionId: string,
    doc: import('./document.js').EditionDocument,
    baseVersion: number,
    now: Date,
  ): Promise<DraftState | 'stale'>;
  /** Moves the status from one of `from` to `to` (only at `version`, when given); false when it was not. */
  transition(
    editionId: string,
    from: readonly import('./document.js').EditionStatus[],
    to: import('./document.js').EditionStatus,
    options: { version?: number; now: Date; reason?: string },
  ): Promise<boolean>;
  /** The id of the draft waiting for review, if any. */
  pending(): Promise<string | undefined>;
}
