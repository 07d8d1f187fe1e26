import { monthIndex } from '../calendar.js';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_WORD =
  '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const WEEKDAY_WORD = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
// "Wednesday, Sept. 27", "Sept. 27", "27 September", optionally with a year.
const MONTH_DAY = new RegExp(
  `\\b(?:(${WEEKDAY_WORD}),?\\s+)?(?:(${MONTH_WORD})\\s+(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})\\s+(${MONTH_WORD}))(?:,?\\s+(\\d{4}))?\\b`,
);
// "on Wednesday", "next Tuesday", "this Friday": a weekday without a date.
const BARE_WEEKDAY = new RegExp(
  `\\b(?:(on|next|this|by|until|from|before)\\s+)(${WEEKDAY_WORD})\\b(?!,?\\s+${MONTH_WORD})`,
);

/** A date found in a follow-up and written out in full. */
export interface ResolvedDate {
  /** YYYY-MM-DD */
  iso: string;
  /** The text with the date expression written out: "Wednesday, September 27, 2023". */
  text: string;
  /** HH:MM (24 h) when a clock time follows in the text: "at 6 p.m.", "at 10:30 a.m.". */
  time?: string;
}

const CLOCK = /\bat\s+(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)/i;

/** The first clock time in `text`, as HH:MM (24 h). */
export function clockTime(text: string): string | undefined {
  const match = CLOCK.exec(text);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (hour < 1 || hour > 12 || minute > 59) return undefined;
  const pm = match[3]!.toLowerCase().startsWith('p');
  if (pm && hour !== 12) hour += 12;
  if (!pm && hour === 12) hour = 0;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const fullDate = (d: Date): string =>
  new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);

/**
 * Resolves the first date in `text` against the article's date (ISO timestamp): a month and day take
 * the year that puts them nearest after the article (up to a week before it still counts as this
 * year's), a bare weekday is the next such day after the article. The expression is rewritten with
 * the weekday and date in full. Null without an article date or a date in the text.
 */
export function resolveDate(text: string, articleDate: string | undefined): ResolvedDate | null {
  if (!articleDate) return null;
  const base = new Date(articleDate);
  if (Number.isNaN(base.getTime())) return null;
  const day0 = Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate());
  const md = MONTH_DAY.exec(text);
  if (md) {
    const month = monthIndex(md[2] ?? md[5] ?? '');
    const day = Number(md[3] ?? md[4]);
    if (month < 0 || day < 1 || day > 31) return null;
    let year = md[6] ? Number(md[6]) : base.getUTCFullYear();
    let when = Date.UTC(year, month, day);
    if (!md[6] && when < day0 - 7 * 86_400_000) when = Date.UTC(++year, month, day);
    const date = new Date(when);
    if (date.getUTCMonth() !== month) return null;
    const time = clockTime(text);
    return {
      iso: date.toISOString().slice(0, 10),
      text: text.replace(md[0], fullDate(date)),
      ...(time ? { time } : {}),
    };
  }
  const wd = BARE_WEEKDAY.exec(text);
  if (wd) {
    const target = WEEKDAYS.indexOf(wd[2]!.toLowerCase());
    let ahead = (target - base.getUTCDay() + 7) % 7;
    if (ahead === 0) ahead = 7;
    const date = new Date(day0 + ahead * 86_400_000);
    const time = clockTime(text);
    return {
      iso: date.toISOString().slice(0, 10),
      text: text.replace(wd[0], `${wd[1]} ${fullDate(date)}`),
      ...(time ? { time } : {}),
    };
  }
  return null;
}
