import { createHash } from 'node:crypto';

/** One dated event of an edition, for the calendar attachment. */
export interface CalendarEvent {
  /** YYYY-MM-DD (an all-day event: the articles rarely give a time zone). */
  date: string;
  /** HH:MM local time; without it the event is all-day. */
  time?: string;
  summary: string;
  /** The story it comes from. */
  story: string;
  url?: string;
}

const CRLF = '\r\n';

/** TEXT value escaping of RFC 5545 3.3.11: backslash, semicolon, comma, newline. */
function escapeText(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,');
}

/** Folds a content line at 75 octets (RFC 5545 3.1) without splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

const compactDate = (iso: string) => iso.replace(/-/g, '');

function nextDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The edition's dated events as one iCalendar object (RFC 5545, UTF-8, CRLF, folded lines): all-day
 * VEVENTs with stable UIDs, DTSTAMP at the edition date so the same edition gives the same bytes.
 * Throws RangeError on a date that is not YYYY-MM-DD.
 */
export function buildCalendar(events: CalendarEvent[], edition: { digestId: string; date: string }): string {
  const stamp = `${compactDate(edition.date)}T000000Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//digest-generator//digest edition//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  for (const event of events) {
    if (event.time !== undefined && !/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(event.time)) {
      throw new RangeError(`calendar event time must be HH:MM, got ${JSON.stringify(event.time)}`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(event.date) || Number.isNaN(Date.parse(event.date))) {
      throw new RangeError(`calendar event date must be YYYY-MM-DD, got ${JSON.stringify(event.date)}`);
    }
    const uid = createHash('sha256').update(`${event.date}|${event.summary}`).digest('hex').slice(0, 24);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}-${edition.digestId}@digest-generator`,
      `DTSTAMP:${stamp}`,
      // A time without a zone is floating local time (RFC 5545 3.3.5): the article gives no zone.
      ...(event.time
        ? [`DTSTART:${compactDate(event.date)}T${event.time.replace(':', '')}00`, 'DURATION:PT1H']
        : [
            `DTSTART;VALUE=DATE:${compactDate(event.date)}`,
            `DTEND;VALUE=DATE:${compactDate(nextDay(event.date))}`,
          ]),
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(`From "${event.story}"${event.url ? `: ${event.url}` : ''}`)}`,
      ...(event.url ? [`URL:${event.url}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join(CRLF)}${CRLF}`;
}
