import ipaddr from 'ipaddr.js';

/**
 * The key a source's signup budget is counted under: an IPv4 address as it is, an IPv6 address by its
 * /64 (one subscriber line usually gets a whole /64, so counting single addresses would let one host
 * rotate through 2^64 budgets). IPv4-mapped IPv6 counts as the IPv4 address.
 */
export function sourceKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const parsed = ipaddr.process(ip);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}
