import { quickBoundaries } from './quick-boundaries.js';
/** A reading pointer: "(See related article.)", "For more information on X, see Y." */
export interface ReadingPointer {
  target?: string;
  url?: string;
  /** When only the sentence's last clause points elsewhere ("..., and the map is on the X website"): that clause. */
  clause?: string;
}

const SEE_RELATED =
  /^\(?\s*(?:see|read)\s+(?:also\s+)?(?:the\s+)?(?:related|more|full|earlier|previous)\b.*\)?$/i;
const FOR_MORE = quickBoundaries(
  /^\(?\s*for\s+(?:(?:the\s+)?(?:latest|current|up-to-date|full)\s+\p{L}+|more|further|additional|related|background|advice|guidance|details|help)\b[^,]*?,?\s+(?:please\s+)?(?:see|visit|read|go\s+to|consult|refer\s+to|check)\s+(.+?)[\s.)]*$/iu,
);
const SEE_ALSO = /^\(?\s*see\s+also:?\s+(.+?)[\s.)]*$/i;
// "Readers ... can see the Citizens Advice page 'X'": a directive to a page, guide or site.
const SEE_PAGE =
  /(?:^|\b(?:can|may|should|could|please)\s+)(?:see|visit|consult|check)\s+((?:the\s+)?[^.;]{0,80}?\b(?:page|website|site|guide|factsheet|webpage|section)\b[^.;]*?)[\s.)]*$/i;
const URL = /\bhttps?:\/\/[^\s)\]]+[^\s)\].,;]/i;
// "posted at millbrookcity.gov/grandave": an address written without its scheme.
const BARE_ADDRESS =
  /\b(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|int|mil|info|io|[a-z]{2})(?:\/[^\s)\]]*[^\s)\].,;])?(?![\p{L}\d-])/gu;
// "Tickets can be ordered at www.example.no/show": something to get at an address.
const AT_ADDRESS = /\b(?:at|on|via|from)\s+(?:https?:\/\/|www\.)/i;
// "The full report, X, is available on the group's website at ...": a document and where to read it.
const AVAILABLE_AT =
  /\b(?:is|are)\s+(?:now\s+)?(?:available|posted|published|online)\s+(?:online\s+)?(?:on|at)\b/i;
// "READ MORE | Why the province still burns coal": a web page's link to another story, by its title.
const READ_MORE = /^(?:read|see)\s+(?:more|also)\s*[|:\u2014\u2013-]\s*(.{8,})$/i;

// "The full report is available on the NTSB's website", "The memo was later posted on the company's
// blog": a named document and the named site where the reader finds it (no address needed).
const SITE_NOUN = String.raw`(?:website|web\s+site|site|web\s+page|page|blog|portal|dashboard|docket|(?:online|interactive)\s+(?:atlas|database|archive|map|register|library|dashboard|docket|chart|tool|tracker|graphic))`;
const ON_NAMED_SITE = new RegExp(
  String.raw`^(?:(?:[\p{Lu}][\p{L}.'\u2019-]*\s+){0,3}said\s+)?(.{3,120}?)\s+(?:(?:is|are|was|were|will\s+be|can\s+be|(?:has|have)\s+been)\s+(?:now\s+|also\s+|later\s+|being\s+|freely\s+|publicly\s+)?(?:available|posted|published|listed|uploaded|downloaded|read|viewed|consulted|accessed|found|checked|searched|free\s+to\s+(?:read|download))(?:\s+in\s+full)?(?:\s+(?:free\s+of\s+charge|for\s+free))?(?:\s+(?:for|to)\s+(?:review|inspection|viewing|download|the\s+public))?\s+(?:online\s+)?(?:on|at|from|via|through|in)|(?:is|are)\s+(?:also\s+)?on(?=\s+[^.;,]{0,60}?\b(?:website|web\s+site|web\s+page|portal)\b))\s+((?:the\s+|its\s+|their\s+|an?\s+)?[^.;,]{0,60}?\b${SITE_NOUN}(?:\s+(?:of|hosted\s+by)\s+(?:the\s+)?\p{Lu}[\p{L}'\u2019-]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}'\u2019-]*)*(?:\s+\p{Ll}+)?)?)\b`,
  'u',
);
// "Anyone who wants to read the proposal can find it on the government's website".
const FIND_IT_ON = new RegExp(
  String.raw`\bcan\s+(?:find|read|download|view|consult|see)\s+(?:it|them|the\s+[^.;,]{1,60}?|(?:how|what|where|which|whether)\s+[^.;,]{1,80}?)\s+(?:on|at|in)\s+((?:the\s+|its\s+|their\s+|our\s+)?[^.;,]{0,60}?\b${SITE_NOUN})\b`,
  'u',
);
const PUBLISHES_ON_SITE = quickBoundaries(
  /\b(?:publishes|posts|posted|published|will\s+publish|will\s+post)\s+(.{3,160}?)\s+on\s+((?:its|their|the\s+[^.;,]{1,40}?)\s+(?:website|site|web\s+page|page|blog|portal|dashboard))\b/iu,
);

