import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/article/front-matter.js';
import { parseArticle } from '../../src/article/index.js';
import { InputError } from '../../src/errors.js';

const markdown = (front: string) =>
  `---\n${front}\n---\n\nThe council met on Monday and approved the plan.\n`;

describe('Markdown front matter (issue 11, item 14)', () => {
  it('fault 14: decodes YAML escapes in a double-quoted title instead of passing backslashes through', () => {
    // Act
    const article = parseArticle(markdown('title: "Mayor says \\"no\\" to the \\u00e9tude"'), {
      source: 'a.md',
      format: 'markdown',
    });

    // Assess
    expect(article.title).toBe('Mayor says "no" to the \u00e9tude');
  });

  it('decodes single-quoted and folded titles as YAML defines them', () => {
    // Act
    const single = parseFrontMatter("title: 'It''s done'");
    const folded = parseFrontMatter('title: >-\n  A long title\n  on two lines');

    // Assess
    expect(single.title).toBe("It's done");
    expect(folded.title).toBe('A long title on two lines');
  });

  it('takes the source link from url: so the digest can link the full article', () => {
    // Act
    const article = parseArticle(markdown('title: Plan approved\nurl: https://news.example.org/plan?id=3'), {
      source: 'a.md',
      format: 'markdown',
    });

    // Assess
    expect(article.url).toBe('https://news.example.org/plan?id=3');
  });

  it('ignores a url that is not http(s)', () => {
    // Act
    const meta = parseFrontMatter('title: X\nurl: "javascript:alert(1)"');

    // Assess
    expect(meta.url).toBeUndefined();
    expect(meta.title).toBe('X');
  });

  it('keeps a YYYY-MM-DD date as the publication date', () => {
    // Act
    const meta = parseFrontMatter('date: 2026-03-14');

    // Assess
    expect(meta.date).toBe('2026-03-14T00:00:00.000Z');
  });

  it('refuses front matter that is not valid YAML with a line naming the file', () => {
    // Act
    const act = () =>
      parseArticle(markdown('title: "unclosed\nurl: [1, 2'), { source: 'broken.md', format: 'markdown' });

    // Assess
    expect(act).toThrow(InputError);
    expect(act).toThrow(/^broken\.md: front matter is not valid YAML/);
  });

  it('refuses front matter that is a list rather than a mapping', () => {
    // Act
    const act = () => parseFrontMatter('- a\n- b', 'list.md');

    // Assess
    expect(act).toThrow(/list\.md: front matter must be a YAML mapping/);
  });
});
