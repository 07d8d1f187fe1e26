import { quickBoundaries } from './quick-boundaries.js';

/**
 * What keeps a decision open: a forward-looking or unresolved marker. A pending item needs one; a deed
 * done ("approved a draft resolution") is history, and only the part of its sentence that says what
 * remains to happen is a follow-up.
 */
const UNRESOLVED = quickBoundaries(
  /\b(?:will|would|shall|(?:is|are|was|were)\s+(?:expected|due|set|poised|slated|scheduled)\s+to|(?:is|are)\s+due|awaits?|awaiting|pending|yet\s+to|not\s+yet|to\s+be\s+(?:voted|decided|considered|announced|debated|approved|adopted|signed|ratified|held|published)|later\s+this|next\s+(?:week|month|year|session|term|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:has|have)\s+(?:\d+|\p{L}+)\s+(?:days|weeks|months)\s+to|deadline|by\s+the\s+end\s+of|must\s+still|still\s+(?:has|have|needs?|must)\b)/iu,
);
// A decision taken: "approved", "was passed", "has signed". Not after a modal or "to (be)": "will be
// approved", "expected to sign" are still ahead.
const PAST_DEED =
  /(?<!\b(?:will|would|shall|to|could|may|might|should|must|cannot|can|not)\s+(?:be\s+|have\s+(?:been\s+)?)?)\b(?:approved|adopted|voted|passed|signed|ratified|rejected|endorsed|enacted|vetoed|decided|ruled|upheld|overturned|concluded|finali[sz]ed|awarded|granted)\b/i;
// A new main clause: "; the House ...", ", but the full assembly ...", " and the House ...".
// Without a comma, "and" before a name or "the" mostly joins two names ("Queensland and NSW", "Wigan and
// Leigh Magistrates' Court"); before a pronoun it starts a clause.
const CLAUSE_OPENER = String.raw`(?=(?:the|a|an|its|their|it|they|he|she|\p{Lu}[\p{L}.'\u2019-]*)\s)`;
const MAIN_CLAUSE = new RegExp(
  String.raw`;\s+|,?\s+(?:but|while|whereas)\s+${CLAUSE_OPENER}|,\s+and\s+${CLAUSE_OPENER}|\s+and\s+(?=(?:its|their|it|they|he|she)\s)`,
  'gu',
);

// "He would hold a town hall on Dec. 10 and urged residents to ...": one subject, two steps.
const SHARED_SUBJECT_STEP =
  /,?\s+and\s+(?=(?:urged|ordered|asked|called|directed|told|warned|pledged|promised|vowed|gave|set|scheduled|plans?|will|would|is\s+expected|are\s+expected)\b)/gu;

/**
 * The main clauses of a sentence, outside its quotations: the sentence cut before "; ", ", but the ...",
 * " and she ...", and before a second step of the same subject (" and urged ..."). One clause when
 * there is no such cut.
 */
export function mainClauses(sentence: string): string[] {
  const blank = unquoted(sentence);
  const cuts = [
    ...[...blank.matchAll(MAIN_CLAUSE)].map((m) => [m.index, m.index + m[0].length] as const),
    ...[...blank.matchAll(SHARED_SUBJECT_STEP)].map((m) => [m.index, m.index + m[0].length] as const),
  ].sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  let from = 0;
  for (const [at, next] of cuts) {
    if (at < from) continue;
    out.push(sentence.slice(from, at));
    from = next;
  }
  out.push(sentence.slice(from));
  return out.map((c) => c.trim()).filter((c) => c !== '');
}

/** A clause printed on its own: capitalised, with a full stop. */
export function asSentence(clause: string): string {
  const text = clause.trim().replace(/[,;:]$/, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]["\u201d\u2019)]?$/.test(text) ? '' : '.'}`;
}

/** The sentence with its quotations blanked (same length), so markers inside them do not count. */
function unquoted(sentence: string): string {
  return sentence.replace(/["\u201c][^"\u201d]*["\u201d]/g, (q) => ' '.repeat(q.length));
}

/** True when the sentence, outside its quotations, says something is still to happen or undecided. */
export function stillOpen(sentence: string): boolean {
  return UNRESOLVED.test(unquoted(sentence));
}

/** True when the sentence, outside its quotations, reports a decision already taken. */
export function reportsDeed(sentence: string): boolean {
  return PAST_DEED.test(unquoted(sentence));
}

/**
 * The main clause that says what remains to happen, after one that reports a deed done ("The Senate
 * passed the bill on Tuesday, but the House has yet to vote on it." gives "The House has yet to vote
 * on it."); null when the two are one clause, so the whole sentence is what remains.
 */
export function remainingClause(sentence: string): string | null {
  const blank = unquoted(sentence);
  const cuts = [0, ...[...blank.matchAll(MAIN_CLAUSE)].flatMap((m) => [m.index, m.index + m[0].length])];
  const clauses: { text: string; blank: string }[] = [];
  for (let i = 0; i < cuts.length; i += 2) {
    const from = cuts[i]!;
    const to = cuts[i + 1] ?? sentence.length;
    clauses.push({ text: sentence.slice(from, to), blank: blank.slice(from, to) });
  }
  const done = clauses.findIndex((c) => PAST_DEED.test(c.blank));
  if (done < 0 || UNRESOLVED.test(clauses[done]!.blank)) return null;
  const open = clauses.slice(done + 1).find((c) => UNRESOLVED.test(c.blank) && !PAST_DEED.test(c.blank));
  if (!open) return null;
  return asSentence(open.text);
}
