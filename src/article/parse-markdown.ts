import { Lexer, type Token, type Tokens } from 'marked';
import type { ParsedParts } from './build-article.js';
import { parseFrontMatter } from './front-matter.js';
import { decodeEntities, htmlFragmentText } from './html-text.js';
import { httpHref } from './links.js';
import type { ArticleLink } from './types.js';

// marked's emphasis scan is quadratic in the number of `*`/`_` delimiters of one paragraph (20,000 take
// seconds). Real paragraphs have a handful; a block with more than this is read with them as literals.
const MAX_DELIMITERS_PER_BLOCK = 128;
const FRONT_MATTER = /^---\n([\s\S]*?)\n---(?:\n|$)/;

/**
 * Parses normalised Markdown with marked's lexer. The title is the front matter `title:` (YAML), else a
 * leading heading (ATX or setext), else the first line of the first paragraph. Every other block
 * becomes paragraphs: headings, list items, block-quote paragraphs, table rows, code blocks and
 * HTML blocks (as their visible text). Inline markup is reduced to its readable text: emphasis
 * markers go, a link keeps its text in the paragraph and its http(s) target in `links`, images are dropped.
 */
export function parseMarkdown(normalized: string, source?: string): ParsedParts {
  const front = FRONT_MATTER.exec(normalized);
  const meta = front ? parseFrontMatter(front[1] ?? '', source) : {};
  const body = front ? normalized.slice(front[0].length) : normalized;
  const links: ArticleLink[] = [];
  const paragraphs = blocksToParagraphs(new Lexer({ gfm: true }).lex(defuseDelimiterFloods(body)), links);

  let title = meta.title ?? '';
  if (title && paragraphs[0]?.heading && same(paragraphs[0].text, title)) paragraphs.shift();
  else if (!title && paragraphs[0]) {
    const first = paragraphs.shift()!;
    const [line = '', ...rest] = first.text.trim().split('\n');
    title = line;
    if (!first.heading && rest.length > 0) paragraphs.unshift({ text: rest.join('\n'), heading: false });
  }
  return {
    title,
    paragraphs: paragraphs.map((p) => p.text),
    links,
    ...(meta.date ? { publishedAt: meta.date } : {}),
    ...(meta.url ? { url: meta.url } : {}),
  };
}

interface Block {
  text: string;
  heading: boolean;
}

function blocksToParagraphs(tokens: Token[], links: ArticleLink[]): Block[] {
  const blocks: Block[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        blocks.push({ text: inline((token as Tokens.Heading).tokens, links), heading: true });
        break;
      case 'paragraph':
      case 'text': {
        const children = (token as Tokens.Paragraph | Tokens.Text).tokens;
        blocks.push({
          text: children ? inline(children, links) : decodeEntities(token.text),
          heading: false,
        });
        break;
      }
      case 'blockquote':
        blocks.push(...blocksToParagraphs((token as Tokens.Blockquote).tokens, links));
        break;
      case 'list':
        for (const item of (token as Tokens.List).items)
          blocks.push(...blocksToParagraphs(item.tokens, links));
        break;
      case 'table': {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) {
          const cells = row.map((cell) => inline(cell.tokens, links).trim());
          blocks.push({ text: cells.join(' | '), heading: false });
        }
        break;
      }
      case 'code':
        blocks.push({ text: (token as Tokens.Code).text, heading: false });
        break;
      case 'html':
        blocks.push({ text: htmlFragmentText(token.text), heading: false });
        break;
      default:
        // hr, space, link definitions: nothing readable.
        break;
    }
  }
  return blocks;
}

function inline(tokens: Token[], links: ArticleLink[]): string {
  let out = '';
  // Inside a paragraph `<script>…</script>` arrives as tag tokens around plain text tokens.
  let hiddenUntil: RegExp | undefined;
  for (const token of tokens) {
    if (token.type === 'html') {
      const opened = /^<(script|style|noscript|template)\b/i.exec(token.text);
      if (hiddenUntil?.test(token.text)) hiddenUntil = undefined;
      else if (opened && !hiddenUntil) hiddenUntil = new RegExp(`^</${opened[1]}\\s*>`, 'i');
      continue;
    }
    if (hiddenUntil) continue;
    switch (token.type) {
      case 'text':
        out += 'tokens' in token && token.tokens ? inline(token.tokens, links) : decodeEntities(token.text);
        break;
      case 'escape':
      case 'codespan':
        out += token.text;
        break;
      case 'strong':
      case 'em':
      case 'del':
        out += inline((token as Tokens.Strong).tokens, links);
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const text = inline(link.tokens, links);
        const href = httpHref(link.href);
        if (href && text.trim()) links.push({ text, href });
        out += text;
        break;
      }
      case 'br':
        out += '\n';
        break;
      default:
        // images and inline HTML tags carry no readable text of their own.
        break;
    }
  }
  return out;
}

function defuseDelimiterFloods(markdown: string): string {
  return markdown
    .split(/(\n\s*\n)/)
    .map((block) => {
      const delimiters = block.match(/[*_]/g)?.length ?? 0;
      return delimiters > MAX_DELIMITERS_PER_BLOCK ? block.replace(/(?<!\\)([*_])/g, '\\$1') : block;
    })
    .join('');
}

function same(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}
