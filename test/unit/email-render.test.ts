import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import type { Analysis } from '../../src/analysis/types.js';
import { loadArticle } from '../../src/article/index.js';
import type { Article } from '../../src/article/types.js';
import {
  builtTheme,
  compose,
  type DigestItem,
  htmlLinks,
  type PersonalizeContext,
  personalize,
  render,
  textLinks,
  verifyUnsubscribeToken,
} from '../../src/email/index.js';
import { InputError, MessageError, RenderError } from '../../src/errors.js';
import { selectArticle } from '../../src/selection/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = `${root}examples/articles/north-korea-human-rights.txt`;
const OTHERS = [
  `${root}test/fixtures/articles/harbor-bridge.md`,
  `${root}test/fixtures/articles/port-strike.html`,
];
const EDITION = { date: '2026-11-30', webBaseUrl: 'https://digest.example.com/editions' };
const CTX: PersonalizeContext = {
  unsubscribeBaseUrl: 'https://digest.example.com/unsubscribe',
  unsubscribeMailto: 'unsubscribe@digest.example.com',
  hmacKey: 'unit-test-key',
  listId: 'digest.example.com',
};
const READER = { email: 'reader@example.com', name: 'Ada Reader' };

/** A hand-built article and analysis, for tests that need exact control over the content. */
function item(overrides: { article?: Partial<Article>; analysis?: Partial<Analysis> } = {}): DigestItem {
  const article: Article = {
    id: 'a1b2c3d4e5f60718',
    title: 'Harbour bridge reopens',
    paragraphs: ['The bridge reopened.'],
    text: 'Harbour bridge reopens\n\nThe bridge reopened.',
    source: 'harbour.txt',
    format: 'text',
    links: [],
    url: 'https://news.example.org/harbour?id=7&lang=en',
    ...overrides.article,
  };
  const analysis: Analysis = {
    title: article.title,
    summary: [
      'The harbour bridge reopened on Monday after two years of repairs.',
      'Traffic is expected to ease.',
    ],
    quotes: [
      {
        text: 'We are proud of the crews',
        speaker: 'Mia Chen',
        role: 'city engineer',
        kind: 'direct',
        start: 0,
        end: 1,
      },
      {
        text: 'and of their patience',
        speaker: 'Mia Chen',
        role: 'city engineer',
        kind: 'direct',
        start: 2,
        end: 3,
        continues: 0,
      },
    ],
    followUps: [
      { text: 'The council votes on tolls next week.', kind: 'event', sentence: '', start: 0, end: 1 },
      {
        text: 'Read the repair report',
        kind: 'reading',
        sentence: '',
        start: 0,
        end: 1,
        url: 'https://city.example.org/report.pdf',
      },
    ],
    entities: { people: [], organizations: [], places: [], dates: [] },
    stats: { words: 420, readingMinutes: 2 },
    ...overrides.analysis,
  };
  return { article, analysis };
}

const esc = (s: string): string => Handlebars.escapeExpression(s);
/** The text part with its wrapping undone, so sentences can be searched for. */
const unwrap = (text: string): string => text.replace(/[ \t]*\n(?:>?[ \t]+|>$)*/gm, ' ');
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Every piece the selection chose (summary, key quotes, speakers, follow-ups) reaches both parts. */
function expectEveryItemIn(html: string, text: string, items: DigestItem[]): void {
  const flatText = unwrap(text);
  for (const { article, analysis } of items) {
    const shown = selectArticle(article, analysis);
    const pieces = [
      analysis.title,
      ...shown.summary,
      ...shown.quotes.flatMap((q) => q.parts),
      ...shown.quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])),
      ...shown.followUps.map((f) => f.text),
    ].map(clean);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(html, `HTML lacks: ${piece}`).toContain(esc(piece));
      expect(flatText, `text lacks: ${piece}`).toContain(piece);
    }
  }
}

