/** The result of emulating a dark-mode mail client on an email's HTML. */
export interface DarkModeResult {
  html: string;
  /** `styles`: the email's own prefers-color-scheme: dark rules applied; `inverted`: it has none. */
  method: 'styles' | 'inverted';
}

const DARK_MEDIA = /@media[^{]*prefers-color-scheme\s*:\s*dark[^{]*\{/gi;

/** Returns the bodies of every `@media (prefers-color-scheme: dark) { ... }` block in the CSS text. */
export function extractDarkRules(css: string): string[] {
  const bodies: string[] = [];
  for (const match of css.matchAll(DARK_MEDIA)) {
    const start = (match.index ?? 0) + match[0].length;
    let depth = 1;
    let i = start;
    for (; i < css.length && depth > 0; i++) {
      if (css[i] === '{') depth++;
      else if (css[i] === '}') depth--;
    }
    if (depth === 0) bodies.push(css.slice(start, i - 1));
  }
  return bodies;
}

// What clients without dark styles of their own do to the email (e.g. Outlook.com, the Gmail apps):
// invert the colours, then invert the images back.
const INVERSION_CSS =
  ':root{color-scheme:dark}html{filter:invert(1) hue-rotate(180deg);background:#fff}' +
  'img,picture,video{filter:invert(1) hue-rotate(180deg)}';

/**
 * Emulates a dark-mode client: applies the email's own `prefers-color-scheme: dark` rules
 * unconditionally (as a client in dark mode would), or, when it has none, inverts the colours.
 * The iframe is sandboxed without scripts, so the emulation is done on the markup, server side.
 */
export function emulateDarkMode(emailHtml: string): DarkModeResult {
  const styleBlocks = [...emailHtml.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1] ?? '');
  const rules = styleBlocks.flatMap(extractDarkRules);
  const method = rules.length > 0 ? 'styles' : 'inverted';
  const css = method === 'styles' ? `:root{color-scheme:dark}\n${rules.join('\n')}` : INVERSION_CSS;
  // The emulation style goes last so it wins the cascade like a matching media query would.
  const tag = `<style data-preview="dark-mode">${css.replace(/<\/style/gi, '<\\/style')}</style>`;
  const html = /<\/head>/i.test(emailHtml)
    ? emailHtml.replace(/<\/head>/i, `${tag}</head>`)
    : `${tag}${emailHtml}`;
  return { html, method };
}