/** Recognises a sentence that points the reader elsewhere, with its target when it names one. */
export function readingPointer(sentence: string): ReadingPointer | null {
  const s = sentence.trim();
  const readMore = READ_MORE.exec(s);
  if (readMore) return { target: readMore[1]!.replace(/[\s.]+$/, '') };
  const url = URL.exec(s)?.[0] ?? addressOf(s);
  // "The text is on the board's website; for more information see ...": the pointer is the last clause.
  const last = s.slice(s.lastIndexOf(';') + 1).trim();
  const more = FOR_MORE.exec(s) ?? FOR_MORE.exec(last) ?? SEE_ALSO.exec(s);
  if (more) {
    const target = unquote(more[1]!);
    return url ? { target, url } : { target };
  }
  if (SEE_RELATED.test(s)) return url ? { url } : {};
  const page = SEE_PAGE.exec(s);
  if (page) {
    const target = page[1]!.replace(/\s+for\s+(?:more|further)\s+(?:information|details)$/i, '').trim();
    return url ? { target, url } : { target };
  }
  // "The ministry set up a hotline, and information about it is available on the ministry's Web site":
  // the pointer may be the sentence's last clause.
  const lastClause = /,\s+and\s+([^,;]{10,})$/u.exec(s)?.[1];
  const inClause = lastClause ? ON_NAMED_SITE.exec(lastClause) : null;
  const onSite = inClause ?? ON_NAMED_SITE.exec(s) ?? PUBLISHES_ON_SITE.exec(s);
  if (onSite && !/^(?:it|this|that|they|he|she)$/i.test(onSite[1]!.trim()) && namedSite(onSite[2]!)) {
    const target = `${onSite[1]!
      .trim()
      .replace(/,$/, '')
      .replace(/^(?:the|a|an)\s+/i, (m) => m.toLowerCase())} (${onSite[2]!.trim()})`;
    return { target, ...(url ? { url } : {}), ...(inClause ? { clause: lastClause } : {}) };
  }
  const findIt = FIND_IT_ON.exec(s);
  if (findIt) return url ? { target: findIt[1]!.trim(), url } : { target: findIt[1]!.trim() };
  if (
    url &&
    (/\b(?:see|visit|read|available at|more at|details at|full text)\b/i.test(s) ||
      AVAILABLE_AT.test(s) ||
      AT_ADDRESS.test(s))
  )
    return { url, target: url };
  return null;
}

/** A bare "dashboard" or "docket" is a site only when the article says whose ("the department's dashboard"). */
function namedSite(site: string): boolean {
  return (
    !/\b(?:dashboard|docket)$/.test(site) || /['\u2019]s\b|\p{Lu}|\b(?:online|data|interactive)\b/u.test(site)
  );
}

/** An address written without "https://" (an email address is not one), given its scheme. */
function addressOf(s: string): string | undefined {
  for (const m of s.matchAll(BARE_ADDRESS)) {
    if (s.charAt(m.index - 1) === '@' || /@/.test(m[0])) continue;
    if (!/\//.test(m[0]) && !/^www\./.test(m[0]) && !AVAILABLE_AT.test(s)) continue;
    return `https://${m[0]}`;
  }
  return undefined;
}

/** A target in quotation marks loses them; one that only ends in a quoted title keeps both marks. */
function unquote(target: string): string {
  const t = target.trim();
  return /^["\u201c]/.test(t) ? t.replace(/^["\u201c]|["\u201d]$/g, '').trim() : t;
}
