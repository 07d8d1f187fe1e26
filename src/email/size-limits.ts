import { RenderError } from '../errors.js';

/** Gmail clips messages above about 102 KB of HTML and hides what follows, the unsubscribe footer too. */
export const HTML_LIMIT_BYTES = 100 * 1024;
/** Above this the digest still renders, with a warning: personalised links and tracking add bytes. */
export const HTML_WARN_BYTES = 80 * 1024;

/** Formats a byte count as KB with one decimal, e.g. "61.3 KB". */
export function formatKB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Throws RenderError over the clip limit; returns the warnings (empty when the size is fine). */
export function checkHtmlSize(html: string, label = 'digest'): string[] {
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > HTML_LIMIT_BYTES) {
    throw new RenderError(
      `${label}: HTML is ${formatKB(bytes)}, over the ${formatKB(HTML_LIMIT_BYTES)} limit (Gmail clips at about 102 KB and hides the unsubscribe link) even with every story compacted to its headline`,
    );
  }
  if (bytes > HTML_WARN_BYTES) {
    return [
      `${label}: HTML is ${formatKB(bytes)}, close to Gmail's clipping limit of about 102 KB (warning above ${formatKB(HTML_WARN_BYTES)})`,
    ];
  }
  return [];
}
