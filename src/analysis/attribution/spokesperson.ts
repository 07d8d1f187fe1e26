/**
 * "A defense ministry spokesman said": the words are the ministry's, spoken through an unnamed
 * spokesperson. The body is named as the article names it ("South Korea's Defense Ministry"); the
 * role keeps the spokesperson's title. A spokesperson of no named body stays anonymous.
 */
import { ORG_NOUNS } from '../lexicon.js';
import { quickBoundaries } from '../quick-boundaries.js';

const SPOKESPERSON = quickBoundaries(
  /^(.*?)\s*\b(spokes(?:man|woman|person)|press\s+(?:secretary|officer))\b(?:\s+(?:for|of|at)\s+(.+))?$/iu,
);
const LEADING = quickBoundaries(
  /^(?:(?:a|an|the|one|another|senior|chief|deputy|official|unnamed|anonymous)\s+)+/iu,
);
const CAPITALISED_WORD = /(?:\p{Lu}[\p{L}.'\u2019-]*|of|for|and|the)$/u;

export interface BodyAttribution {
  speaker: string;
  role: string;
}

/** The named body behind a spokesperson's description, looked up in the article before `before`. */
export function spokespersonBody(role: string, text: string, before: number): BodyAttribution | null {
  const m = SPOKESPERSON.exec(role.trim());
  if (!m) return null;
  const title = m[2]!.toLowerCase().replace(/\s+/g, ' ');
  const body = (m[3] ? nameRun(m[3].replace(LEADING, '')) : (m[1] ?? ''))
    .replace(LEADING, '')
    .replace(/[\s,.;:]+$/, '')
    // "the Dubai Land Department (DLD)": the short form in brackets is no part of the name.
    .replace(/\s*\([\p{Lu}&.]{2,10}\)$/u, '')
    // "the Environment Ministry in Hanover": where the body sits is no part of its name.
    .replace(/\s+(?:in|at|based\s+in)\s+\p{Lu}[\p{L}.'\u2019-]*(?:\s+\p{Lu}[\p{L}.'\u2019-]*)?$/u, '')
    .trim();
  // "the spokesperson said", a few paragraphs after "A City of Raleigh spokesperson said": the same one.
  if (!body && !m[3])
    return definiteNear(title, text, before) ? earlierSpokesperson(title, text, before) : null;
  if (!body || !/\p{L}{2}/u.test(body)) return null;
  // "Swedish fashion retailer Nordvik": the description before the name is no part of it.
  const described =
    /\s(?!(?:of|for|and|the|de|du|van|von)\s)\p{Ll}[\p{L}-]*\s+(\p{Lu}[\p{L}.'\u2019&-]*(?:\s+(?:(?:of|for|and|the)\s+)?\p{Lu}[\p{L}.'\u2019&-]*)*)$/u.exec(
      body,
    );
  if (described) return { speaker: namedInText(described[1]!, text, before) ?? described[1]!, role: title };
  const named = namedInText(body, text, before);
  if (named) return { speaker: named, role: title };
  // "a Home Office spokeswoman": the description itself names the body.
  if (/^\p{Lu}/u.test(body) && !/^(?:He|She|They|It)$/u.test(body))
    return { speaker: stripThe(body), role: title };
  // "a spokesperson for the secretary of state's office": a body named by common nouns, as the article
  // introduced it ("The Texas secretary of state's office").
  // A bare "the union" names no body of its own.
  const words = body.split(/\s+/);
  if (ORG_NOUNS.has(words.at(-1)!.toLowerCase())) {
    const introduced = introducedAs(body, text, before);
    if (introduced || words.length > 1) return { speaker: introduced ?? body, role: title };
  }
  return null;
}

/** Whether the article calls the spokesperson nearest the quote "the spokesperson" (one met before), not "a spokesperson". */
function definiteNear(title: string, text: string, at: number): boolean {
  const re = new RegExp(String.raw`\b(the|an?)[ \t]+${title}\b`, 'giu');
  let nearest: { distance: number; definite: boolean } | null = null;
  for (const hit of text.slice(Math.max(0, at - 300), at + 300).matchAll(re)) {
    const distance = Math.abs(Math.max(0, at - 300) + hit.index - at);
    if (!nearest || distance < nearest.distance)
      nearest = { distance, definite: hit[1]!.toLowerCase() === 'the' };
  }
  return nearest?.definite ?? false;
}

/** The body of the latest spokesperson described with one before `before`, for a bare "the spokesperson". */
function earlierSpokesperson(title: string, text: string, before: number): BodyAttribution | null {
  const re = new RegExp(
    // Words of one sentence: no full stop but an initial's ("U.S."), no line break.
    String.raw`\b(?:[Aa]n?|[Tt]he)[ \t]+((?:(?:(?:\p{Lu}\.)+|[\p{L}'\u2019&-]+)[ \t]+){1,6}?${title}|${title}[ \t]+(?:for|of|at)[ \t]+[^.;,\n]{2,80})`,
    'gu',
  );
  let last: BodyAttribution | null = null;
  for (const hit of text.slice(0, before).matchAll(re)) {
    const found = spokespersonBody(hit[1]!, text, hit.index);
    if (found) last = found;
  }
  return last;
}

/** "secretary of state's office" as the article first gave it, with the proper words before it. */
function introducedAs(body: string, text: string, before: number): string | null {
  const escaped = body
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/['\u2019]/g, "['\u2019]")
    .replace(/\s+/g, '\\s+');
  const re = new RegExp(String.raw`((?:\p{Lu}[\p{L}.'\u2019-]*[ \t]+){1,3})${escaped}(?![\p{L}])`, 'gu');
  let found: string | null = null;
  for (const hit of text.slice(0, before).matchAll(re)) {
    const proper = stripThe(hit[1]!.trim());
    if (proper) found = `${proper} ${body}`;
  }
  return found;
}

/**
 * "Creekview Developers rejected the allegations": after "a spokesperson for", the body's name ends
 * where the clause's verb begins.
 */
function nameRun(words: string): string {
  return words.replace(
    /\s+(?:\p{Ll}+ed|said|says|told|tells|is|was|are|were|has|had|have|will|would|did|does|declined|refused)\b.*$/u,
    '',
  );
}

/** The latest capitalised occurrence of the body's words before `before`, with a possessive owner. */
function namedInText(body: string, text: string, before: number): string | null {
  const escaped = body.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const re = new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'giu');
  let found: { start: number; end: number } | null = null;
  for (const hit of text.slice(0, before).matchAll(re)) {
    const words = hit[0].split(/\s+/);
    if (words.every((w) => /^\p{Lu}/u.test(w))) found = { start: hit.index, end: hit.index + hit[0].length };
  }
  if (!found) return null;
  // Extend backwards over capitalised words and one possessive: "South Korea's" + "Defense Ministry".
  let start = found.start;
  const head = text.slice(Math.max(0, start - 80), start);
  const owner =
    /((?:\p{Lu}[\p{L}.'\u2019-]*[ \t]+){0,3}\p{Lu}[\p{L}.-]*['\u2019]s[ \t]+|(?:\p{Lu}[\p{L}.'\u2019-]*[ \t]+){1,3})$/u.exec(
      head,
    );
  if (owner && CAPITALISED_WORD.test(owner[1]!.trim().split(/\s+/).at(-1) ?? '')) start -= owner[1]!.length;
  return stripThe(text.slice(start, found.end));
}

/** "A Home Office", "The Home Office", "One Home Office": a determiner is no part of the body's name. */
function stripThe(name: string): string {
  return name.replace(/^(?:(?:The|the|A|An|One|Another)\s+)+/u, '').trim();
}
