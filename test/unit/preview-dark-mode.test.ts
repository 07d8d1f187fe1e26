import { describe, expect, it } from 'vitest';
import { emulateDarkMode, extractDarkRules } from '../../src/preview/dark-mode.js';

describe('dark-mode emulation for the preview iframe', () => {
  it('extracts every prefers-color-scheme: dark block, nested braces included', () => {
    // Prepare
    const css =
      '.a{color:red}@media (prefers-color-scheme: dark){.a{color:#fff!important}@supports (display:grid){.b{x:y}}}' +
      '@media only screen and (max-width:480px){.c{width:100%}}@media (prefers-color-scheme:dark){.d{color:#eee}}';
    // Act
    const rules = extractDarkRules(css);
    // Assess
    expect(rules).toEqual(['.a{color:#fff!important}@supports (display:grid){.b{x:y}}', '.d{color:#eee}']);
  });

  it("applies the email's own dark rules unconditionally, last in the head", () => {
    // Prepare
    const html =
      '<html><head><style>body{background:#fff}@media (prefers-color-scheme: dark){body{background:#111!important}}</style></head><body>x</body></html>';
    // Act
    const result = emulateDarkMode(html);
    // Assess
    expect(result.method).toBe('styles');
    expect(result.html).toMatch(
      /<style data-preview="dark-mode">:root\{color-scheme:dark\}\s*body\{background:#111!important\}<\/style><\/head>/,
    );
  });

  it('inverts the colours when the email has no dark styles, as some clients do', () => {
    // Act
    const result = emulateDarkMode('<html><head><style>body{color:#000}</style></head><body>x</body></html>');
    // Assess
    expect(result.method).toBe('inverted');
    expect(result.html).toContain('filter:invert(1) hue-rotate(180deg)');
  });

  it('leaves a dark block that never closes out instead of swallowing the rest of the CSS', () => {
    // Act
    const rules = extractDarkRules('@media (prefers-color-scheme: dark){.a{color:#fff}');
    // Assess
    expect(rules).toEqual([]);
  });

  it('works on a fragment without a head', () => {
    // Act
    const result = emulateDarkMode('<p>no head</p>');
    // Assess
    expect(result.html.startsWith('<style data-preview="dark-mode">')).toBe(true);
    expect(result.html).toContain('<p>no head</p>');
  });
});
