import { aheadKind, outsideQuotes, tellsReadersToAct } from './ahead.js';
import {
  detectorEvidence,
  detectProbability,
  kindEvidence,
  predictKind,
  shippedKindModel,
} from './kind-model.js';
import { quickBoundaries } from './quick-boundaries.js';
import { readingPointer } from './reading.js';
import type { Sentence } from './sentences.js';
import { asSentence, mainClauses, remainingClause, reportsDeed, stillOpen } from './still-open.js';
import type { FollowUp, FollowUpKind } from './types.js';

const SUGGESTION = quickBoundaries(
  /\b(?:suggest(?:s|ed|ing)?|propos(?:e|es|ed|ing)|recommend(?:s|ed|ing)?|advis(?:e|es|ed|ing))\s+(?:that\b|to\b|(?:[\p{L}'-]+\s+){0,5}(?:could|should|might|would|consider)\b)/iu,
);
// "The findings, published on Tuesday, suggest ...": findings indicate, they do not propose.
const FINDINGS_SUBJECT =
  /\b(?:findings|study|studies|data|results|research|evidence|figures|analysis|survey|polls?|numbers|models?)(?:\s*,[^.;]{0,160},)?\s*$/i;
const PENDING = quickBoundaries(
  /\b(?:draft\s+(?:resolution|law|bill|legislation|agreement|proposal)|would\s+have\s+(?:the\s+)?[\p{L}\d\s-]{0,60}?\b(?:call|require|ask|urge|order|ban|allow)|(?:resolution|bill|law|measure|proposal|plan|legislation|deal|agreement)\s+(?:that\s+|which\s+)?would\b|(?:is|are|was|were)\s+(?:expected|due|set|poised|slated)\s+to|(?:is|are)\s+due\b|awaits?|awaiting|pending|yet\s+to\s+(?:be|decide|vote|rule)|(?:has|have|is|are)\s+yet\s+to\s+\p{L}+|has\s+not\s+yet|have\s+not\s+yet|deadline|(?:has|have|had)\s+(?:\d+|\p{L}+)\s+(?:days|weeks|months)\s+to|will\s+(?:vote|decide|consider|rule|review|debate|announce|publish|release|issue|unveil|present|investigate)|to\s+be\s+(?:voted|decided|considered|announced)|by\s+the\s+end\s+of)\b/iu,
);
const EVENT_VERB =
  /\b(?:(?:will|is\s+to|are\s+to|(?:is|are)\s+(?:scheduled|expected)\s+to)\s+(?:hold|host|visit|travel|meet|attend|speak|address|open|launch|begin|start|convene|testify|resume|reopen|take\s+place|be\s+held)|(?:is|are|was)\s+scheduled\s+(?:for|on|to))\b/i;
const EVENT_WHEN =
  /\b(?:(?:next|later\s+this|early\s+next|this\s+coming)\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|upcoming\s+(?:summit|meeting|talks|vote|election|hearing|conference|visit))\b/i;
// "demanded", "demands that": a demand made of someone; "demand" alone is mostly the noun.
const DEMAND = String.raw`(?:demand(?:ed|ing)(?!\s+for\b)|demands?\s+that)`;
const ACTION = quickBoundaries(
  new RegExp(
    String.raw`\b(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to|had\s+better|urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|for|upon)|${DEMAND}|press(?:es|ed|ing)?\s+(?:[\p{L}-]+\s+){1,3}to|(?:ask|asks|asked|appeal(?:s|ed)?)\s+(?!not\b)(?:[\p{L}-]+\s+){1,3}to)\b`,
    'iu',
  ),
);
const FUTURE =
  /\b(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|intends?\s+to|is\s+going\s+to|are\s+going\s+to)\b/i;
const DATED =
  /\b(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:on|by|from|until|starting)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|tomorrow|tonight|next\s+(?:week|month|year))\b/;
// A future verb with its date in the same stretch: "will meet again on July 30".
const FUTURE_DATED = new RegExp(`${FUTURE.source}[^.;]{0,80}?${DATED.source}`, 'i');
// "TOKYO, Sept 27 (Reuters) - ": the dateline's date is when the story was filed, not a follow-up.
const DATELINE = /^[\p{Lu}][\p{Lu}\p{L}\d .,'-]{1,60}?(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]+\s+/u;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTH_ABBREVIATIONS = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
// When a future step happens: a date, a weekday, a month, "next week", "later this month".
const WHEN = new RegExp(
  `\\b(?:(?:on|by|from|until|starting|this|next|before|for|\\d{1,2}(?:[:.]\\d{2})?\\s*[ap]\\.?m\\.?)\\s+(?:${WEEKDAYS})|(?:in|by|until|before|from|early|late|mid|next)\\s+(?:${MONTHS})|(?:${MONTHS}|(?:${MONTH_ABBREVIATIONS})\\.?)\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\b|(?:next|later\\s+this|early\\s+next|this\\s+coming|in\\s+the\\s+coming)\\s+(?:week|weeks|month|months|year|spring|summer|autumn|fall|winter)|tomorrow|tonight)`,
  'i',
);
const WHEN_ALL = new RegExp(WHEN.source, 'gi');
// Reported or possible future: "said it would share", "could make his debut".
const SOFT_AHEAD = /\b(?:would|could)\b/i;
// "planes were expected on Monday morning", "he expected the final vote on Thursday".
const EXPECTED_AT = quickBoundaries(
  /\b(?:(?:is|are|was|were)\s+expected\s+(?:on|at|by|early|late|later|tomorrow|tonight|this|next)|expect(?:s|ed)?\s+(?:the|a|an)\s+[\p{L}\s-]{0,40}?\b(?:vote|meeting|decision|ruling|verdict|result|results|report|announcement|hearing)\b)/iu,
);
// A future marker: the step has not happened yet.
const AHEAD =
  /\b(?:will|shall|is\s+to|are\s+to|(?:is|are|was|were)\s+(?:expected|scheduled|set|due|slated|poised|planning|going)\s+to|(?:is|are)\s+(?:scheduled|set|due|listed)\s+(?:for|on)|plans?\s+to|upcoming)\b/i;
// Things that take place on a date: meetings, votes, hearings, publications, a storm's landfall.
const HAPPENING =
  /\b(?:meet|meets|meeting|vote|votes|voting|hold|holds|host|hosts|visit|visits|travel|attend|speak|address|convene|testify|hearing|summit|conference|talks|session|appearance|appear|trial|sentencing|sentenced|heard|hear|question|questioned|ceremony|sworn|swearing|inaugurat\w*|take\s+office|debut|election|referendum|debate|publish|release|announce|unveil|present|report|landfall|arrive|investor\s+day|strike|strikes|walkout|protest|protests|rally|march|demonstration|race|take\s+place|be\s+held|discussed|considered|examined|resume|reconvene)\b/i;
// A decision or outcome still open: talks, reviews, negotiations, deadlines, expiries.
const OPEN_QUESTION = quickBoundaries(
  /\b(?:(?:declined|refused)\s+to\s+(?:say|comment\s+on)\s+(?:whether|if|when)|(?:is|are|remains?)\s+under\s+(?:investigation|review|consideration)|had\s+yet\s+to\s+\p{L}+|(?:has|have|had)\s+not\s+(?:said|decided|announced|confirmed)\s+(?:whether|if|when)|(?:had|has|have)\s+not\s+yet\s+been\s+\p{L}+ed|in\s+talks\s+with\b|(?:talks|negotiations|discussions|consultations|dialogue|investigations?|inquiry|review|search|mediation)\s+(?:[\p{L}-]+\s+){0,4}?(?:would|will)\s+(?:continue|resume|go\s+on)|(?:is|are|was|were)\s+not\s+(?:expected|due|likely)\s+(?:until|before)|(?:will\s+not|won['\u2019]t)\s+be\s+(?:known|clear|decided|settled|confirmed)\s+(?:until|before)|plans?\s+by\s+[\p{L}\s.'-]{1,60}?\s+to\s+\p{L}|(?:still|yet)\s+(?:to\s+be|needs?\s+to\s+be|has\s+to\s+be|must\s+be|have\s+to\s+be)|must\s+still|(?:is|are)\s+(?:weighing|reviewing|considering|studying|examining|assessing)|(?:weigh|weighing|review|reviewing|consider|considering|decide|deciding|study|studying|examine|examining|determine|determining)\s+(?:\S+\s+){0,5}?(?:whether|if|how)|consider(?:ing|s|ed)?\s+\p{L}+ing\b|expires?\b|may\s+not\s+be|(?:did|does|would)\s+not\s+say\s+(?:\S+\s+){0,4}?(?:whether|if|when)|delay(?:ed|s)?\s+(?:\S+\s+){0,4}until)/iu,
);
// An indirect question or an unreached agreement: "without agreeing on how much rich nations should pay".
// "who" and "which" ask a question only after a word that takes one ("decide who should"); after a
// noun they open a relative clause whose modal belongs to the sentence ("Anyone who wants to speak must").
const EMBEDDED_MODAL = quickBoundaries(
  /(?:\b(?:how\s+much|how\s+many|how|whether|what|if)|(?<=\b(?:decide|decides|decided|deciding|know|knows|asked|ask|unclear|clear|sure|determine|determining|agree|agreed|agreeing|on|over|about|debate|debating|discuss|discussing|choose|choosing|say|said)\s+)(?:who|which))\s+(?:[\p{L}'-]+\s+){0,6}?(?:should|must|ought\s+to|needs?\s+to)\b/iu,
);
const DELIBERATION = quickBoundaries(
  /\b(?:(?:review|weigh|consider|decide|debat|discuss|study|examin|determin|assess)\p{L}*|look(?:s|ing|ed)?\s+(?:at|into))\s+(?:\S+\s+){0,3}?(?:whether|if|how)\b/iu,
);
// "would back the bill only if the cap was cut": support that waits on a condition. "would be
// meaningless unless" judges; it decides nothing.
const CONDITIONAL = quickBoundaries(/\b(?:would|will)\s+(?!be\b)(?:\S+\s+){0,4}?(?:only\s+if|unless)\b/iu);
// "will then go to the council, which has the final say": the decision lies ahead, with someone else.
const DECISION_AHEAD = quickBoundaries(
  /\b(?:(?:has|have|will\s+have|gets?)\s+the\s+final\s+(?:say|decision|word|vote)|will\s+(?:then\s+)?go\s+(?:to|before)\s+(?:the\s+)?(?:full\s+)?(?:city\s+|county\s+)?(?:council|board|committee|cabinet|parliament|senate|house|assembly|court|commission|voters|regulator))\b/iu,
);
// A commitment to act: "the company will close 45 stores", "plans to open", "pledged to fund".
const DEEDS = `take\\s+up|cover|push(?=\\s+(?:to|for)\\b)|hand|include|repay|refund|compensate|donate|close|open|cut|raise|lower|recall|submit|publish|fund|launch|build|hire|sell|buy|sign|appeal|sue|introduce|propose|send|deploy|return|install|expand|invest|pay|provide|extend|review|release|reduce|increase|ban|require|resume|hold|begin|start|seek|ask|file|apply|call|replace|appoint|restore|repair|rebuild|spend|allocate|halt|suspend|stop|withdraw|phase|lay|shut|reopen|add(?!\\s+to\\b)|create|set\\s+up|step\\s+down|take\\s+(?:steps|action|measures)|consider|investigate|audit|inspect|test|monitor|announce|unveil|present|table|put|bring|tax|impose|lift|scrap|drop|merge|acquire|list|issue|offer|double|triple|halve|pursue|lobby|attend|contact|notify|consult|negotiate|fight|contest|relocate|set\\s+aside|carry\\s+out|commission|assign|deliver|distribute|enforce|recruit|upgrade`;
// A commitment to act: "the company will close 45 stores", "plans to open", "pledged to fund".
// "a plan which would require ...": a relative clause says what a thing would do, nobody commits to it.
const COMMITMENT = new RegExp(
  `(?<!\\b(?:had|which|that)\\s)\\b(?:will|would|plans?\\s+to|planned\\s+to|intends?\\s+to|pledged\\s+to|vowed\\s+to|promised\\s+to|(?:is|are)\\s+going\\s+to|(?<!\\bhad\\s)agreed\\s+to|asked\\s+(?:\\S+\\s+){1,4}?(?:for|to))\\s+(?:(?:also|soon|then|now|quickly|immediately|gradually|eventually)\\s+)?(?:${DEEDS})\\b`,
  'i',
);
// Evidence the kind model and the detector weigh (the cascade does not): "X said the hospital would keep
// its team", "will be offered", but not "would be difficult" or "would have".
const REPORTED_FUTURE =
  /\b(?:said|says|told|announced|added|confirmed|indicated|stated|expects?|expected)\b[^.;"\u201c\u201d]{0,80}?\b(?:will|would)\s+(?:(?:also|then|now|soon|still|first|only|not)\s+)?(?!have\b|be\s+(?:a|an|the|able|unable|too|very|more|less|difficult|hard|impossible|possible|likely|unlikely)\b)\p{Ll}+/u;
const HYPOTHETICAL = quickBoundaries(/\b(?:if|unless|could|might)\b|\bwould\s+have\s+\p{Ll}+(?:ed|en)\b/iu);
// "committed to planting ... by 2030", "set a target of restoring", "aims to".
const TARGET = /\b(?:committed\s+to|target\s+of|set\s+a\s+target|goal\s+of|aims?\s+to|on\s+track\s+to)\b/i;
// "prosecutors were examining invoices", "was considering a challenge": work still going on.
const UNDER_WAY =
  /\b(?:is|are|was|were)\s+(?:still\s+)?(?:considering|weighing|examining|reviewing|studying|investigating|drawing\s+up|preparing|negotiating|discussing)\b/i;
// "the agency also wants emergency departments to test ...", "wanted the district to bargain".
const WANTS_DONE = /\b(?:wants?|wanted)\s+(?:\p{L}+\s+){1,5}?to\s+\p{Ll}+/u;
// "In 2019, the council promised ...", "two years ago", "last spring", "at the time": anchored in the past.
const PAST_ANCHOR =
  /^(?:In|Back\s+in)\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:19|20)\d{2},|\b(?:[Ss]ince|[Bb]ack\s+in)\s+(?:19|20)\d{2}\b|\b(?:last|previous)\s+(?:year|month|week|spring|summer|autumn|fall|winter|session|term)\b|\b(?:years?|months?|weeks?|decades?)\s+ago\b|\b[Aa]t\s+the\s+time\b|\b(?:was|were)\s+(?:shelved|scrapped|abandoned|dropped|cancel+ed)\b/u;
// "We will have more buoys ...", "My plan is to ...".
const OWN_FUTURE =
  /\b(?:[Ww]e|I)\s+(?:will|'ll|\u2019ll|are\s+going\s+to|am\s+going\s+to|plan\s+to|intend\s+to)\b|\b[Mm]y\s+plan\s+is\b/u;
// An announced plan or pledge: "promised to freeze fees", "plans to file". "had agreed to" is history.
const PLEDGE = quickBoundaries(
  /(?<!\b(?:had|which|that)\s)\b(?:plans?|planned|intends?|intended|aims?|vowed|vows|pledged|pledges|promised|promises|agreed|threatened|threatens)\s+to\s+\p{L}+/iu,
);
// "It estimates that burning coal would release ...": a finding about what would happen, not a plan.
const FINDING_THAT = quickBoundaries(
  /\b(?:estimat|found|finds|find|show|predict|project|calculat|model|conclud)\p{L}*\s+that\b[^.;]*$/iu,
);
const DISCLOSURE = /\b(?:publish|issue|release|announce|unveil|present|report)\b/i;
// "on Nov. 14", "starting Monday": a day, not a deadline or a season.
const ON_A_DAY =
  /\b(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:on|from|starting|this|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b/;
// "will submit", "would appeal": a deed announced, not a decision pending.
const WILL_DEED = /\b(?:will|would)\s+(?:also\s+)?(?:submit|introduce|sign|propose|appeal)\b/i;
// An explicit appeal outranks the pending words around it: "urged Congress to pass the bill".
const APPEAL = quickBoundaries(
  new RegExp(
    String.raw`\b(?:urg(?:e|es|ed|ing)|(?:told|advised)\s+(?!reporters\b|journalists\b|the\s+press\b)(?:[\p{L}-]+\s+){1,3}?to\s+(?!be\s+(?:told|seen)\b)\p{L}+|warn(?:s|ed|ing)?\s+(?:[\p{L}-]+\s+){1,4}?to\s+(?:be|avoid|stay|keep|check|watch|look)\b|${DEMAND}|appeal(?:s|ed|ing)?\s+to|(?:ask|asks|asked|asking)\s+(?!not\b)(?:[\p{L}\p{N}'-]+\s+){1,14}?(?:to|for))\b`,
    'iu',
  ),
);
// "announced two further strike days, on Dec. 6 and Dec. 13".
// "a report called \"Running Late\"" names a thing; it announces nothing.
const ANNOUNCED = quickBoundaries(
  /\b(?:announced|called(?!\s+["\u201c\u2018\p{Lu}])|set|scheduled|planned)\b/iu,
);
// "must submit a plan by March 13", "ordered the parties to submit proposals by Jan. 9": an obligation
// with its deadline is a call to action, not a happening on that day.
const OBLIGED_BY =
  /\b(?:must|has\s+to|have\s+to|(?:is|are|was|were)\s+(?:required|ordered|told|directed)\s+to|(?:ordered|directed|required|told)\s+(?:[\p{L}'\u2019-]+\s+){1,6}?to)\s+[^.;]{0,80}?\bby\s+(?:\p{Lu}|\d|the\s+end\b|mid-|early\b|late\b)/u;
// "gave lawmakers until Jan. 15 to adopt a new plan": a deadline.
const GAVE_UNTIL = /\bgave\s+(?:\S+\s+){1,4}?until\b/i;
// "has until Friday to table a plan", "would have until March 1 to register": a deadline on someone.
const HAS_UNTIL = quickBoundaries(
  /\b(?:has|have|had|would\s+have|will\s+have)\s+until\s+[^.;]{1,40}?\s+to\s+\p{L}+/iu,
);
// "could face a fine", "could sue if ...": an outcome that may yet come.
const POSSIBLE_OUTCOME = quickBoundaries(
  /\b(?:could|may|might)\s+(?:still\s+|now\s+|yet\s+)?(?:face|be\s+(?:fined|charged|suspended|banned|placed|removed|sacked|expelled|disqualified|forced|referred)|sue|appeal|challenge|strike|resign|place|block|veto|reject|overturn|cancel|withdraw)\b/iu,
);
// "a decision on the plan is expected after the budget": an outcome awaited.
const OUTCOME_EXPECTED = quickBoundaries(
  /\b(?:decision|ruling|verdict|judg(?:e)?ment|result|results|outcome|vote|announcement|findings)\b(?:\s+[\p{L}'\u2019-]+){0,6}?\s+(?:(?:is|are)\s+(?:now\s+)?(?:expected|due)|(?:could|would|will|may|might)\s+come)\b/iu,
);
// "an upgrade due to be completed in 2028": a project with its end date, an announced plan.
const DUE_TO_BE_DONE = quickBoundaries(
  /\bdue\s+to\s+be\s+(?:completed|finished|built|delivered|opened|ready|operational|launched)\b/iu,
);
// "I'd ask everyone who cares about this pool to make a submission": a speaker's own appeal, quoted.
const FIRST_PERSON_APPEAL =
  /\b(?:I|we)\s+(?:would\s+|will\s+|['\u2019]d\s+)?(?:ask|urge|call\s+on|appeal\s+to|encourage|invite)\s+(?:[\p{L}'\u2019-]+\s+){1,8}?to\s+\p{L}+/u;
// "If by Friday we have not seen the money, not a kilo will leave our farms": an ultimatum.
const ULTIMATUM = quickBoundaries(/\bif\s+by\s+[^,;]{1,40},[^.;]*\b(?:will|would)\b/iu);
// "Consumers who were injured are encouraged to lodge a report": an appeal in the passive.
const PASSIVE_APPEAL = quickBoundaries(
  /\b(?:are|is|(?:has|have)\s+been)\s+(?:(?:also|strongly|being)\s+)?(?:encouraged|advised|urged|asked|requested|invited|reminded)\s+to\s+\p{L}+/iu,
);
// "The Red Cross appealed for blankets": a call for help.
const APPEAL_FOR = quickBoundaries(/\bappeal(?:s|ed|ing)?\s+for\b/iu);
// Decisions and outcomes still open, in reported speech and in a speaker's words.
const STILL_TO_DECIDE = quickBoundaries(
  /\b(?:did\s+not|does\s+not|has\s+not|have\s+not|would\s+not|didn['\u2019]t|hasn['\u2019]t)\s+rule(?:d)?\s+out\b|\bfor\s+(?:the\s+)?[\p{L}\s'\u2019-]{1,40}?\s+to\s+(?:decide|determine|rule\s+on)\b|\b(?:is|are)\s+(?:now\s+|still\s+)?(?:investigating|probing|looking\s+into)\b|\b(?:is|are)\s+(?:now|still|also)\s+(?:expected|due|set|scheduled)\s+to\b/iu,
);
// "public money would be better spent on flood defences": a proposal.
const BETTER_SPENT = quickBoundaries(/\bwould\s+be\s+better\s+(?:spent|used|served|invested)\b/iu);
const NEGATED_NEED = /\b(?:no\s+need\s+to|need\s+not|needn't|does\s+not\s+need\s+to|doesn't\s+need\s+to)\b/i;

/**
 * Finds the follow-up items: calls to action, pending decisions, scheduled events, suggestions and
 * reading pointers. Possibility modals ("could benefit", "can be") are not follow-ups.
 */
export function findFollowUps(sentences: Sentence[], kinds: KindSource = 'model'): FollowUp[] {
  const items: FollowUp[] = [];
  for (const s of sentences) {
    const base = { text: s.text, sentence: s.text, start: s.start, end: s.end };
    const pointer = readingPointer(s.text);
    if (pointer) {
      const item: FollowUp = { ...base, kind: 'reading' };
      if (pointer.target) item.target = pointer.target;
      if (pointer.url) item.url = pointer.url;
      if (pointer.clause) item.text = asSentence(pointer.clause);
      items.push(item);
      if (!pointer.clause) continue;
    }
    // "X will hold sessions on Dec. 10, and the map is on the X website": the clause before the pointer.
    const ahead = pointer?.clause
      ? s.text.slice(0, s.text.lastIndexOf(pointer.clause)).replace(/,\s+and\s+$/u, '.')
      : s.text;
    const kind = followUpKind(s.index === 0 ? ahead.replace(DATELINE, '') : ahead, kinds);
    if (!kind) continue;
    // "X will hold a town hall on Dec. 10 and urged residents to ...": an event and a call to action,
    // each its own item when the clauses are of different kinds.
    if (pointer?.clause) {
      items.push({ ...base, text: ahead, kind });
      continue;
    }
    const clauses = mainClauses(s.text);
    const steps = clauses.length < 2 ? null : clauseSteps(clauses, kinds);
    if (steps && new Set(steps.map((step) => step.kind)).size > 1) {
      for (const step of steps) items.push({ ...base, ...step });
      continue;
    }
    // "She said the plaintiffs were likely to succeed, and she set a hearing for Jan. 12": the item is
    // the one clause that looks ahead.
    const only = steps ? onlyStep(clauses, steps) : null;
    if (only) {
      items.push({ ...base, ...only });
      continue;
    }
    // "The Senate passed the bill, but the House has yet to vote": only what remains is followed.
    const remaining = reportsDeed(s.text) ? remainingClause(s.text) : null;
    items.push({ ...base, kind, ...(remaining ? { text: remaining } : {}) });
  }
  return items;
}

/** The one clause of a sentence of several that looks ahead, when the others look ahead to nothing. */
function onlyStep(
  clauses: string[],
  steps: Array<{ text: string; kind: FollowUpKind }>,
): { text: string; kind: FollowUpKind } | null {
  if (steps.length !== 1) return null;
  // "Speaker Marcus Ahlberg said ..., and he called on ...": the pronoun needs the clause that names him.
  const pronoun = /^(?:he|she|it|they)\b/i.exec(steps[0]!.text)?.[0].toLowerCase();
  if (pronoun && !new RegExp(`^${pronoun}\\b`, 'i').test(clauses[0]!)) return null;
  return steps[0]!;
}

/**
 * Each clause that looks ahead, with its kind, printed as a sentence of its own; a subjectless clause
 * takes the sentence's subject. Null when a clause has no subject to take: it stays in its sentence.
 */
function clauseSteps(
  clauses: string[],
  kinds: KindSource,
): Array<{ text: string; kind: FollowUpKind }> | null {
  // "Brantley said he would ... and urged ...": the second step keeps the sentence's actor.
  const actor =
    /^((?:\p{Lu}[\p{L}.'\u2019-]*\s+){0,3}\p{Lu}[\p{L}.'\u2019-]*)\s+(?:said|says|told|added)\b/u.exec(
      clauses[0]!,
    )?.[1];
  const reported =
    /\b(?:said|says|told\s+[\p{L}\s.]{1,30}?|added)\s+(?:that\s+)?((?:its|his|her|their|the)\s+(?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+|it|they|he|she)\s+(?:would|will|planned|plans|intends|intended|had|has|was|is)\b/u.exec(
      clauses[0]!,
    )?.[1];
  // "The festival will hold a hui ... and plans to launch ...": the first clause's own subject.
  const leading =
    /^((?:The|A|An)\s+(?:[\p{L}'\u2019-]+\s+){0,3}?[\p{L}'\u2019-]+|She|He|They|It|We)\s+(?:will|would|asked|plans|planned|intends|has|have|is|are|was|were|urged|called|scheduled|set|ordered)\b/u.exec(
      clauses[0]!,
    )?.[1];
  const steps: Array<{ text: string; kind: FollowUpKind }> = [];
  for (const clause of clauses) {
    const kind = followUpKind(clause, kinds);
    if (!kind) continue;
    const subjectless = /^\p{Ll}/u.test(clause) && !/^(?:the|a|an|its|their|it|they|he|she)\s/u.test(clause);
    // "X said its board would meet ... and would ask lawmakers to ...": the reported subject ("its
    // board") goes before the second step; with nobody to put there, the clause stays in its sentence.
    const subject = actor ?? reported ?? leading;
    if (subjectless && !subject) return null;
    steps.push({ text: asSentence(subjectless && subject ? `${subject} ${clause}` : clause), kind });
  }
  return steps;
}

/** Who names a follow-up's kind: the trained model (default) or the hand-written cascade alone. */
export type KindSource = 'model' | 'rules';

/**
 * The kind of follow-up a sentence or clause is, or null when it looks ahead to nothing. Whether it
 * looks ahead is the cascade's call; which kind, the trained model's, which weighs the cascade's answer
 * with every cue that fired and the clause's words (annotators split dated commitments, decisions and
 * happenings in ways no fixed order of patterns follows).
 */
export function followUpKind(sentence: string, kinds: KindSource = 'model'): FollowUpKind | null {
  const read = readCues(sentence);
  const rule = ruleKind(read);
  if (kinds === 'rules') return rule;
  const model = shippedKindModel();
  const cues = cueNames(read);
  if (model.detector) {
    // What the patterns pass over, the detector may still find; what they find, it may overrule,
    // unless they read an outright appeal.
    const p = detectProbability(model, detectorEvidence(cues, sentence, rule !== null));
    if (rule === null ? p < model.detector.threshold : !readsAnAppeal(cues) && p < (model.detector.veto ?? 0))
      return null;
  } else if (rule === null) return null;
  return predictKind(model, kindEvidence(rule ?? 'none', cues, sentence));
}

/**
 * Every pattern of the cascade, tested once: the cascade decides from these, and the names of those
 * that fired (`CUE_NAMES`) are the kind model's evidence.
 */
function readCues(sentence: string) {
  const unquoted = outsideQuotes(sentence);
  const open = OPEN_QUESTION.exec(sentence);
  const suggestion = SUGGESTION.exec(sentence);
  return {
    readersAct: tellsReadersToAct(sentence),
    firstPersonAppeal: FIRST_PERSON_APPEAL.test(sentence),
    ultimatum: ULTIMATUM.test(sentence),
    passiveAppeal: PASSIVE_APPEAL.test(unquoted),
    appealFor: APPEAL_FOR.test(unquoted),
    betterSpent: BETTER_SPENT.test(sentence),
    suggestion: suggestion !== null && !FINDINGS_SUBJECT.test(sentence.slice(0, suggestion.index)),
    embeddedModal: EMBEDDED_MODAL.test(sentence),
    appealed: appealsOutright(sentence, open),
    calledOn: CALLED_ON.test(unquoted),
    decisionDated: DECISION_DATED.test(unquoted),
    ahead: AHEAD.test(sentence),
    when: WHEN.test(sentence),
    decisionWord: DECISION_WORD.test(unquoted),
    scheduling: SCHEDULING.test(unquoted),
    dueOnADay: dueOnADay(unquoted),
    openUntil: OPEN_UNTIL.test(unquoted),
    deliberation: DELIBERATION.test(sentence),
    hasUntil: HAS_UNTIL.test(sentence),
    obligedBy: OBLIGED_BY.test(unquoted),
    deedByDeadline: deedByDeadline(unquoted),
    scheduled: scheduled(sentence),
    gaveUntil: GAVE_UNTIL.test(sentence),
    changeAhead: CHANGE_AHEAD.test(unquoted),
    possiblyScheduled: possiblyScheduled(sentence),
    eventVerb: EVENT_VERB.test(sentence),
    openQuestion: open !== null,
    possibleOutcome: POSSIBLE_OUTCOME.test(sentence),
    outcomeExpected: OUTCOME_EXPECTED.test(sentence),
    stillToDecide: STILL_TO_DECIDE.test(sentence),
    plan: announcedPlan(sentence, false),
    planOrDisclosure: announcedPlan(sentence, true),
    dueToBeDone: DUE_TO_BE_DONE.test(sentence),
    conditional: CONDITIONAL.test(sentence),
    decisionAhead: DECISION_AHEAD.test(sentence),
    eventWhen: EVENT_WHEN.test(sentence),
    pendingWord: PENDING.test(sentence),
    stillOpen: stillOpen(sentence),
    action: ACTION.test(sentence),
    negatedNeed: NEGATED_NEED.test(sentence),
    futureDated: FUTURE_DATED.test(sentence),
    future: FUTURE.test(sentence),
    dated: DATED.test(sentence),
    onADay: ON_A_DAY.test(sentence),
    byDeadline: BY_DEADLINE.test(sentence),
    commitment: COMMITMENT.test(sentence),
    pledge: PLEDGE.test(sentence),
    happening: HAPPENING.test(sentence),
    quoted: unquoted !== sentence,
    // Evidence for the learned models only; the cascade does not read these.
    reportedFuture: REPORTED_FUTURE.test(sentence),
    hypothetical: HYPOTHETICAL.test(sentence),
    target: TARGET.test(sentence),
    underWay: UNDER_WAY.test(sentence),
    wantsDone: WANTS_DONE.test(sentence),
    ownFuture: OWN_FUTURE.test(sentence),
    pastAnchor: PAST_ANCHOR.test(sentence),
    // Read by the cascade only, not part of the model's evidence.
    planFailed: PLAN_THAT_FAILED.test(unquoted),
    aheadUnquoted: AHEAD.test(unquoted),
    appealAnywhere: APPEAL.test(sentence),
    aheadKind: aheadKind(sentence),
  };
}

type Cues = ReturnType<typeof readCues>;

/**
 * Cues of an outright appeal ("I would ask everyone to write to the council", "urged residents to"):
 * the detector's veto, which weighs words, does not overrule them.
 */
const APPEAL_CUES: ReadonlySet<string> = new Set([
  'readersAct',
  'firstPersonAppeal',
  'ultimatum',
  'passiveAppeal',
  'appealFor',
  'calledOn',
]);

export function readsAnAppeal(cues: readonly string[]): boolean {
  return cues.some((c) => APPEAL_CUES.has(c));
}

/** The cues the kind model reads, in a fixed order. */
const CUE_NAMES = [
  'readersAct',
  'firstPersonAppeal',
  'ultimatum',
  'passiveAppeal',
  'appealFor',
  'betterSpent',
  'suggestion',
  'embeddedModal',
  'appealed',
  'calledOn',
  'decisionDated',
  'ahead',
  'when',
  'decisionWord',
  'scheduling',
  'dueOnADay',
  'openUntil',
  'deliberation',
  'hasUntil',
  'obligedBy',
  'deedByDeadline',
  'scheduled',
  'gaveUntil',
  'changeAhead',
  'possiblyScheduled',
  'eventVerb',
  'openQuestion',
  'possibleOutcome',
  'outcomeExpected',
  'stillToDecide',
  'plan',
  'planOrDisclosure',
  'dueToBeDone',
  'conditional',
  'decisionAhead',
  'eventWhen',
  'pendingWord',
  'stillOpen',
  'action',
  'negatedNeed',
  'futureDated',
  'future',
  'dated',
  'onADay',
  'byDeadline',
  'commitment',
  'pledge',
  'happening',
  'quoted',
  'reportedFuture',
  'hypothetical',
  'target',
  'underWay',
  'wantsDone',
  'ownFuture',
  'pastAnchor',
] as const satisfies ReadonlyArray<keyof Cues>;

/** The hand-written cascade: the first pattern that fires names the kind. */
function ruleKind(c: Cues): FollowUpKind | null {
  // "The replacement was scheduled for November and never done": a plan that came to nothing.
  if (c.planFailed) return null;
  if (c.readersAct || c.firstPersonAppeal || c.ultimatum || c.passiveAppeal || c.appealFor) return 'action';
  if (c.betterSpent || c.suggestion) return 'suggestion';
  // The kinds overlap; eval-set/README.md fixes one convention: a call to action is an action even
  // with a date, a decision is pending even with a date, a dated happening is an event.
  if (c.appealed && c.calledOn) return 'action';
  if ((c.decisionDated && (c.ahead || c.when)) || (c.decisionWord && (c.aheadUnquoted || c.scheduling)))
    return 'pending';
  if (c.dueOnADay || c.openUntil) return 'event';
  if (c.deliberation && !c.appealAnywhere) return 'pending';
  if (c.hasUntil || c.obligedBy || c.deedByDeadline) return 'action';
  if (c.scheduled) return 'event';
  if (c.gaveUntil && c.when) return 'event';
  if (c.appealed) return 'action';
  if (c.changeAhead) return 'action';
  if (c.possiblyScheduled || c.eventVerb) return 'event';
  if (c.openQuestion || c.possibleOutcome || c.outcomeExpected || c.stillToDecide) return 'pending';
  if (c.plan || c.dueToBeDone) return 'action';
  if (c.conditional || c.decisionAhead) return 'pending';
  if (c.eventWhen) return 'event';
  // "approved a draft resolution" names a pending kind of thing, but nothing is left to happen.
  if (c.pendingWord && c.stillOpen) return 'pending';
  if (c.action && !c.negatedNeed && !c.embeddedModal) return 'action';
  if (c.futureDated) return 'event';
  if (c.planOrDisclosure) return 'action';
  return c.aheadKind;
}

/** An appeal outside quotation marks, not negated, and not after a question left open in the sentence. */
function appealsOutright(sentence: string, open: RegExpExecArray | null): boolean {
  const appeal = APPEAL.exec(sentence);
  return (
    appeal !== null &&
    !insideQuote(sentence, appeal.index) &&
    !NEGATED_NEED.test(sentence) &&
    !(open && open.index < appeal.index)
  );
}

/** "called on management to", "urged residents to": a call to action by a named actor, dated or not. */
const CALLED_ON = quickBoundaries(/\b(?:call(?:s|ed|ing)?\s+(?:on|upon)|urg(?:e|es|ed|ing))\s+\S/iu);
/** A decision still to be taken, with or without a date: "due to vote on", "a decision ... is expected by". */
const DECISION_DATED = quickBoundaries(
  /\b(?:(?:a|the)\s+(?:final\s+)?decision\s+(?:on|about|would|will|is|was|could)|promulgation|verdict\s+(?:is|was)\s+(?:expected|due|set)|(?:is|are|was|were)\s+(?:due|set|scheduled|expected)\s+to\s+(?:vote|rule|decide)|(?:will|would)\s+(?:vote|rule|decide)\b|expected\s+to\s+rule|expect(?:s|ed)?\s+(?:the|a)\s+(?:[\p{L}-]+\s+){0,2}?(?:vote|ruling|verdict|decision)|(?:set|adjourned)\s+sentencing)\b/iu,
);
const PLAN_THAT_FAILED = quickBoundaries(
  /\b(?:was|were|had\s+been)\s+(?:scheduled|planned|due|set|meant)\b[^.;]{0,80}?\b(?:never|(?:was|were)\s+(?:cancel+ed|postponed|called\s+off|scrapped|shelved)|did\s+not\s+(?:happen|take\s+place))\b/iu,
);
/** "have scheduled a procedural vote for Wednesday", "want a floor vote before the recess": set, not held. */
const SCHEDULING = quickBoundaries(
  /\b(?:has|have|had)\s+(?:scheduled|set|called|planned)\b|\bwants?\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,2}?(?:vote|ruling|decision)\b/iu,
);
/** What a vote, a ruling or a sentence decides; with a future marker, a decision ahead. */
const DECISION_WORD = quickBoundaries(
  /\b(?:vote|votes|voting|ballot|ruling|verdict|sentencing|sentenced|decision|decide|certif(?:y|ied)|rule\s+on)\b(?!\s+(?:hearing|meeting|session|debate)\b)/iu,
);
/** "will be withdrawn from March 7", "will be moved to Plzeň by 2028": a change announced, not a happening. */
const CHANGE_AHEAD = quickBoundaries(
  /\b(?:will|would)\s+be\s+(?!held|heard|released|published|announced|sworn|debated|discussed|considered|decided|known|tried|sentenced|buried|laid)(?:moved|withdrawn|shortened|closed|cut|scrapped|replaced|transferred|relocated|merged|phased|introduced|extended|expanded|reduced|raised|lowered|increased|suspended|restored|reopened|converted|rebuilt|demolished|shut|sold|built)\b/iu,
);

// "Written answers are due Monday", "The resolution expires Jan. 30": a date something falls due, an event.
const DUE_ON_A_DAY = new RegExp(
  `\\b(?:(?:is|are)\\s+due|expires?|runs?\\s+out|lapses?)\\s+(?:on\\s+|at\\s+midnight\\s+(?:on\\s+)?)?(?:${WEEKDAYS}|(?:${MONTHS})\\s+\\d|(?:${MONTH_ABBREVIATIONS})\\.?\\s+\\d|\\d{1,2}\\s+(?:${MONTHS}))`,
  'u',
);
// "The commission is accepting written comments until Dec. 14": a window open until a date, an event.
const OPEN_UNTIL = quickBoundaries(
  new RegExp(
    `\\b(?:accept(?:s|ing)?|tak(?:es|ing)|receiv(?:es|ing)|invit(?:es|ing)|open\\s+for)\\s+(?:written\\s+|public\\s+|further\\s+)?(?:comments|submissions|applications|nominations|bids|feedback|objections|entries)\\b[^.;]{0,60}?\\b(?:until|through|till|before)\\s+(?:${WEEKDAYS}|(?:${MONTHS})\\s+\\d|(?:${MONTH_ABBREVIATIONS})\\.?\\s+\\d|\\d{1,2}\\s+(?:${MONTHS}))`,
    'iu',
  ),
);
/** A main clause saying what falls due on a day; not "must pass a bill before the resolution expires". */
function dueOnADay(sentence: string): boolean {
  const m = DUE_ON_A_DAY.exec(sentence);
  if (!m || DECISION_WORD.test(sentence)) return false;
  return !/\b(?:before|until|after|when|once|unless|if)\s+(?:[\p{L}'\u2019-]+\s+){0,5}$/iu.test(
    sentence.slice(0, m.index),
  );
}

// "by Jan. 31", "before March": a deadline, where "on Jan. 31" is a day.
const BY_DEADLINE = new RegExp(
  `\\b(?:by|before|no\\s+later\\s+than)\\s+(?:the\\s+end\\s+of\\s+)?(?:${MONTHS}|(?:${MONTH_ABBREVIATIONS})\\.?\\s+\\d|${WEEKDAYS})`,
);
// A deed that names a happening rather than work to do: "will hold a hearing by March" stays an event.
const HAPPENING_DEED = /^(?:hold|open|begin|start|resume|reopen)$/i;

/** "The garrison will inspect every home by Jan. 31": a commitment with a deadline is an action. */
function deedByDeadline(sentence: string): boolean {
  const m = COMMITMENT.exec(sentence);
  if (!m) return false;
  const verb = /(\S+)$/.exec(m[0])?.[1] ?? '';
  // "will open by March" happens; "will open 20 rehydration points by December" is work to do.
  const intransitive = /^\s*(?:on|in|at|by|before|from|next|this|later|early|again|[.,;]|$)/i.test(
    sentence.slice(m.index + m[0].length),
  );
  if (/^hold$/i.test(verb) || (HAPPENING_DEED.test(verb) && intransitive)) return false;
  return BY_DEADLINE.test(sentence.slice(m.index));
}

/** A happening placed in time: a future or scheduling marker, a date and something that takes place. */
function scheduled(sentence: string): boolean {
  if (EXPECTED_AT.test(sentence) && WHEN.test(sentence)) return true;
  return (
    (AHEAD.test(sentence) || ANNOUNCED.test(sentence)) && WHEN.test(sentence) && HAPPENING.test(sentence)
  );
}

/**
 * A reported or possible happening ("said it would share the data at its conference in May", "could
 * make his debut on Saturday"): weaker than an appeal, and only with a point in time, not a year.
 */
function possiblyScheduled(sentence: string): boolean {
  if (!SOFT_AHEAD.test(sentence) || !HAPPENING.test(sentence)) return false;
  return [...sentence.matchAll(WHEN_ALL)].some((m) => !/year$/i.test(m[0]));
}

/**
 * A deed announced or pledged by its actor, outside any quotation: "would close 45 stores", "promised
 * to". A deed on a given day is an event; issuing findings or a report (`disclosures` false) is first
 * taken for an outcome awaited.
 */
function announcedPlan(sentence: string, disclosures: boolean): boolean {
  return [WILL_DEED.exec(sentence), PLEDGE.exec(sentence), COMMITMENT.exec(sentence)].some(
    (m) =>
      m !== null &&
      !insideQuote(sentence, m.index) &&
      !FINDING_THAT.test(sentence.slice(0, m.index)) &&
      !ON_A_DAY.test(sentence.slice(m.index)) &&
      (disclosures || !DISCLOSURE.test(m[0])),
  );
}

/** Whether a sentence, outside its quotations, appeals to someone to act ("urged residents to"). */
export function isAppeal(sentence: string): boolean {
  const appeal = APPEAL.exec(sentence);
  return appeal !== null && !insideQuote(sentence, appeal.index);
}

/** True when the offset lies inside a quotation (an odd number of quote marks before it). */
export function insideQuote(sentence: string, at: number): boolean {
  const before = sentence.slice(0, at);
  const straight = (before.match(/"/g) ?? []).length;
  const opened = (before.match(/[\u201c\u2018]/g) ?? []).length - (before.match(/[\u201d]/g) ?? []).length;
  return straight % 2 === 1 || opened > 0;
}

/** The cues a follow-up's kind is read from: every pattern of the rule cascade, named, that fires. */
export function kindCues(sentence: string): string[] {
  return cueNames(readCues(sentence));
}

function cueNames(c: Cues): string[] {
  const names: string[] = CUE_NAMES.filter((name) => c[name]);
  if (c.aheadKind) names.push(`ahead=${c.aheadKind}`);
  return names;
}
