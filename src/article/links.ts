/** The absolute http(s) form of a link target, or undefined for other schemes and unresolvable targets. */
export function httpHref(href: string, base?: string): string | undefined {
  try {
    const url = base ? new URL(href.trim(), base) : new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
