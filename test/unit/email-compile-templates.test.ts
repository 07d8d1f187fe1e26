import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analysis/types.js';
import { compileTemplates } from '../../src/email/compile-templates.js';
import {
  builtTemplates,
  compose,
  defaultTemplatesDir,
  render,
  templatesSourceHash,
} from '../../src/email/index.js';

const ITEM = {
  article: {
    id: 'c0ffee',
    title: 'T',
    paragraphs: [],
    text: '',
    source: 'x',
    format: 'text' as const,
    links: [],
  },
  analysis: {
    title: 'Lighthouse keepers return',
    summary: ['The keepers returned to the island.'],
    quotes: [{ text: 'It is home', speaker: 'Ola Berg', role: 'keeper', kind: 'direct', start: 0, end: 1 }],
    followUps: [],
    entities: { people: [], organizations: [], places: [], dates: [] },
    stats: { words: 100, readingMinutes: 1 },
  } satisfies Analysis,
};
const EDITION = { date: '2026-11-30' };

describe('compileTemplates (the preview and build path)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'digest-templates-'));
    cpSync(defaultTemplatesDir(), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles the shipped templates to the same output as the build', async () => {
    // Prepare
    const digest = compose([ITEM], EDITION);
    // Act
    const result = await compileTemplates(dir);
    // Assess
    expect(result.errors).toEqual([]);
    expect(result.sourceHash).toBe(templatesSourceHash(defaultTemplatesDir()));
    expect(builtTemplates().sourceHash).toBe(result.sourceHash);
    expect(render(digest, undefined, result.templates!).html).toBe(render(digest).html);
  });

  it('picks up an edited partial', async () => {
    const file = join(dir, 'partials', 'footer.mjml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Unsubscribe</a>', 'Leave this list</a>'));
    const result = await compileTemplates(dir);
    expect(result.errors).toEqual([]);
    const html = render(compose([ITEM], EDITION), undefined, result.templates!).html;
    expect(html).toContain('Leave this list</a>');
    expect(result.sourceHash).not.toBe(templatesSourceHash(defaultTemplatesDir()));
  });

  it('returns an MJML validation error located in the partial instead of throwing', async () => {
    const file = join(dir, 'partials', 'quotes.mjml');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(1, 0, '<mj-bogus>nope</mj-bogus>');
    writeFileSync(file, lines.join('\n'));
    const result = await compileTemplates(dir);
    expect(result.templates).toBeNull();
    expect(result.errors.length).toBeGreaterThan(0);
    expect(String(result.errors[0])).toMatch(/^partials\/quotes\.mjml:2: .*mj-bogus/);
  });

  it('returns strict-validation errors for a bad attribute value', async () => {
    const file = join(dir, 'partials', 'footer.mjml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('padding="20px 0 32px"', 'padding="lots"'));
    const result = await compileTemplates(dir);
    expect(result.templates).toBeNull();
    expect(result.errors.map(String).join('\n')).toMatch(/partials\/footer\.mjml:\d+: .*padding/);
  });

  it('fails when a template silently loses content (a loop outside <mj-raw>)', async () => {
    const file = join(dir, 'digest.mjml');
    // MJML passes strict validation and drops the bare {{#each}} text between sections: the article
    // section then renders once, with no article in it.
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('<mj-raw>{{#each articles}}</mj-raw>', '{{#each articles}}')
        .replace('<mj-raw>{{/each}}</mj-raw>', '{{/each}}'),
    );
    const result = await compileTemplates(dir);
    expect(result.templates).toBeNull();
    expect(result.errors.map(String).join('\n')).toMatch(
      /the HTML lost "First summary sentence of story 1\."/,
    );
  });

  it('fails when the text part drops a link the HTML has', async () => {
    const file = join(dir, 'partials', 'article.txt.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/ <\{\{plainUrl\}\}>/, ''));
    const result = await compileTemplates(dir);
    expect(result.templates).toBeNull();
    expect(result.errors.map(String).join('\n')).toMatch(
      /the text part lacks the link https:\/\/reading\.example\/1\?a=1&b=2/,
    );
  });

  it('refuses unescaped output of article text', async () => {
    const file = join(dir, 'partials', 'article.mjml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{title}}</a>', '{{{title}}}</a>'));
    const result = await compileTemplates(dir);
    expect(result.templates).toBeNull();
    expect(result.errors.map(String).join('\n')).toMatch(
      /^partials\/article\.mjml:\d+: unescaped output of "title"/m,
    );
  });

  it('reports a Handlebars syntax error, a missing partial and a missing file', async () => {
    writeFileSync(join(dir, 'subject.hbs'), '{{#if publicationName}}unclosed');
    let result = await compileTemplates(dir);
    expect(result.errors.map(String).join('\n')).toMatch(/^subject\.hbs: Handlebars: /m);

    cpSync(defaultTemplatesDir(), dir, { recursive: true });
    writeFileSync(join(dir, 'digest.txt.hbs'), '{{> nowhere}}\n');
    result = await compileTemplates(dir);
    expect(result.errors.map(String).join('\n')).toMatch(/partials\/nowhere\.txt\.hbs: cannot read/);

    result = await compileTemplates(join(dir, 'missing'));
    expect(result.templates).toBeNull();
    expect(result.errors.length).toBeGreaterThan(0);
  });
});
