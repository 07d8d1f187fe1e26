// Elements that never have content, or whose end tag HTML lets authors leave out.
const NO_NESTING = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rp'.split(
    ' ',
  ),
);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes']);
const TAG_START = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;
const END_TAGS = new Map<string, RegExp>();

/** What a quick look at the tags of raw HTML says about the tree a DOM parser would build. */
export interface TagStats {
  /** Elements opened (start tags). */
  elements: number;
  /** The deepest nesting of explicitly closed elements. */
  depth: number;
}

/**
 * Counts the start tags and the nesting depth of raw HTML in a single linear scan (comments and
 * script/style bodies skipped). DOM parsers and Readability slow down badly on deep nesting and huge
 * element counts (linkedom takes seconds for 40,000 nested levels), so hostile input is refused
 * before parsing.
 */
export function scanTags(html: string): TagStats {
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  let i = html.indexOf('<');
  while (i !== -1) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end === -1) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    TAG_START.lastIndex = i;
    const match = TAG_START.exec(html);
    if (!match) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const close = html.indexOf('>', i);
    if (close === -1) break;
    const name = match[2]!.toLowerCase();
    i = html.indexOf('<', close + 1);
    if (match[1]) {
      if (!NO_NESTING.has(name) && depth > 0) depth--;
      continue;
    }
    elements++;
    if (RAW_TEXT.has(name)) {
      const endTag = endTagOf(name);
      endTag.lastIndex = close + 1;
      if (!endTag.exec(html)) break;
      i = html.indexOf('<', endTag.lastIndex);
    } else if (!NO_NESTING.has(name) && html[close - 1] !== '/') {
      depth++;
      if (depth > deepest) deepest = depth;
    }
  }
  return { elements, depth: deepest };
}

function endTagOf(name: string): RegExp {
  let pattern = END_TAGS.get(name);
  if (!pattern) {
    pattern = new RegExp(`</${name}\\s*>`, 'gi');
    END_TAGS.set(name, pattern);
  }
  return pattern;
}
