import { parseHTML } from 'linkedom';

let scratch: HTMLElement | undefined;

function scratchElement(): HTMLElement {
  scratch ??= parseHTML('<!doctype html><html><body><div></div></body></html>').document.querySelector(
    'div',
  )!;
  return scratch;
}

/** Decodes HTML character references (`&amp;`, `&copy;`, `&#8220;`) in plain text; `<` stays literal. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  const element = scratchElement();
  element.innerHTML = text.replace(/</g, '&lt;');
  return element.textContent ?? '';
}

/** The visible text of an HTML fragment: tags dropped, scripts, styles and comments left out. */
export function htmlFragmentText(html: string): string {
  const element = scratchElement();
  element.innerHTML = html;
  for (const hidden of Array.from(element.querySelectorAll('script, style, noscript, template')))
    hidden.remove();
  return element.textContent ?? '';
}
