import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLIP_LIMIT_BYTES,
  checkImageAlt,
  checkSize,
  checkTemplates,
  checkTextLinks,
  SIZE_WARN_BYTES,
} from '../../src/preview/checks.js';
import { findOnPath, parseSpamAssassinOutput, spamCheckResult } from '../../src/preview/spam-check.js';

const SPAMASSASSIN_OUTPUT = `X-Spam-Checker-Version: SpamAssassin 4.0.1 (2024-03-25) on vm
X-Spam-Level: *
X-Spam-Status: No, score=1.2 required=5.0 tests=HTML_FONT_LOW_CONTRAST,
\tMSGID_SHORT,NO_RECEIVED autolearn=disabled version=4.0.1
Subject: hi

Content analysis details:   (1.2 points, 5.0 required)

 pts rule name              description
---- ---------------------- --------------------------------------------------
-0.0 NO_RECEIVED            Informational: message has no Received headers
 0.7 HTML_FONT_LOW_CONTRAST BODY: HTML font color similar or identical to
                            background
 0.5 MSGID_SHORT            Message-ID is unusually short
`;

describe('preview checks', () => {
  it('grades the HTML size against the 102 KB clip limit, warning from 80 KB', () => {
    // Act
    const small = checkSize('x'.repeat(SIZE_WARN_BYTES - 1));
    const close = checkSize('x'.repeat(SIZE_WARN_BYTES));
    const clipped = checkSize('x'.repeat(CLIP_LIMIT_BYTES + 1));
    // Assess
    expect(small.status).toBe('ok');
    expect(close.status).toBe('warn');
    expect(clipped.status).toBe('error');
    expect(clipped.summary).toContain('Gmail will clip it');
  });

  it('counts bytes, not characters', () => {
    // Act: 30,000 three-byte characters are 87.9 KB
    const result = checkSize('€'.repeat(30_000));
    // Assess
    expect(result.status).toBe('warn');
  });

  it('lists the links of the HTML that the text part lacks, with entities decoded', () => {
    // Prepare
    const html =
      '<a href="https://example.com/a?x=1&amp;y=2">a</a><a href="https://example.com/b">b</a>' +
      '<a href="mailto:editor@example.com">mail</a><a href="#top">top</a><a href="javascript:alert(1)">x</a>';
    const text = 'A: https://example.com/a?x=1&y=2\nWrite to editor@example.com\n';
    // Act
    const result = checkTextLinks(html, text);
    // Assess
    expect(result.status).toBe('error');
    expect(result.details).toEqual(['https://example.com/b']);
    expect(result.summary).toBe('1 of 3 links are missing from the plain text');
  });

  it('passes when every link is in the text', () => {
    // Act
    const result = checkTextLinks('<a href="https://example.com/">x</a>', 'see https://example.com');
    // Assess
    expect(result.status).toBe('ok');
  });

  it('flags images without an alt attribute and accepts empty alt for decoration', () => {
    // Act
    const result = checkImageAlt(
      '<img src="https://x/logo.png"><img src="https://x/rule.png" alt=""><img alt="Logo" src="y">',
    );
    // Assess
    expect(result.status).toBe('error');
    expect(result.details).toEqual(['https://x/logo.png']);
  });

  it('turns template problems into an error line with each problem listed', () => {
    // Act
    const result = checkTemplates(['partials/footer.mjml:3: <mj-bogus> is not registered']);
    // Assess
    expect(result.status).toBe('error');
    expect(result.details).toHaveLength(1);
  });
});

describe('SpamAssassin output', () => {
  it('reads the score, the threshold and every rule, folded descriptions joined', () => {
    // Act
    const report = parseSpamAssassinOutput(SPAMASSASSIN_OUTPUT);
    // Assess
    expect(report.score).toBe(1.2);
    expect(report.required).toBe(5);
    expect(report.rules).toEqual([
      { points: -0, name: 'NO_RECEIVED', description: 'Informational: message has no Received headers' },
      {
        points: 0.7,
        name: 'HTML_FONT_LOW_CONTRAST',
        description: 'BODY: HTML font color similar or identical to background',
      },
      { points: 0.5, name: 'MSGID_SHORT', description: 'Message-ID is unusually short' },
    ]);
  });

  it('rejects output without a status header', () => {
    // Act / Assess
    expect(() => parseSpamAssassinOutput('garbage')).toThrow(/no X-Spam-Status/);
  });

  it('shows the non-zero rules and grades the score', () => {
    // Act
    const result = spamCheckResult({ kind: 'done', report: parseSpamAssassinOutput(SPAMASSASSIN_OUTPUT) });
    const spam = spamCheckResult({ kind: 'done', report: { score: 6.1, required: 5, rules: [] } });
    // Assess
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('score 1.2 (spam at 5.0)');
    expect(result.details).toEqual([
      '0.7 HTML_FONT_LOW_CONTRAST: BODY: HTML font color similar or identical to background',
      '0.5 MSGID_SHORT: Message-ID is unusually short',
    ]);
    expect(spam.status).toBe('error');
  });

  it('says how to install it when it is missing', () => {
    // Act
    const result = spamCheckResult({ kind: 'missing' });
    // Assess
    expect(result.summary).toContain('apt-get install spamassassin');
  });

  it('finds only executable files on PATH', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'path-'));
    writeFileSync(join(dir, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(dir, 'data'), 'x', { mode: 0o644 });
    try {
      // Act / Assess
      expect(findOnPath('tool', `/nonexistent:${dir}`)).toBe(join(dir, 'tool'));
      expect(findOnPath('data', dir)).toBeUndefined();
      expect(findOnPath('tool', '')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
