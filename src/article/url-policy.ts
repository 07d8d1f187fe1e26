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
  discard: 'discard-only (100::/64)',
  benchmarking: 'benchmarking (198.18/15, 2001:2::/48)',
  segmentRouting: 'segment routing (5f00::/16)',
};

// IPv6 global unicast space; everything outside it is reserved or special-purpose (RFC 4291, IANA).
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** The rule an IPv6 address breaks that ipaddr.js still calls unicast (outside 2000::/3), or undefined. */
function reservedV6Rule(address: ipaddr.IPv6): string | undefined {
  if (address.match(GLOBAL_UNICAST_V6)) return undefined;
  if (address.match(IPV4_COMPATIBLE)) {
    const carried = ipaddr.fromByteArray(address.toByteArray().slice(12)).toString();
    return `IPv4-compatible IPv6 (::/96, deprecated; it carries ${carried})`;
  }
  if (address.match(ipaddr.parseCIDR('::/8'))) return 'reserved (::/8)';
  return 'reserved (outside the global unicast range 2000::/3)';
}

/** Why an address may not be fetched: the address as shown, the rule it breaks, and a hint. */
export interface AddressRefusal {
  address: string;
  rule: string;
  hint: string;
}

/**
 * Why an address may not be fetched, or undefined when it may. Allow-list: only the `unicast`
 * range of ipaddr.js passes (and `loopback` with allowLoopback); IPv4-mapped IPv6 addresses are
 * judged as the IPv4 address they carry; IPv6 outside global unicast (2000::/3), including the
 * deprecated IPv4-compatible form `::a.b.c.d` and the rest of ::/8, is refused whatever it carries.
 */
export function addressRefusal(address: string, policy: AddressPolicy = {}): AddressRefusal | undefined {
  if (!ipaddr.isValid(address)) return { address, rule: 'not an IP address', hint: '' };
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  const reservedV6 =
    range === 'unicast' && parsed.kind() === 'ipv6' ? reservedV6Rule(parsed as ipaddr.IPv6) : undefined;
  if (reservedV6) {
    return { address: parsed.toString(), rule: reservedV6, hint: '; only public addresses are fetched' };
  }
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
