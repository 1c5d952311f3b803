import ipaddr from 'ipaddr.js';
import { err, ok, type Result } from '../domain/result.js';

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;
type Address = IPv4 | IPv6;

export interface AddressPolicy {
  /** Opens 127.0.0.0/8 and ::1 (and ::ffff:127.0.0.0/104, which is 127/8 on the wire); nothing more. */
  readonly allowLoopback: boolean;
  /** CIDRs opened explicitly, whatever range they fall in. */
  readonly allowList: readonly string[];
}

export type AddressVerdict =
  { readonly allowed: true } | { readonly allowed: false; readonly range: string };

const ALLOWED: AddressVerdict = { allowed: true };
const refused = (range: string): AddressVerdict => ({ allowed: false, range });

// RFC 4291 §2.4 / IANA: only 2000::/3 is allocated as global unicast. Everything outside it that
// ipaddr.js calls 'unicast' (e.g. the deprecated IPv4-compatible ::a.b.c.d) is refused.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
// RFC 8215 local-use NAT64 prefix: the embedded IPv4 position depends on the operator's prefix length.
const LOCAL_USE_NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b:1::/48');

/** Parses an IP literal into ipaddr.js form (accepts what `ipaddr.parse` accepts), or null. */
export function parseAddress(ip: string): Address | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : null;
}

/** The address as it will be used on the wire: canonical text, IPv4-mapped IPv6 unwrapped. */
export function canonicalAddress(ip: string): string | null {
  const parsed = parseAddress(ip);
  return parsed === null ? null : unwrapMapped(parsed).toString();
}

/**
 * Decides whether the fetcher may connect to `ip`. Pure: the same input always gives the same verdict.
 * Order: explicit allow list, then loopback policy, then the special-range table of ipaddr.js, then
 * embedded IPv4 forms (NAT64, 6to4, Teredo, SIIT), judged by the IPv4 they reach.
 */
export function classifyAddress(ip: string, policy: AddressPolicy): AddressVerdict {
  const parsed = parseAddress(ip);
  if (parsed === null) return refused('invalid');
  if (parsed instanceof ipaddr.IPv6 && parsed.zoneId !== undefined) return refused('zoned');
  const addr = unwrapMapped(parsed);
  if (inAllowList(addr, policy.allowList)) return ALLOWED;

  const range = addr.range();
  if (range === 'loopback') return policy.allowLoopback ? ALLOWED : refused('loopback');
  if (!(addr instanceof ipaddr.IPv6)) return range === 'unicast' ? ALLOWED : refused(range);

  const v6 = addr;
  if (v6.match(LOCAL_USE_NAT64)) return refused('rfc8215');
  const embedded = embeddedIPv4(v6, range);
  if (embedded !== null) return classifyEmbedded(range, embedded);
  if (range !== 'unicast') return refused(range);
  return v6.match(GLOBAL_UNICAST_V6) ? ALLOWED : refused('reserved');
}

/** Checks every entry parses as a CIDR, so a typo in configuration fails at start-up. */
export function validateAllowList(list: readonly string[]): Result<readonly string[], string> {
  const bad = list.filter((cidr) => !ipaddr.isValidCIDR(cidr));
  return bad.length === 0 ? ok(list) : err(`not a CIDR: ${bad.join(', ')}`);
}

/**
 * True when `ip` (any spelling, IPv4-mapped IPv6 included) lies in one of the CIDRs; a plain
 * address in the list counts as its own /32 or /128. For allow lists of inbound callers (metrics).
 */
export function addressInList(ip: string, list: readonly string[]): boolean {
  const parsed = parseAddress(ip);
  if (parsed === null) return false;
  const cidrs = list.map((a) => (a.includes('/') ? a : `${a}/${a.includes(':') ? 128 : 32}`));
  return inAllowList(unwrapMapped(parsed), cidrs);
}

function unwrapMapped(addr: Address): Address {
  return addr instanceof ipaddr.IPv6 && addr.isIPv4MappedAddress() ? addr.toIPv4Address() : addr;
}

function inAllowList(addr: Address, list: readonly string[]): boolean {
  return list.some((cidr) => {
    if (!ipaddr.isValidCIDR(cidr)) return false;
    const range = ipaddr.parseCIDR(cidr);
    return range[0].kind() === addr.kind() && addr.match(range);
  });
}

/** IPv4 addresses a translated IPv6 address leads to; null when the range embeds none. */
function embeddedIPv4(addr: IPv6, range: string): IPv4[] | null {
  const p = addr.parts;
  const v4 = (hi: number, lo: number): IPv4 =>
    new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const at = (i: number): number => p[i] ?? 0;
  switch (range) {
    case 'rfc6052': // RFC 6052 §2.2, 64:ff9b::/96: the last 32 bits
    case 'rfc6145': // RFC 6145 (SIIT) ::ffff:0:a.b.c.d
      return [v4(at(6), at(7))];
    case '6to4': // RFC 3056 §2: 2002:V4ADDR::/48
      return [v4(at(1), at(2))];
    case 'teredo': // RFC 4380 §4: server in bits 32-63, client obfuscated (inverted) in the last 32
      return [v4(at(2), at(3)), v4(~at(6) & 0xffff, ~at(7) & 0xffff)];
    default:
      return null;
  }
}

/** An embedded IPv4 must be public: loopback permission and the allow list do not travel through gateways. */
function classifyEmbedded(range: string, targets: readonly IPv4[]): AddressVerdict {
  for (const target of targets) {
    const inner = target.range();
    if (inner !== 'unicast') return refused(`${range}:${inner}`);
  }
  return ALLOWED;
}
