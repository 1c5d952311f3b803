/**
 * Every Webmention discovery case (W3C Webmention §3.1.2; docs/conformance.md A1–A27 and the
 * further fixtures) as a site on the network: one article links to one page per golden fixture,
 * and each page is served, headers and body, by a real HTTP server on 127.0.0.1 standing in for
 * a public host (an injected resolver and connector: names resolve to a public-looking address
 * that the connector maps onto the loopback server; loopback itself stays closed, as in
 * production). Each notification must reach the fixture's endpoint and nowhere else, with each
 * page fetched once by GET.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../src/linkback/fixtures/load-scenarios.js';
import { describeEachDialect } from './support/dialects.js';
import {
  scriptedResolver,
  simulatedInternet,
  startLoopbackServer,
  type LoopbackServer,
} from './support/net-kit.js';
import { startSendDesk, type SendDesk } from './support/send-kit.js';

interface DiscoveryMeta {
  description: string;
  finalUrl: string;
  headers: Array<[string, string]>;
  contentType: string | null;
  expected: string | null;
}

const PUBLIC_IP = '93.184.216.34';
const scenarios = loadScenarios<DiscoveryMeta>('discovery/webmention', 'html');

/** Each fixture gets a host of its own (`s23.rocks.test`), so variants (25a, 25b) do not meet. */
const hostOf = (name: string) => `s${name.split('-')[0]}.rocks.test`;
const rewrite = (text: string, host: string) =>
  text
    .replaceAll('https://webmention.rocks', `http://${host}`)
    .replaceAll('https://endpoints.example', 'http://endpoints.example');

interface Page {
  readonly name: string;
  readonly host: string;
  /** The URL the article links to. */
  readonly target: string;
  /** Where the notification must go, or null for none. */
  readonly expected: string | null;
}

const pages: Page[] = scenarios.map(({ name, meta }) => {
  const host = hostOf(name);
  const finalUrl = new URL(rewrite(meta.finalUrl, host));
  // Case 23: the article links to /test/23/page, which redirects to a single-use page.
  const target = name.startsWith('23-') ? `http://${host}/test/23/page` : finalUrl.href;
  return { name, host, target, expected: meta.expected && rewrite(meta.expected, host) };
});

describeEachDialect('sending to every discovery case', (dialect) => {
  let desk: SendDesk;
  let server: LoopbackServer;
  let internet: ReturnType<typeof simulatedInternet>;
  let articleUrl: string;
  const served = new Set<string>();

  beforeAll(async () => {
    const byHost = new Map(scenarios.map((s) => [hostOf(s.name), s]));
    server = await startLoopbackServer((req, res: ServerResponse) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const path = req.url ?? '/';
      if (req.method === 'POST') {
        res.writeHead(202, { 'Content-Type': 'text/plain' }).end('queued');
        return;
      }
      const scenario = byHost.get(host);
      if (!scenario) {
        res.writeHead(404).end();
        return;
      }
      const final = new URL(rewrite(scenario.meta.finalUrl, host));
      if (scenario.name.startsWith('23-') && path === '/test/23/page') {
        res.writeHead(302, { Location: 'page/5ha3i4' }).end();
        return;
      }
      if (path !== `${final.pathname}${final.search}`) {
        res.writeHead(404).end();
        return;
      }
      // Case 23's page works once, as webmention.rocks' single-use pages do.
      if (served.has(host) && scenario.name.startsWith('23-')) {
        res.writeHead(410).end();
        return;
      }
      served.add(host);
      const headers: Record<string, string[]> = {};
      for (const [name, value] of scenario.meta.headers) {
        (headers[name] ??= []).push(rewrite(value, host));
      }
      res.writeHead(200, {
        'Content-Type': scenario.meta.contentType ?? 'text/html; charset=utf-8',
        ...headers,
      });
      res.end(rewrite(scenario.body, host));
    });
    const hosts = [...byHost.keys(), 'endpoints.example'];
    const resolver = scriptedResolver(Object.fromEntries(hosts.map((h) => [h, [[PUBLIC_IP]]])));
    internet = simulatedInternet({ [`${PUBLIC_IP}:80`]: server.port });
    desk = await startSendDesk(dialect, {
      fetcher: { allowLoopback: false, resolve: resolver.resolve, connect: internet.connect },
    });
    const body = pages.map((p) => `- [${p.name}](${p.target})`).join('\n');
    ({ url: articleUrl } = await desk.publish(`Every case:\n\n${body}\n`));
    await desk.settle();
  }, 60_000);

  afterAll(async () => {
    await desk?.close();
    await server?.close();
  });

  const postsFor = (target: string) =>
    server.seen.filter(
      (r) => r.method === 'POST' && new URLSearchParams(r.body).get('target') === target,
    );

  it.each(pages.map((p) => [`${p.name}`, p] as const))(
    'A-case %s: notified at its endpoint only, the page fetched once',
    async (_name, page) => {
      const posts = postsFor(page.target);
      const gets = server.seen.filter(
        (r) => r.method !== 'POST' && (r.headers.host ?? '').startsWith(page.host),
      );
      expect(gets.every((r) => r.method === 'GET')).toBe(true);
      const urls = gets.map((r) => r.url);
      expect(new Set(urls).size).toBe(urls.length);
      const [row] = (await desk.ledger(1)).filter((r) => r.targetUrl === page.target);
      if (page.expected === null) {
        expect(posts).toEqual([]);
        expect(row?.status).toBe('no_endpoint');
        return;
      }
      const expected = new URL(page.expected);
      if (expected.hostname === '127.0.0.1' || expected.hostname === '169.254.169.254') {
        // A26: the endpoint is refused at connect time; nothing connects to it.
        expect(posts).toEqual([]);
        expect(internet.attempts.every((a) => a.address === PUBLIC_IP)).toBe(true);
        expect(row).toMatchObject({ status: 'queued', lastError: 'unreachable', attempts: 1 });
        return;
      }
      expect(posts).toHaveLength(1);
      const [post] = posts;
      expect(`http://${post?.headers.host}${post?.url}`).toBe(expected.href);
      expect(post?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(post?.body).toBe(
        new URLSearchParams({ source: articleUrl, target: page.target }).toString(),
      );
      expect(row).toMatchObject({
        status: 'sent',
        protocol: 'webmention',
        endpoint: expected.href,
        httpStatus: 202,
        attempts: 1,
      });
    },
  );

  it('sent nothing anywhere but the fixtures’ hosts, and never a HEAD', () => {
    expect(server.seen.some((r) => r.method === 'HEAD')).toBe(false);
    expect(internet.attempts.every((a) => a.address === PUBLIC_IP)).toBe(true);
    const posted = server.seen.filter((r) => r.method === 'POST').length;
    expect(posted).toBe(
      pages.filter((p) => p.expected && !/127\.0\.0\.1|169\.254/.test(p.expected)).length,
    );
  });
});

describe('the discovery suite', () => {
  it('covers every fixture, A1–A27 and the further cases', () => {
    expect(pages.length).toBeGreaterThanOrEqual(32);
  });
});
