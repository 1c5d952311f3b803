import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../app/ports.js';
import { createFetcher } from '../net/index.js';
import { akismetChecker } from './akismet.js';
import { OPEN_TO_TEST_SERVERS } from '../../test/support/net-kit.js';

const input = {
  permalink: 'https://news.example/2026/01/a/',
  authorName: 'Ada',
  authorEmail: 'ada@example.org',
  authorUrl: null,
  content: 'hello',
  ip: '198.51.100.7',
  userAgent: 'UA',
  referrer: null,
};

describe('akismetChecker over the guarded fetcher (loopback stand-in for the service)', () => {
  let server: Server;
  let endpoint: string;
  const bodies: URLSearchParams[] = [];
  let answer: { status: number; body: string } = { status: 200, body: 'false' };
  const fetcher = createFetcher({ userAgent: 'Newsdesk-test', ...OPEN_TO_TEST_SERVERS });

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        bodies.push(new URLSearchParams(data));
        res.writeHead(answer.status, { 'content-type': 'text/plain' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/1.1/comment-check`;
  });
  afterAll(async () => {
    await fetcher.close();
    await new Promise((r) => server.close(r));
  });

  const checker = () =>
    akismetChecker({
      apiKey: 'abc123def456',
      siteUrl: 'https://news.example',
      fetch: fetcher,
      logger: silentLogger,
      endpoint,
    });

  it.each([
    [{ status: 200, body: 'true' }, 'spam'],
    [{ status: 200, body: 'false' }, 'ham'],
    [{ status: 200, body: 'invalid' }, 'unknown'],
    [{ status: 500, body: 'oops' }, 'unknown'],
  ] as const)('answers %j as %s', async (reply, verdict) => {
    answer = reply;
    expect(await checker().check(input)).toBe(verdict);
  });

  it('sends the comment-check fields Akismet documents', async () => {
    answer = { status: 200, body: 'false' };
    const before = bodies.length;
    await checker().check(input);
    expect(bodies).toHaveLength(before + 1);
    const sent = bodies[before];
    expect(Object.fromEntries(sent ?? [])).toMatchObject({
      api_key: 'abc123def456',
      blog: 'https://news.example',
      permalink: input.permalink,
      comment_type: 'comment',
      comment_author: 'Ada',
      comment_author_email: 'ada@example.org',
      comment_content: 'hello',
      user_ip: '198.51.100.7',
    });
  });

  it('gives no verdict when the service cannot be reached', async () => {
    const refused = akismetChecker({
      apiKey: 'abc123def456',
      siteUrl: 'https://news.example',
      fetch: fetcher,
      logger: silentLogger,
      endpoint: 'http://127.0.0.1:1/1.1/comment-check',
    });
    expect(await refused.check(input)).toBe('unknown');
  });
});
