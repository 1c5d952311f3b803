import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app/ports.js';
import { loadConfig } from '../config/config.js';
import { edgeWiring } from '../main/edge.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/net-kit.js';

/**
 * Each purger against a loopback stand-in for its edge, through the production wiring: the
 * purge fetcher reaches the configured literal address (and nothing else) without the
 * loopback switch that linkback verification would need.
 */
describe('edge purgers', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const wire = (env: Record<string, string>) =>
    edgeWiring(loadConfig({ NEWSDESK_SITE_URL: 'https://news.example', ...env }), silentLogger);

  it('sends Varnish a PURGE with the keys in xkey-purge, to every server', async () => {
    server = await startLoopbackServer((_req, res) => res.writeHead(200).end('Invalidated 3'));
    const other = await startLoopbackServer((_req, res) => res.writeHead(200).end('Invalidated 1'));
    const edge = wire({
      NEWSDESK_PURGE: 'varnish',
      NEWSDESK_VARNISH_URLS: `${server.origin}/,${other.origin}/`,
    });
    try {
      expect(await edge.purger.purge(['a1', 's1', 'home'])).toEqual({ ok: true, value: undefined });
      for (const s of [server, other]) {
        expect(s.seen).toHaveLength(1);
        expect(s.seen[0]?.method).toBe('PURGE');
        expect(s.seen[0]?.headers['xkey-purge']).toBe('a1 s1 home');
      }
    } finally {
      await edge.close();
      await other.close();
    }
  });

  it('uses xkey-softpurge when soft purging is configured', async () => {
    server = await startLoopbackServer((_req, res) => res.writeHead(200).end());
    const edge = wire({
      NEWSDESK_PURGE: 'varnish',
      NEWSDESK_VARNISH_URLS: `${server.origin}/`,
      NEWSDESK_VARNISH_SOFT_PURGE: '1',
    });
    await edge.purger.purge(['a9']);
    await edge.close();
    expect(server.seen[0]?.headers['xkey-softpurge']).toBe('a9');
    expect(server.seen[0]?.headers['xkey-purge']).toBeUndefined();
  });

  it('reports a Varnish that refuses or is down as a failure, so the job retries', async () => {
    server = await startLoopbackServer((_req, res) => res.writeHead(403).end('Forbidden'));
    const edge = wire({ NEWSDESK_PURGE: 'varnish', NEWSDESK_VARNISH_URLS: `${server.origin}/` });
    const refused = await edge.purger.purge(['a1']);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('403');
    await server.close();
    const down = await edge.purger.purge(['a1']);
    expect(down.ok).toBe(false);
    await edge.close();
    server = undefined;
  });

  it('calls Fastly purge-by-key in batches of 256, with the token in Fastly-Key', async () => {
    server = await startLoopbackServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
    );
    const edge = wire({
      NEWSDESK_PURGE: 'fastly',
      NEWSDESK_FASTLY_API_URL: server.origin,
      NEWSDESK_FASTLY_SERVICE_ID: 'SU1Z0isxPaozGVKXdv0eY',
      NEWSDESK_FASTLY_TOKEN: 'test-token-0123456789',
    });
    const keys = Array.from({ length: 300 }, (_, i) => `a${i + 1}`);
    expect((await edge.purger.purge(keys)).ok).toBe(true);
    await edge.close();
    expect(server.seen.map((r) => [r.method, r.url])).toEqual([
      ['POST', '/service/SU1Z0isxPaozGVKXdv0eY/purge'],
      ['POST', '/service/SU1Z0isxPaozGVKXdv0eY/purge'],
    ]);
    expect(server.seen[0]?.headers['fastly-key']).toBe('test-token-0123456789');
    expect(String(server.seen[0]?.headers['surrogate-key']).split(' ')).toHaveLength(256);
    expect(String(server.seen[1]?.headers['surrogate-key']).split(' ')).toHaveLength(44);
  });

  it('calls Cloudflare purge_cache with at most 30 tags a call, and needs success: true', async () => {
    let answer = '{"success":true,"errors":[],"messages":[],"result":{"id":"x"}}';
    server = await startLoopbackServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer),
    );
    const zone = '023e105f4ecef8ad9ca31a8372d0c353';
    const edge = wire({
      NEWSDESK_PURGE: 'cloudflare',
      NEWSDESK_CLOUDFLARE_API_URL: `${server.origin}/client/v4`,
      NEWSDESK_CLOUDFLARE_ZONE_ID: zone,
      NEWSDESK_CLOUDFLARE_TOKEN: 'cf-token-0123456789abcdef',
    });
    const keys = Array.from({ length: 31 }, (_, i) => `s${i + 1}`);
    expect((await edge.purger.purge(keys)).ok).toBe(true);
    expect(server.seen.map((r) => r.url)).toEqual([
      `/client/v4/zones/${zone}/purge_cache`,
      `/client/v4/zones/${zone}/purge_cache`,
    ]);
    expect(server.seen[0]?.headers.authorization).toBe('Bearer cf-token-0123456789abcdef');
    expect((JSON.parse(server.seen[0]?.body ?? '{}') as { tags: string[] }).tags).toHaveLength(30);
    expect(JSON.parse(server.seen[1]?.body ?? '{}')).toEqual({ tags: ['s31'] });
    answer = '{"success":false,"errors":[{"code":1134,"message":"bad tag"}]}';
    expect((await edge.purger.purge(['a1'])).ok).toBe(false);
    answer = 'not json';
    expect((await edge.purger.purge(['a1'])).ok).toBe(false);
    await edge.close();
  });

  it('purges nothing, and sends nothing, when no edge is configured', async () => {
    const edge = wire({});
    expect(edge.purger.name).toBe('none');
    expect((await edge.purger.purge(['a1'])).ok).toBe(true);
    await edge.close();
  });
});
