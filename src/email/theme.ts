import { ConfigError } from '../errors.js';

/** Colours for one colour scheme; every value is a `#rrggbb` or `#rgb` hex colour. */
export interface ThemeColors {
  /** Page background around the email card. */
  background: string;
  /** Card background behind the text. */
  surface: string;
  text: string;
  /** Secondary text: dates, reading time, roles. Must still reach 4.5:1 on the surface. */
  muted: string;
  /** Links, headings accents, the quote bar. Must reach 4.5:1 on the surface (it colours link text). */
  accent: string;
  border: string;
}

/** Publication look and identity, validated by `resolveTheme`; a user restyles here, not in MJML. */
export interface Theme {
  publicationName: string;
  tagline: string;
  postalAddress: string;
  /** https URL of the logo image; omitted means the publication name is shown as text only. */
  logoUrl?: string;
  logoAlt: string;
  /** https URL the logo and publication name link to. */
  websiteUrl?: string;
  /** BCP 47 language tag for `<html lang>`. */
  lang: string;
  fontFamily: string;
  headingFontFamily: string;
  colors: ThemeColors;
  darkColors: ThemeColors;
  /** The "why you get this" line in the footer. */
  whyReceiving: string;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** What callers pass: any subset of the theme; the rest comes from `defaultTheme`. */
export type ThemeInput = DeepPartial<Theme>;

export const defaultTheme: Readonly<Theme> = Object.freeze({
  publicationName: 'The Weekly Digest',
  tagline: 'The stories worth your time, summarised',
  postalAddress: 'The Weekly Digest, 1 Example Street, 10115 Berlin, Germany',
  logoAlt: 'The Weekly Digest',
  lang: 'en',
  fontFamily: 'Helvetica, Arial, sans-serif',
  headingFontFamily: "Georgia, 'Times New Roman', serif",
  colors: Object.freeze({
    background: '#f3f1ec',
    surface: '#ffffff',
    text: '#1f2328',
    muted: '#595f66',
    accent: '#9c2f1f',
    border: '#e2ddd3',
  }),
  darkColors: Object.freeze({
    background: '#111315',
    surface: '#1b1e21',
    text: '#e8e6e3',
    muted: '#aab0b6',
    accent: '#f0a08f',
    border: '#33383d',
  }),
  whyReceiving: 'You receive this email because you subscribed to The Weekly Digest.',
}) as Theme;

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
// Theme values land unescaped in CSS and attributes, so only a safe alphabet passes.
const FONT_STACK = /^[A-Za-z0-9 ,'-]{1,200}$/;
const LANG_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const MIN_CONTRAST = 4.5;

// Themes this module validated and froze; passing one again (render after compose) costs nothing.
const resolved = new WeakSet<object>();

/**
 * Merges `input` over `base` (the built-in defaults unless given) and validates the result; throws
 * ConfigError naming the bad key.
 */
export function resolveTheme(input: ThemeInput = {}, base: Theme = defaultTheme): Theme {
  if (resolved.has(input)) return input as Theme;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError('theme: expected an object');
  }
  rejectUnknownKeys(input);
  const known = Object.fromEntries(Object.entries(input).filter(([key]) => !key.startsWith('$')));
  const theme: Theme = {
    ...base,
    ...(known as Partial<Theme>),
    colors: { ...base.colors, ...(input.colors ?? {}) } as ThemeColors,
    darkColors: { ...base.darkColors, ...(input.darkColors ?? {}) } as ThemeColors,
  };
  // A renamed publication should not keep the default's name in alt text and footer copy.
  if (input.publicationName !== undefined) {
    if (input.logoAlt === undefined) theme.logoAlt = theme.publicationName;
    if (input.whyReceiving === undefined) {
      theme.whyReceiving = `You receive this email because you subscribed to ${theme.publicationName}.`;
    }
  }
  validateTheme(theme);
  Object.freeze(theme.colors);
  Object.freeze(theme.darkColors);
  resolved.add(Object.freeze(theme));
  return theme;
}

const THEME_KEYS = new Set([...Object.keys(defaultTheme), 'logoUrl', 'websiteUrl']);

// A typo ("colours", "accentColor") would otherwise be ignored silently. Keys starting with `$` are
// comments ("$comment" in theme.json).
function rejectUnknownKeys(input: ThemeInput): void {
  for (const key of Object.keys(input)) {
    if (!key.startsWith('$') && !THEME_KEYS.has(key)) {
      throw new ConfigError(`theme.${key}: unknown key (known: ${[...THEME_KEYS].join(', ')})`);
    }
  }
  for (const scheme of ['colors', 'darkColors'] as const) {
    const colors = input[scheme];
    if (colors === undefined) continue;
    if (colors === null || typeof colors !== 'object' || Array.isArray(colors)) {
      throw new ConfigError(`theme.${scheme}: expected an object of colours`);
    }
    for (const key of Object.keys(colors)) {
      if (!(key in defaultTheme.colors)) {
        throw new ConfigError(
          `theme.${scheme}.${key}: unknown colour (known: ${Object.keys(defaultTheme.colors).join(', ')})`,
        );
      }
    }
  }
}

function validateTheme(theme: Theme): void {
  for (const key of ['publicationName', 'postalAddress', 'logoAlt', 'whyReceiving', 'tagline'] as const) {
    const value = theme[key];
    if (typeof value !== 'string') throw new ConfigError(`theme.${key}: expected a string`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(value)) {
      throw new ConfigError(`theme.${key}: control characters (such as a line break) are not allowed`);
    }
    if (value.length > 500) throw new ConfigError(`theme.${key}: longer than 500 characters`);
  }
  if (theme.publicationName.trim() === '') throw new ConfigError('theme.publicationName: must not be empty');
  // CAN-SPAM asks for a physical postal address in every commercial email.
  if (theme.postalAddress.trim() === '') throw new ConfigError('theme.postalAddress: must not be empty');
  for (const key of ['logoUrl', 'websiteUrl'] as const) {
    const value = theme[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !isHttpsUrl(value)) {
      throw new ConfigError(`theme.${key}: expected an https:// URL, got ${JSON.stringify(value)}`);
    }
  }
  if (typeof theme.lang !== 'string' || !LANG_TAG.test(theme.lang)) {
    throw new ConfigError(
      `theme.lang: expected a language tag such as "en" or "de-CH", got ${JSON.stringify(theme.lang)}`,
    );
  }
  for (const key of ['fontFamily', 'headingFontFamily'] as const) {
    const value = theme[key];
    if (typeof value !== 'string' || !FONT_STACK.test(value)) {
      throw new ConfigError(
        `theme.${key}: expected a font stack of letters, digits, spaces, commas, hyphens and single quotes`,
      );
    }
  }
  for (const scheme of ['colors', 'darkColors'] as const) {
    const colors = theme[scheme];
    for (const key of Object.keys(defaultTheme.colors) as (keyof ThemeColors)[]) {
      const value = colors[key];
      if (typeof value !== 'string' || !HEX_COLOR.test(value)) {
        throw new ConfigError(
          `theme.${scheme}.${key}: expected a hex colour like #1f2328, got ${JSON.stringify(value)}`,
        );
      }
    }
    for (const key of ['text', 'muted', 'accent'] as const) {
      for (const behind of ['surface', 'background'] as const) {
        const ratio = contrastRatio(colors[key], colors[behind]);
        if (ratio < MIN_CONTRAST) {
          throw new ConfigError(
            `theme.${scheme}.${key}: contrast ${ratio.toFixed(2)}:1 against ${scheme}.${behind} is below ${MIN_CONTRAST}:1`,
          );
        }
      }
    }
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:' && !/[\s"'<>]/.test(value);
  } catch {
    return false;
  }
}

/** WCAG 2 contrast ratio of two hex colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function relativeLuminance(hex: string): number {
  let digits = hex.slice(1);
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  const channel = (i: number): number => {
    const c = Number.parseInt(digits.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}
