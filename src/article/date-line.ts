import { monthIndex } from '../calendar.js';

const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?$/i;
// Words a date line may hold besides the date: what happened to the page, a weekday, a clock time and its zone.
const FILLER =
  /^(?:published|updated|posted|last|modified|first|on|at|am|pm|a\.m\.|p\.m\.|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|[A-Z]{2,4})$/i;
const TIME = /\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?/gi;

/**
 * A paragraph that is nothing but the story's date ("April 6, 2027 5:48 pm ET", "Updated - March 22,
 * 2027 09:14 pm IST", "Tue 16 Mar 2027 07.00 GMT"): the calendar date it gives (YYYY-MM-DD), or null
 * when the paragraph says anything else.
 */
export function dateLineDate(paragraph: string): string | null {
  if (paragraph.length > 80 || !/\b(?:19|20)\d{2}\b/.test(paragraph)) return null;
  const words = paragraph
    .replace(TIME, ' ')
    .split(/[\s,|/\u2013\u2014-]+/)
    .filter(Boolean);
  let month = -1;
  let day = -1;
  let year = -1;
  for (const word of words) {
    const bare = word.replace(/(?:st|nd|rd|th)$/i, '');
    // "Published ... | Updated ...": the first date is the story's.
    if (/^(?:19|20)\d{2}$/.test(bare)) year = year < 0 ? Number(bare) : year;
    else if (/^\d{1,2}$/.test(bare)) day = day < 0 ? Number(bare) : day;
    else if (MONTH.test(word)) month = month < 0 ? monthIndex(word) : month;
    else if (!FILLER.test(word)) return null;
  }
  if (month < 0 || day < 1 || day > 31 || year < 0) return null;
  const iso = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return date.getUTCDate() === day ? iso : null;
}
