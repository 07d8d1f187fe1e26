import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { loadArticle } from '../../src/article/index.js';
import { buildCalendar } from '../../src/email/ics.js';
import { personalize, renderEdition } from '../../src/email/index.js';
import { buildMime } from '../../src/email/mime.js';

const DATED = 'examples/articles/council-vote-dated.md';
const UNDATED = 'examples/articles/north-korea-human-rights.txt';
const CTX = {
  unsubscribeBaseUrl: 'https://digest.example.com/u',
  hmacKey: 'k',
  listId: 'digest.example.com',
};
const SENDER = { fromAddress: 'digest@digest.example.com', fromName: 'Digest', listId: 'digest.example.com' };

async function messageFor(file: string) {
  const article = await loadArticle(file);
  const { rendered } = renderEdition([{ article, analysis: analyze(article) }], { date: '2026-12-07' });
  const raw = await buildMime(personalize(rendered, { email: 'reader@example.com' }, CTX), SENDER);
  return { rendered, raw: raw.toString('utf8'), parsed: await simpleParser(raw) };
}

describe('the edition calendar (events.ics)', () => {
  it('attaches dated events as one UTF-8 calendar around the alternative part', async () => {
    // Act
    const { raw, parsed } = await messageFor(DATED);
    // Assess
    expect(raw).toMatch(/^Content-Type: multipart\/mixed;/m);
    expect(raw).toMatch(/Content-Type: multipart\/alternative;/);
    expect(parsed.attachments).toHaveLength(1);
    const ics = parsed.attachments[0]!;
    expect(ics.filename).toBe('events.ics');
    expect(ics.contentType).toBe('text/calendar');
    const body = ics.content.toString('utf8').replace(/\r\n /g, ''); // unfolded
    expect(body).toContain('DTSTART:20261209T180000\r\n');
    expect(body).toContain('SUMMARY:The council will vote on the revised plan on Wednesday\\, December 9\\');
    expect(parsed.text).toBeTruthy();
    expect(parsed.html).toBeTruthy();
  });

  it('attaches nothing when no event has a date (the article has no date to resolve against)', async () => {
    // Act
    const { rendered, raw } = await messageFor(UNDATED);
    // Assess
    expect(rendered.calendar).toBeUndefined();
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).not.toContain('text/calendar');
  });

  it('writes valid RFC 5545: CRLF lines of at most 75 octets, escaped text, balanced components', () => {
    // Act
    const ics = buildCalendar(
      [
        {
          date: '2026-12-09',
          time: '18:00',
          summary: `Vote; on the plan, Ünïcödé ${'long '.repeat(40)}`,
          story: 'S',
        },
        { date: '2026-12-31', summary: 'All-day', story: 'T', url: 'https://news.example.org/t' },
      ],
      { digestId: 'abc', date: '2026-12-07' },
    );
    // Assess
    expect(ics.endsWith('\r\n')).toBe(true);
    const lines = ics.slice(0, -2).split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(2);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('DTSTAMP:20261207T000000Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Vote\\; on the plan\\, Ünïcödé long');
    // Folding never splits a multi-byte character.
    expect(Buffer.from(ics, 'utf8').toString('utf8')).toBe(ics);
  });

  it('refuses a malformed date or time', () => {
    expect(() =>
      buildCalendar([{ date: '2026-13-01', summary: 'x', story: 's' }], {
        digestId: 'a',
        date: '2026-12-07',
      }),
    ).toThrow(RangeError);
    expect(() =>
      buildCalendar([{ date: '2026-12-01', time: '25:00', summary: 'x', story: 's' }], {
        digestId: 'a',
        date: '2026-12-07',
      }),
    ).toThrow(/HH:MM/);
  });
});
