import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contrastRatio, defaultTheme, resolveTheme } from '../../src/email/theme.js';
import { defaultThemeFile, loadThemeFile } from '../../src/email/theme-file.js';
import { ConfigError } from '../../src/errors.js';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('theme', () => {
  it('resolves the defaults, which meet 4.5:1 contrast in both colour schemes', () => {
    const theme = resolveTheme();
    expect(theme).toEqual(defaultTheme);
    for (const colors of [theme.colors, theme.darkColors]) {
      expect(contrastRatio(colors.text, colors.surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(colors.muted, colors.background)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('merges a partial theme and carries a new publication name into alt text and footer', () => {
    const theme = resolveTheme({ publicationName: 'Harbour Notes', colors: { accent: '#0b5394' } });
    expect(theme.colors.accent).toBe('#0b5394');
    expect(theme.colors.text).toBe(defaultTheme.colors.text);
    expect(theme.logoAlt).toBe('Harbour Notes');
    expect(theme.whyReceiving).toContain('Harbour Notes');
  });

  it('ignores $-prefixed comment keys', () => {
    expect(resolveTheme({ $comment: 'edit me', lang: 'de' } as never).lang).toBe('de');
    expect(resolveTheme({ $comment: 'edit me' } as never)).not.toHaveProperty('$comment');
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each([
    [{ colors: { accent: 'red' } }, 'theme.colors.accent', 'hex colour'],
    [{ colors: { text: '#12345' } }, 'theme.colors.text', 'hex colour'],
    [{ darkColors: { surface: 'url(javascript:x)' } }, 'theme.darkColors.surface', 'hex colour'],
    [{ logoUrl: 'http://example.com/logo.png' }, 'theme.logoUrl', 'https'],
    [{ logoUrl: 'javascript:alert(1)' }, 'theme.logoUrl', 'https'],
    [{ websiteUrl: 'https://example.com/"onmouseover="x' }, 'theme.websiteUrl', 'https'],
    [{ fontFamily: 'Arial; } body { display:none' }, 'theme.fontFamily', 'font stack'],
    [{ lang: 'en"><script>' }, 'theme.lang', 'language tag'],
    [{ publicationName: 'Digest\r\nBcc: x@example.com' }, 'theme.publicationName', 'control characters'],
    [{ postalAddress: '  ' }, 'theme.postalAddress', 'empty'],
    [{ colours: { text: '#000000' } }, 'theme.colours', 'unknown key'],
    [{ colors: { link: '#000000' } }, 'theme.colors.link', 'unknown colour'],
    [{ darkColors: 'dark' }, 'theme.darkColors', 'expected an object'],
  ])('rejects %j naming %s', (input, key, problem) => {
    const error = configError(() => resolveTheme(input as never));
    expect(error.message).toContain(key);
    expect(error.message).toContain(problem);
  });

  it('rejects text colours below 4.5:1 and names the pair and the ratio', () => {
    const error = configError(() => resolveTheme({ colors: { text: '#999999' } }));
    expect(error.message).toMatch(
      /^theme\.colors\.text: contrast 2\.\d\d:1 against colors\.surface is below 4\.5:1$/,
    );
  });

  it('rejects a dark scheme with a low-contrast muted colour', () => {
    const error = configError(() => resolveTheme({ darkColors: { muted: '#444444' } }));
    expect(error.message).toContain('theme.darkColors.muted');
  });
});

describe('theme files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-theme-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('loads the shipped templates/theme.json', () => {
    expect(loadThemeFile(defaultThemeFile()).publicationName).toBe('The Weekly Digest');
  });

  it('reads a file over the defaults, ignoring $comment', () => {
    const theme = loadThemeFile(
      write('ok.json', JSON.stringify({ $comment: 'x', publicationName: 'Harbour Notes' })),
    );
    expect(theme.publicationName).toBe('Harbour Notes');
    expect(theme.colors).toEqual(defaultTheme.colors);
  });

  it.each([
    ['bad.json', '{ "publicationName": ', /bad\.json: not valid JSON/],
    ['array.json', '[]', /array\.json: expected a JSON object/],
    ['colour.json', '{ "colors": { "accent": "#fff" } }', /colour\.json: theme\.colors\.accent: contrast/],
  ])('names the file and the problem for %s', (name, content, message) => {
    const path = write(name, content);
    expect(() => loadThemeFile(path)).toThrow(ConfigError);
    expect(() => loadThemeFile(path)).toThrow(message);
  });

  it('fails for a missing explicit file', () => {
    expect(() => loadThemeFile(join(dir, 'missing.json'))).toThrow(/missing\.json: not found/);
  });
});