describe('compose', () => {
  it('gives a deterministic id from the article ids and the date', () => {
    const a = item();
    const b = item({ article: { id: 'ffffeeeeddddcccc' } });
    const first = compose([a, b], EDITION);
    expect(compose([a, b], EDITION).id).toBe(first.id);
    expect(first.id).toMatch(/^[0-9a-f]{16}$/);
    expect(compose([b, a], EDITION).id).not.toBe(first.id);
    expect(compose([a, b], { date: '2026-12-07' }).id).not.toBe(first.id);
  });

  it('writes subject and preheader from the templates, on one line', () => {
    const digest = compose(
      [item({ analysis: { title: 'Bridge\r\nBcc: evil@example.com\treopens' } })],
      EDITION,
    );
    expect(digest.subject).toBe('The Weekly Digest: Bridge Bcc: evil@example.com reopens');
    // A line of its own: what the story offers, never the first words of its summary.
    expect(digest.preheader).toBe('Key quotes from Mia Chen, and 2 things to follow');
    const multi = compose(
      [item(), item({ article: { id: 'b' }, analysis: { title: 'Second story' } })],
      EDITION,
    );
    expect(multi.subject).toBe('The Weekly Digest: Harbour bridge reopens (+1 more)');
    expect(multi.preheader).toBe('In this edition: Harbour bridge reopens · Second story');
  });

  it('starts from the project theme built from templates/theme.json', () => {
    const file = JSON.parse(readFileSync(`${root}templates/theme.json`, 'utf8'));
    const digest = compose([item()], EDITION);
    expect(digest.theme?.publicationName).toBe(file.publicationName);
    expect(digest.theme?.colors.accent).toBe(file.colors.accent);
    expect(builtTheme()).toBe(digest.theme);
  });

  it('gives a story without quotes or follow-ups a preheader of its own, not its summary', () => {
    const bare = compose([item({ analysis: { quotes: [], followUps: [] } })], EDITION);
    expect(bare.preheader).toBe('One story, about 1 minute of reading');
    expect(bare.preheader).not.toContain('harbour bridge reopened');
  });

  it('uses the publication name of the theme', () => {
    expect(compose([item()], EDITION, { publicationName: 'Harbour Notes' }).subject).toMatch(
      /^Harbour Notes: /,
    );
  });

  it.each([['2026-02-30'], ['30.11.2026'], [''], ['2026-11-30T00:00:00Z']])(
    'rejects the edition date %j',
    (date) => {
      expect(() => compose([item()], { date })).toThrow(InputError);
    },
  );

  it('rejects an empty digest and a javascript: web base URL', () => {
    expect(() => compose([], EDITION)).toThrow(/at least one article/);
    expect(() => compose([item()], { date: '2026-11-30', webBaseUrl: 'javascript:alert(1)' })).toThrow(
      InputError,
    );
  });
});

