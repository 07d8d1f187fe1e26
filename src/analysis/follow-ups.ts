import { readingPointer } from './reading.js';
import type { Sentence } from './sentences.js';
import type { FollowUp, FollowUpKind } from './types.js';

const SUGGESTION =
  /\b(?:suggest(?:s|ed|ing)?|propos(?:e|es|ed|ing)|recommend(?:s|ed|ing)?|advis(?:e|es|ed|ing))\s+(?:that\b|to\b|(?:[\p{L}'-]+\s+){0,5}(?:could|should|might|would|consider)\b)/iu;
const PENDING =
  /\b(?:draft\s+(?:resolution|law|bill|legislation|agreement|proposal)|would\s+have\s+(?:the\s+)?[\p{L}\d\s-]{0,60}?\b(?:call|require|ask|urge|order|ban|allow)|(?:resolution|bill|law|measure|proposal|plan|legislation|deal|agreement)\s+(?:that\s+|which\s+)?would\b|(?:is|are|was|were)\s+(?:expected|due|set|poised|slated)\s+to|(?:is|are)\s+due\b|awaiting|pending|yet\s+to\s+(?:be|decide|vote|rule)|has\s+not\s+yet|have\s+not\s+yet|deadline|(?:has|have|had)\s+(?:\d+|\p{L}+)\s+(?:days|weeks|months)\s+to|will\s+(?:vote|decide|consider|rule|review|debate|announce|publish|release|issue|unveil|present|submit|introduce|sign|propose|investigate|appeal)|(?:plans?|planned|intends?|intended|aims?|vowed|vows|pledged|pledges|promised|promises|agreed|threatened|threatens)\s+to\s+\p{L}|to\s+be\s+(?:voted|decided|considered|announced)|by\s+the\s+end\s+of)\b/iu;
const EVENT =
  /\b(?:(?:will|is\s+to|are\s+to|plans?\s+to|is\s+scheduled\s+to|are\s+scheduled\s+to)\s+(?:hold|host|visit|travel|meet|attend|speak|address|open|launch|begin|start|convene|testify|resume|reopen|take\s+place|be\s+held)|(?:is|are|was)\s+scheduled\s+(?:for|on|to)|(?:next|later\s+this|early\s+next|this\s+coming)\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|upcoming\s+(?:summit|meeting|talks|vote|election|hearing|conference|visit))\b/i;
const ACTION =
  /\b(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to|had\s+better|urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|for|upon)|demand(?:s|ed|ing)?|press(?:es|ed|ing)?\s+(?:[\p{L}-]+\s+){1,3}to|(?:ask|asks|asked|appeal(?:s|ed)?)\s+(?:[\p{L}-]+\s+){1,3}to)\b/iu;
const FUTURE =
  /\b(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|intends?\s+to|is\s+going\s+to|are\s+going\s+to)\b/i;
const DATED =
  /\b(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:on|by|from|until|starting)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|tomorrow|tonight|next\s+(?:week|month|year))\b/;
// A future verb with its date in the same stretch: "will meet again on July 30".
const FUTURE_DATED = new RegExp(`${FUTURE.source}[^.;]{0,80}?${DATED.source}`, 'i');
// "TOKYO, Sept 27 (Reuters) - ": the dateline's date is when the story was filed, not a follow-up.
const DATELINE = /^[\p{Lu}][\p{Lu}\p{L}\d .,'-]{1,60}?(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]+\s+/u;
const NEGATED_NEED = /\b(?:no\s+need\s+to|need\s+not|needn't|does\s+not\s+need\s+to|doesn't\s+need\s+to)\b/i;

/**
 * Finds the follow-up items: calls to action, pending decisions, scheduled events, suggestions and
 * reading pointers. Possibility modals ("could benefit", "can be") are not follow-ups.
 */
export function findFollowUps(sentences: Sentence[]): FollowUp[] {
  const items: FollowUp[] = [];
  for (const s of sentences) {
    const base = { text: s.text, sentence: s.text, start: s.start, end: s.end };
    const pointer = readingPointer(s.text);
    if (pointer) {
      const item: FollowUp = { ...base, kind: 'reading' };
      if (pointer.target) item.target = pointer.target;
      if (pointer.url) item.url = pointer.url;
      items.push(item);
      continue;
    }
    const kind = classify(s.index === 0 ? s.text.replace(DATELINE, '') : s.text);
    if (kind) items.push({ ...base, kind });
  }
  return items;
}

function classify(sentence: string): FollowUpKind | null {
  if (SUGGESTION.test(sentence)) return 'suggestion';
  if (PENDING.test(sentence)) return 'pending';
  if (EVENT.test(sentence) || FUTURE_DATED.test(sentence)) return 'event';
  if (ACTION.test(sentence) && !NEGATED_NEED.test(sentence)) return 'action';
  return null;
}
