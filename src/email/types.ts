import type { Analysis } from '../analysis/types.js';
import type { Article } from '../article/types.js';
import type { Selection } from '../selection/types.js';
import type { Theme } from './theme.js';

/** One article as it goes into a digest. */
export interface DigestItem {
  article: Article;
  analysis: Analysis;
  /** What the email shows of it; compose fills in the default selection when it is absent. */
  selection?: Selection;
  /** What the email shows at a compaction level, when an editor decided it (an edition document). */
  select?: (level: Selection['level']) => Selection;
}

/** Edition metadata chosen by the caller (CLI, Lambda). */
export interface Edition {
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** Base URL under which the web version of each edition is published (view-in-browser). */
  webBaseUrl?: string;
  /** The editor's subject, replacing the subject template's. */
  subject?: string;
  /** The editor's preheader, replacing the preheader template's. */
  preheader?: string;
  /** The editor's note, shown above the stories. */
  note?: string;
}

/** A composed digest: 1..N articles for one edition. `id` is deterministic (articles + date). */
export interface Digest {
  id: string;
  edition: Edition;
  subject: string;
  preheader: string;
  items: DigestItem[];
  /** The validated theme given to compose; render uses it unless it is given another. */
  theme?: Theme;
}

/** The rendered digest before personalisation; per-recipient slots are still placeholders. */
export interface Rendered {
  digestId: string;
  subject: string;
  html: string;
  text: string;
  warnings: string[];
  /**
   * Marks the per-recipient placeholders in `html` and `text` (unsubscribe URL, view-in-browser URL,
   * name) that `personalize` fills. Derived from the content, so article text cannot forge one.
   */
  slotKey?: string;
  /** The web version's URL when the edition has a `webBaseUrl` (the default view-in-browser link). */
  webUrl?: string;
  /** The edition's dated events as an iCalendar object (attached as events.ics), when there are any. */
  calendar?: string;
}

export interface Recipient {
  email: string;
  name?: string;
}

/** What one recipient gets: the rendered digest with their own links filled in. */
export interface PersonalizedMessage {
  digestId: string;
  to: Recipient;
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string;
  unsubscribeMailto?: string;
  viewInBrowserUrl?: string;
  /** The edition's calendar (events.ics), the same for every recipient. */
  calendar?: string;
}
