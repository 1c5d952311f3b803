import { describe, expect, it } from 'vitest';
import { destinationRefusal, type DestinationPolicy } from './check-destination.js';
import type { ResolvedAddress } from './types.js';

/** Answers from a table and records every name asked; nothing reaches a real resolver. */
function recordingPolicy(table: Record<string, readonly string[]>, allowLoopback = false) {
  const asked: string[] = [];
  const policy: DestinationPolicy = {
    allowLoopback,
    allowList: [],
    allowedPorts: [80, 443, 8080],
    resolve: async (host) => {
      asked.push(host);
      const answers = table[host];
      if (!answers) throw new Error(`ENOTFOUND ${host}`);
      return answers.map((address): ResolvedAddress => ({
        address,
        family: address.includes(':') ? 6 : 4,
      }));
    },
  };
  return { policy, asked };
}

describe('destinationRefusal (a delivery another client will send)', () => {
  it.each([
    ['https://10.0.0.7/inbox', /private/],
    ['https://169.254.169.254/latest/meta-data', /linkLocal/],
    ['https://192.168.1.1/inbox', /private/],
    ['https://127.0.0.1/inbox', /loopback/],
    ['https://[::1]/inbox', /loopback/],
    ['https://[fd12:3456::1]/inbox', /uniqueLocal/],
    ['https://[::ffff:10.0.0.1]/inbox', /private/],
    ['https://100.64.0.1/inbox', /carrierGradeNat/],
    ['https://0.0.0.0/inbox', /unspecified/],
    ['https://2130706433/inbox', /loopback/],
    ['https://[fe80::1]/inbox', /linkLocal/],
  ])('refuses %s without asking a resolver', async (url, why) => {
    const { policy, asked } = recordingPolicy({});
    expect(await destinationRefusal(url, policy)).toMatch(why);
    expect(asked).toEqual([]);
  });

  it('refuses a name that resolves to a private address, even beside a public one', async () => {
    const { policy, asked } = recordingPolicy({
      'inbox.example': ['93.184.216.34', '10.1.2.3'],
    });
    expect(await destinationRefusal('https://inbox.example/users/a/inbox', policy)).toMatch(
      /resolves to 10\.1\.2\.3.*private/,
    );
    expect(asked).toEqual(['inbox.example']);
  });

  it('refuses other schemes, credentials, ports outside the list and names that do not resolve', async () => {
    const { policy } = recordingPolicy({ 'ok.example': ['93.184.216.34'] });
    expect(await destinationRefusal('ftp://ok.example/inbox', policy)).toMatch(/scheme/);
    expect(await destinationRefusal('https://u:p@ok.example/inbox', policy)).toMatch(/credentials/);
    expect(await destinationRefusal('https://ok.example:6379/inbox', policy)).toMatch(/port/);
    expect(await destinationRefusal('https://nowhere.example/inbox', policy)).toMatch(/resolve/);
    expect(await destinationRefusal('not a url', policy)).toMatch(/valid/);
  });

  it('allows a public name and, only when loopback is opened, 127.0.0.1', async () => {
    const closed = recordingPolicy({ 'ok.example': ['93.184.216.34', '2606:2800:220:1::1'] });
    expect(await destinationRefusal('https://ok.example/inbox', closed.policy)).toBeNull();
    const open = recordingPolicy({}, true);
    expect(await destinationRefusal('http://127.0.0.1:8080/inbox', open.policy)).toBeNull();
  });
});
