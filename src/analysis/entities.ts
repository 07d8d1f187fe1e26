import type { NameIndex } from './names.js';
import type { Sentence } from './sentences.js';
import type { Entities } from './types.js';

const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)`;
const WEEKDAY = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`;
const DATE = new RegExp(
  [
    String.raw`${MONTH}\s+\d{1,2}(?!\d)(?:st|nd|rd|th)?(?:,?\s+\d{4})?`,
    String.raw`(?<!\d)\d{1,2}\s+${MONTH}(?:\s+\d{4})?`,
    String.raw`${MONTH}\s+\d{4}`,
    String.raw`(?<=\b(?:in|since|until|by|last|next|this|early|late|mid|from|through|of|during)\s)${MONTH}`,
    WEEKDAY,
    String.raw`(?<=\b(?:in|since|until|by|of|from|through|during|year)\s)(?:19|20)\d{2}`,
  ].join('|'),
  'g',
);

/** People (with roles), organisations, places and dates named in the body, in order of appearance. */
export function collectEntities(names: NameIndex, sentences: Sentence[]): Entities {
  const dates: string[] = [];
  const seen = new Set<string>();
  for (const s of sentences) {
    for (const m of s.text.matchAll(DATE)) {
      const d = m[0].trim();
      if (!seen.has(d)) {
        seen.add(d);
        dates.push(d);
      }
    }
  }
  return {
    people: names.people.map((p) => ({ name: p.name, role: p.role })),
    organizations: [...names.organizations],
    places: [...names.places],
    dates,
  };
}
