import { assertEditionDate } from '../email/compose.js';
import { InputError } from '../errors.js';

/** `--date`: a calendar day YYYY-MM-DD; today (UTC) when not given. */
export function editionDate(value: string | undefined): string {
  const date = value ?? new Date().toISOString().slice(0, 10);
  try {
    assertEditionDate(date);
  } catch {
    throw new InputError(`--date: expected YYYY-MM-DD (a day of the calendar), got "${date}"`);
  }
  return date;
}
