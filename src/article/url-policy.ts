import ipaddr from 'ipaddr.js';

/** What the fetcher may connect to. Only public unicast addresses, plus loopback when allowed. */
export interface AddressPolicy {
  /** Lets the CLI read from a server on this machine (local work, tests). Never private or metadata. */
  allowLoopback?: boolean;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private (10/8, 172.16/12, 192.168/16)',
  linkLocal: 'link-local',
  carrierGradeNat: 'shared address space (100.64/10, CGNAT)',
  uniqueLocal: 'unique-local (fc00::/7)',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
  rfc6052: 'NAT64 (64:ff9b::/96)',
  rfc6145: 'IPv4-translated',
  '6to4': '6to4 (2002::/16)',
  teredo: 'Teredo (2001::/32)',
};

/** Why an address may not be fetched: the address as shown, the rule it breaks, and a hint. */
export interface AddressRefusal {
  address: string;
  rule: string;
  hint: string;
}

/**
 * Why an address may not be fetched, or undefined when it may. Allow-list: only the `unicast`
 * range of ipaddr.js passes (and `loopback` with allowLoopback); IPv4-mapped IPv6 addresses are
 * judged as the IPv4 address they carry.
 */
export function addressRefusal(address: string, policy: AddressPolicy = {}): AddressRefusal | undefined {
  if (!ipaddr.isValid(address)) return { address, rule: 'not an IP address', hint: '' };
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  if (range === 'loopback' && policy.allowLoopback) return undefined;
  const shown = parsed.toString();
  const metadata = shown === '169.254.169.254' || shown === 'fd00:ec2::254';
  const rule = metadata ? 'link-local (the cloud metadata service)' : (RANGE_NAMES[range] ?? range);
  const hint =
    range === 'loopback' ? '; pass --allow-loopback for local work' : '; only public addresses are fetched';
  return { address: shown, rule, hint };
}

/** The host of a URL as a bare name or IP literal (IPv6 brackets removed). */
export function urlHost(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** True for the inputs the source loader treats as URLs. */
export function isHttpUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}