describe('render and personalize', () => {
  it('keeps every summary sentence, quote, speaker and follow-up of a hand-built digest in HTML and text', () => {
    const items = [item(), item({ article: { id: 'second' }, analysis: { title: 'Second story' } })];
    const message = personalize(render(compose(items, EDITION)), READER, CTX);
    expectEveryItemIn(message.html, message.text, items);
  });

  it('groups a quote with its continuation and shows them together', () => {
    const { article, analysis } = item();
    const groups = selectArticle(article, analysis).quotes;
    expect(groups).toEqual([
      {
        parts: ['We are proud of the crews', 'and of their patience'],
        leadIn: null,
        speaker: 'Mia Chen',
        role: 'city engineer',
        indices: [0, 1],
      },
    ]);
    const message = personalize(render(compose([item()], EDITION)), READER, CTX);
    expect(message.html).toContain('We are proud of the crews … and of their patience');
    expect(unwrap(message.text)).toContain(
      '“We are proud of the crews … and of their patience” — Mia Chen, city engineer',
    );
  });

  it('groups follow-ups by kind and links reading pointers', () => {
    const html = personalize(render(compose([item()], EDITION)), READER, CTX).html;
    expect(html).toContain('Coming up');
    expect(html).toContain('Further reading');
    expect(html).toMatch(
      /<a href="https:\/\/city\.example\.org\/report\.pdf"[^>]*>Read the repair report<\/a>/,
    );
    expect(html.indexOf('Coming up')).toBeLessThan(html.indexOf('Further reading'));
  });

  it('shows a follow-up that repeats a summary sentence only once, in the summary', () => {
    const sentence = 'The council votes on tolls next week.';
    const repeated = item({
      analysis: {
        summary: [sentence],
        followUps: [{ text: sentence, kind: 'event', sentence, start: 0, end: 1 }],
      },
    });
    const message = personalize(render(compose([repeated], EDITION)), READER, CTX);
    expect(message.html.split(sentence)).toHaveLength(1 + 1); // the summary only, not the preheader
    expect(message.html).not.toContain('Coming up');
    expect(message.text).not.toContain('WHAT TO FOLLOW');
  });

  it('shows a table of contents only when there is more than one article', () => {
    const one = render(compose([item()], EDITION)).html;
    const two = render(compose([item(), item({ article: { id: 'b' } })], EDITION)).html;
    expect(one).not.toContain('In this edition');
    expect(two).toContain('In this edition');
    expect(two).toContain('href="#article-2"');
    expect(two).toContain('id="article-2"');
  });

  it('fills the per-recipient slots: signed unsubscribe link, view-in-browser link, escaped name', () => {
    const rendered = render(compose([item()], EDITION));
    const message = personalize(rendered, { email: 'x@example.com', name: 'Eve <b>"&' }, CTX);
    expect(message.unsubscribeUrl).toMatch(
      /^https:\/\/digest\.example\.com\/unsubscribe\?token=[\w-]+\.[\w-]+$/,
    );
    const token = new URL(message.unsubscribeUrl).searchParams.get('token');
    expect(verifyUnsubscribeToken(CTX.hmacKey, token)).toEqual({
      email: 'x@example.com',
      listId: CTX.listId,
    });
    expect(message.viewInBrowserUrl).toBe(
      `https://digest.example.com/editions/2026-11-30-${rendered.digestId}.html`,
    );
    expect(message.html).toContain(`href="${message.unsubscribeUrl}"`);
    expect(message.html).toContain('Hello Eve &lt;b&gt;&quot;&amp;,');
    expect(message.text).toContain('Hello Eve <b>"&,');
    expect(message.text).toContain(message.unsubscribeUrl);
    expect(`${message.html}${message.text}`).not.toContain('digest-slot-');
    expect(message.unsubscribeMailto).toBe(CTX.unsubscribeMailto);
  });

  it('greets a reader without a name and appends the token to a base URL that has a query', () => {
    const rendered = render(compose([item()], EDITION));
    const message = personalize(
      rendered,
      { email: 'x@example.com' },
      { ...CTX, unsubscribeBaseUrl: 'https://e.example/u?list=7' },
    );
    expect(message.text).toContain('Hello there,');
    expect(message.unsubscribeUrl).toMatch(/^https:\/\/e\.example\/u\?list=7&token=/);
    expect(message.html).toContain('href="https://e.example/u?list=7&amp;token=');
  });

  it('refuses a recipient address with a line break and an unsubscribe URL that is not http(s)', () => {
    const rendered = render(compose([item()], EDITION));
    expect(() => personalize(rendered, { email: 'a@example.com\r\nBcc: b@example.com' }, CTX)).toThrow(
      MessageError,
    );
    expect(() =>
      personalize(rendered, READER, { ...CTX, unsubscribeBaseUrl: 'javascript:alert(1)' }),
    ).toThrow(/unsubscribeBaseUrl/);
  });

  it('leaves the view-in-browser link out when the edition has no web version', () => {
    const message = personalize(render(compose([item()], { date: '2026-11-30' })), READER, CTX);
    expect(message.html).not.toContain('View in your browser');
    expect(message.viewInBrowserUrl).toBeUndefined();
  });

  it('has the same set of links in the HTML and the text part', () => {
    const items = [item(), item({ article: { id: 'b', url: 'https://b.example/x?a=1&b=2' } })];
    const message = personalize(
      render(compose(items, EDITION, { websiteUrl: 'https://digest.example.com/' })),
      READER,
      CTX,
    );
    const links = htmlLinks(message.html);
    expect(links).toEqual(
      expect.arrayContaining([
        'https://b.example/x?a=1&b=2',
        message.unsubscribeUrl,
        message.viewInBrowserUrl,
      ]),
    );
    expect([...textLinks(message.text)].sort()).toEqual([...links].sort());
  });

  it('wraps the text part at 72 columns, except for lines that hold a long URL', () => {
    const message = personalize(render(compose([item()], EDITION)), READER, CTX);
    const long = message.text.split('\n').filter((line) => line.length > 72 && !/https?:\/\//.test(line));
    expect(long).toEqual([]);
  });

  it('meets the accessibility and dark-mode rules', () => {
    const html = render(compose([item()], EDITION, { logoUrl: 'https://digest.example.com/logo.png' })).html;
    expect(html).toMatch(/<html lang="en"/);
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    const tables = html.match(/<table\b[^>]*>/g) ?? [];
    expect(tables.length).toBeGreaterThan(3);
    for (const table of tables) expect(table).toContain('role="presentation"');
    const images = html.match(/<img\b[^>]*>/g) ?? [];
    expect(images).toHaveLength(1);
    expect(images[0]).toContain('alt="The Weekly Digest"');
    // No hidden preheader: SpamAssassin scores hidden low-contrast text (HTML_FONT_LOW_CONTRAST).
    expect(html).not.toMatch(/display:\s*none|font-size:\s*1px|max-height:\s*0/);
    expect(html).toContain('Key quotes from Mia Chen, and 2 things to follow</div>');
    expect(html).not.toMatch(/#c0de[0-9a-f]{2}/i);
    expect(html).not.toMatch(/\{\{|\}\}/);
  });

  it('applies theme colours and fonts at render time', () => {
    const html = render(compose([item()], EDITION), {
      colors: { accent: '#0b5394' },
      fontFamily: 'Verdana, sans-serif',
    }).html;
    expect(html).toContain('#0b5394');
    expect(html).not.toContain('#9c2f1f');
    expect(html).toContain('font-family:Verdana, sans-serif');
  });
});

describe('hostile articles', () => {
  const hostile = item({
    article: {
      id: 'hostile',
      title: 'Title\r\nBcc: victim@example.com',
      url: 'javascript:alert(document.cookie)',
    },
    analysis: {
      title: 'Breaking\r\nBcc: victim@example.com <script>alert(1)</script>',
      summary: [
        'It says <script>alert("x")</script> and <img src=x onerror=alert(1)>.',
        'Template tricks: {{constructor.constructor("return process")()}} and {{> footer}}.',
        'MJML tricks: <mj-include path="/etc/passwd" /> and </mj-text></mj-column>.',
      ],
      quotes: [
        {
          text: '"><a href="javascript:alert(1)">click</a>',
          speaker: '<b>Mallory</b>',
          role: null,
          kind: 'direct',
          start: 0,
          end: 1,
        },
      ],
      followUps: [
        { text: 'Read this', kind: 'reading', sentence: '', start: 0, end: 1, url: 'javascript:alert(1)' },
        {
          text: 'Or this',
          kind: 'reading',
          sentence: '',
          start: 0,
          end: 1,
          url: 'data:text/html,<script>alert(1)</script>',
        },
        {
          text: 'And this',
          kind: 'reading',
          sentence: '',
          start: 0,
          end: 1,
          url: 'https://ok.example/?q="><script>',
        },
      ],
    },
  });

  it('comes out inert: escaped text, no script, no javascript: or data: links, no template evaluation', () => {
    const digest = compose([hostile], EDITION);
    const message = personalize(render(digest), READER, CTX);
    const { html, text, subject } = message;
    expect(subject).not.toMatch(/[\r\n]/);
    expect(html).not.toMatch(/<script|<img src=x|<mj-include/i);
    const attributes = [...html.matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
    expect(attributes.length).toBeGreaterThan(1);
    for (const value of attributes) expect(value).toMatch(/^https:\/\//);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;mj-include path&#x3D;&quot;/etc/passwd&quot; /&gt;');
    expect(html).toContain('{{constructor.constructor(&quot;return process&quot;)()}}');
    expect(html).toContain('&lt;b&gt;Mallory&lt;/b&gt;');
    expect(html).toContain('href="https://ok.example/?q=%22%3E%3Cscript%3E"');
    expect(text).toContain('{{constructor.constructor("return process")()}}');
    expect(textLinks(text).every((link) => link.startsWith('https://'))).toBe(true);
    expect(text).not.toMatch(/<(javascript|data):/);
    expect(text).not.toContain('Bcc: victim@example.com\n');
    expect(htmlLinks(html).every((link) => link.startsWith('https://'))).toBe(true);
  });

  it('cannot forge a personalisation slot: text that looks like a marker is left alone', () => {
    const rendered = render(compose([item()], EDITION));
    const forged = `digest-slot-${rendered.slotKey}-unsubscribeUrl`;
    // A marker with the real key would need the hash of the content that contains it; an article can
    // only carry some other key, which personalize ignores.
    const attempt = item({
      analysis: { summary: ['digest-slot-0123456789abcdef0123-unsubscribeUrl here.'] },
    });
    const message = personalize(render(compose([attempt], EDITION)), READER, CTX);
    expect(message.text).toContain('digest-slot-0123456789abcdef0123-unsubscribeUrl here.');
    expect(forged).toMatch(/^digest-slot-[0-9a-f]{20}-unsubscribeUrl$/);
  });
});

describe('size limits', () => {
  // An explicit selection bypasses the per-sentence cap, so render's own size check is what is tested.
  const withSummaryOf = (bytes: number) => {
    const big = item({
      analysis: { summary: [`${'All work and no play. '.repeat(Math.ceil(bytes / 22))}`] },
    });
    const selection = { ...selectArticle(big.article, big.analysis), summary: big.analysis.summary };
    return compose([{ ...big, selection }], EDITION);
  };

  it('renders the hand-built digest well under 60 KB without warnings', () => {
    const rendered = render(compose([item()], EDITION));
    expect(Buffer.byteLength(rendered.html)).toBeLessThan(60 * 1024);
    expect(rendered.warnings).toEqual([]);
  });

  it('warns above 80 KB', () => {
    const rendered = render(withSummaryOf(70 * 1024));
    expect(rendered.warnings).toHaveLength(1);
    expect(rendered.warnings[0]).toMatch(/HTML is (8\d|9\d)\.\d KB, close to Gmail's clipping limit/);
  });

  it('fails above 100 KB with a RenderError naming the size', () => {
    expect(() => render(withSummaryOf(110 * 1024))).toThrow(RenderError);
    expect(() => render(withSummaryOf(110 * 1024))).toThrow(
      /HTML is 1[12]\d\.\d KB, over the 100\.0 KB limit/,
    );
  });
});

describe('the real sample and a three-article edition', () => {
  let sampleItems: DigestItem[];
  let threeItems: DigestItem[];
  beforeAll(async () => {
    const articles = await Promise.all([SAMPLE, ...OTHERS].map((file) => loadArticle(file)));
    const items = articles.map((article) => ({ article, analysis: analyze(article) }));
    sampleItems = items.slice(0, 1);
    threeItems = items;
  });

  it('keeps every summary sentence, quote and follow-up of the sample, under 60 KB', () => {
    const rendered = render(compose(sampleItems, EDITION));
    const message = personalize(rendered, READER, CTX);
    expect(sampleItems[0]!.analysis.quotes.length).toBeGreaterThan(2);
    expectEveryItemIn(message.html, message.text, sampleItems);
    expect(Buffer.byteLength(message.html)).toBeLessThan(60 * 1024);
    expect(rendered.warnings).toEqual([]);
    expect(message.html).toContain('Jay Lefkowitz');
  });

  it('keeps everything of all three articles and the same links in both parts', () => {
    const message = personalize(render(compose(threeItems, EDITION)), READER, CTX);
    expectEveryItemIn(message.html, message.text, threeItems);
    expect([...textLinks(message.text)].sort()).toEqual([...htmlLinks(message.html)].sort());
    expect(message.html).toContain('Story 3 of 3');
  });
});
