import { parseHTML } from 'linkedom';

export type CheckStatus = 'ok' | 'warn' | 'error' | 'info' | 'pending';

/** One line of the checks panel. `details` are shown as a list under it. */
export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  summary: string;
  details?: string[];
}

/** Gmail clips a message body above about 102 KB and hides everything after, the unsubscribe link included. */
export const CLIP_LIMIT_BYTES = 102 * 1024;
export const SIZE_WARN_BYTES = 80 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** HTML size against Gmail's clip limit. */
export function checkSize(emailHtml: string): CheckResult {
  const bytes = Buffer.byteLength(emailHtml, 'utf8');
  const status: CheckStatus = bytes > CLIP_LIMIT_BYTES ? 'error' : bytes >= SIZE_WARN_BYTES ? 'warn' : 'ok';
  const verdict =
    status === 'error' ? 'Gmail will clip it' : status === 'warn' ? 'close to the clip limit' : 'fits';
  return {
    id: 'size',
    title: 'HTML size',
    status,
    summary: `${kb(bytes)} of ${kb(CLIP_LIMIT_BYTES)}: ${verdict}`,
  };
}

function linksOf(emailHtml: string): string[] {
  const { document } = parseHTML(emailHtml);
  const hrefs = Array.from(document.querySelectorAll('a[href]')).map((a) =>
    (a.getAttribute('href') ?? '').trim(),
  );
  return [...new Set(hrefs.filter((href) => /^(https?:|mailto:)/i.test(href)))];
}

/** Every http(s)/mailto link of the HTML part must also appear in the plain-text part. */
export function checkTextLinks(emailHtml: string, text: string): CheckResult {
  const links = linksOf(emailHtml);
  const inText = (href: string) => {
    const bare = href.replace(/^mailto:/i, '');
    return text.includes(href) || text.includes(bare) || text.includes(href.replace(/\/$/, ''));
  };
  const missing = links.filter((href) => !inText(href));
  return {
    id: 'text-links',
    title: 'Links in the text part',
    status: missing.length > 0 ? 'error' : 'ok',
    summary:
      missing.length > 0
        ? `${missing.length} of ${links.length} links are missing from the plain text`
        : `all ${links.length} links of the HTML are in the plain text`,
    details: missing,
  };
}

/** Images must carry an alt attribute (empty alt marks a decorative image). */
export function checkImageAlt(emailHtml: string): CheckResult {
  const { document } = parseHTML(emailHtml);
  const images = Array.from(document.querySelectorAll('img'));
  const missing = images.filter((img) => !img.hasAttribute('alt'));
  return {
    id: 'image-alt',
    title: 'Image alt text',
    status: missing.length > 0 ? 'error' : 'ok',
    summary:
      images.length === 0
        ? 'no images'
        : missing.length > 0
          ? `${missing.length} of ${images.length} images have no alt text`
          : `all ${images.length} images have alt text`,
    details: missing.map((img) => img.getAttribute('src') ?? '(no src)'),
  };
}

/** Template validation errors (MJML strict validation) as a check line. */
export function checkTemplates(errors: string[]): CheckResult {
  return {
    id: 'mjml',
    title: 'MJML validation',
    status: errors.length > 0 ? 'error' : 'ok',
    summary: errors.length > 0 ? `${errors.length} template errors` : 'templates are valid',
    details: errors,
  };
}

/** The checks that need only the rendered HTML and text (instant, run on every build). */
export function checkRendered(emailHtml: string, text: string): CheckResult[] {
  return [checkSize(emailHtml), checkTextLinks(emailHtml, text), checkImageAlt(emailHtml)];
}
