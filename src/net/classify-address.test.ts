import { describe, expect, it } from 'vitest';
import { canonicalAddress, classifyAddress, validateAllowList } from './classify-address.js';

const closed = { allowLoopback: false, allowList: [] };
const loopbackOpen = { allowLoopback: true, allowList: [] };

// [address, range refused under the closed policy, or 'allowed']
const table: readonly (readonly [string, string])[] = [
  ['93.184.216.34', 'allowed'],
  ['8.8.8.8', 'allowed'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.5.4', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['0x7f.0.0.1', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['2130706433', 'loopback'],
  ['127.1', 'loopback'],
  ['2606:2800:220:1:248:1893:25c8:1946', 'allowed'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::', 'unspecified'],
  ['fc00::', 'uniqueLocal'],
  ['fd12:3456::1', 'uniqueLocal'],
  ['fe80::1', 'linkLocal'],
  ['fe80::1%eth0', 'zoned'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'linkLocal'],
  ['::ffff:93.184.216.34', 'allowed'],
  ['::7f00:1', 'reserved'],
  ['64:ff9b::a00:1', 'rfc6052:private'],
  ['64:ff9b::7f00:1', 'rfc6052:loopback'],
  ['64:ff9b::5db8:d822', 'allowed'],
  ['64:ff9b:1::a00:1', 'rfc8215'],
  ['::ffff:0:a00:1', 'rfc6145:private'],
  ['2002:7f00:1::', '6to4:loopback'],
  ['2002:a9fe:a9fe::1', '6to4:linkLocal'],
  ['2002:5db8:d822::1', 'allowed'],
  ['2001:0:5db8:d822:0:0:f5ff:fffe', 'teredo:private'],
  ['2001:0:a00:1:0:0:a247:2ddd', 'teredo:private'],
  ['2001:0:5db8:d822:0:0:a247:2ddd', 'allowed'],
  ['not-an-ip', 'invalid'],
  ['', 'invalid'],
];

describe('classifyAddress under the closed policy', () => {
  it.each(table)('judges %s as %s', (ip, expected) => {
    const verdict = classifyAddress(ip, closed);
    expect(verdict.allowed ? 'allowed' : verdict.range).toBe(expected);
  });
});

describe('classifyAddress with loopback allowed', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('opens %s', (ip) => {
    expect(classifyAddress(ip, loopbackOpen)).toEqual({ allowed: true });
  });

  it.each([
    ['10.0.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['64:ff9b::7f00:1', 'rfc6052:loopback'],
    ['2002:7f00:1::', '6to4:loopback'],
  ])('still refuses %s as %s', (ip, range) => {
    expect(classifyAddress(ip, loopbackOpen)).toEqual({ allowed: false, range });
  });
});

describe('classifyAddress with an allow list', () => {
  const policy = { allowLoopback: false, allowList: ['10.1.0.0/16', 'fd00:1::/32'] };

  it('opens addresses inside a listed CIDR', () => {
    expect(classifyAddress('10.1.2.3', policy)).toEqual({ allowed: true });
    expect(classifyAddress('::ffff:10.1.2.3', policy)).toEqual({ allowed: true });
    expect(classifyAddress('fd00:1::5', policy)).toEqual({ allowed: true });
  });

  it('keeps refusing addresses outside every listed CIDR', () => {
    expect(classifyAddress('10.2.0.1', policy)).toEqual({ allowed: false, range: 'private' });
    expect(classifyAddress('127.0.0.1', policy)).toEqual({ allowed: false, range: 'loopback' });
  });
});

describe('validateAllowList and canonicalAddress', () => {
  it('rejects entries that are not CIDRs', () => {
    expect(validateAllowList(['10.0.0.0/8']).ok).toBe(true);
    expect(validateAllowList(['10.0.0.0', 'bogus/8']).ok).toBe(false);
  });

  it('gives the wire form of an address', () => {
    expect(canonicalAddress('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(canonicalAddress('0x7f.1')).toBe('127.0.0.1');
    expect(canonicalAddress('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(canonicalAddress('nope')).toBeNull();
  });
});
