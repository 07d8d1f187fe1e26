import { extname } from 'node:path';
import type { ArticleFormat } from './types.js';

const BY_EXTENSION: Record<string, ArticleFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

/**
 * Detects the format from the file extension, else from the content: an HTML doctype or `<html>`
 * tag means HTML, a leading `# ` heading (or YAML front matter) means Markdown, anything else is text.
 */
export function detectFormat(name: string, content: string): ArticleFormat {
  const byExtension = BY_EXTENSION[extname(name).toLowerCase()];
  if (byExtension) return byExtension;
  const head = content
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 1024);
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(head)) return 'html';
  if (/^#{1,6} \S/.test(head) || /^---\r?\n[\s\S]*?\r?\n---\r?\n/.test(head)) return 'markdown';
  return 'text';
}
