/** Month names, lower case, January first: shared by the readers of dates in articles and follow-ups. */
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** 0..11 for a month name or its abbreviation ("Sept.", "mar"), -1 for anything else. */
export function monthIndex(word: string): number {
  const key = word.toLowerCase().replace(/\.$/, '').slice(0, 3);
  return key.length === 3 ? MONTH_NAMES.findIndex((m) => m.startsWith(key)) : -1;
}

/** A month written out in full ("May", "june"). */
export function isMonthName(word: string): boolean {
  return (MONTH_NAMES as readonly string[]).includes(word.toLowerCase());
}
