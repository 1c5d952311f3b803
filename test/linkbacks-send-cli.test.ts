/**
 * `newsdesk linkbacks outbound URL [--json]` and `newsdesk linkbacks resend URL [--target T]`,
 * run as the real binary against a store a sending runtime filled.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/dialects.js';
import { startPeer, webmentionPage, type Peer } from './support/peer-kit.js';
import { startSendDesk, type SendDesk } from './support/send-kit.js';

const [sqlite] = testDialects();
if (!sqlite) throw new Error('SQLite is always available');

describe('newsdesk linkbacks', () => {
  let desk: SendDesk;
  let peer: Peer;
  let url: string;
  let quiet: string;
  let target: string;
  let gone: string;

  const newsdesk = (args: string[]) => {
    const r = spawnSync(process.execPath, ['bin/newsdesk.js', ...args], {
      env: { PATH: process.env.PATH ?? '', ...desk.env },
      encoding: 'utf8',
      input: '',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(async () => {
    peer = await startPeer();
    desk = await startSendDesk(sqlite);
    const endpoint = peer.route('/wm', { status: 201, headers: { location: '/status/1' } });
    target = peer.route('/a', webmentionPage(endpoint));
    gone = peer.route('/gone', { status: 410 });
    ({ url } = await desk.publish(`[a](${target}) and [g](${gone})`, { title: 'Ledger story' }));
    ({ url: quiet } = await desk.publish(`[a](${target})`, {
      title: 'Imported',
      sendLinkbacks: false,
    }));
    await desk.settle();
  }, 60_000);
  afterAll(async () => {
    await desk?.close();
    await peer?.close();
  });

  it('H115 outbound --json lists the article’s ledger: target, protocol, endpoint, status, HTTP code, status URL, attempts, error', () => {
    const r = newsdesk(['linkbacks', 'outbound', url, '--json']);
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(rows).toMatchObject([
      {
        target,
        protocol: 'webmention',
        endpoint: `${peer.origin}/wm`,
        status: 'sent',
        httpStatus: 201,
        statusUrl: `${peer.origin}/status/1`,
        attempts: 1,
        lastError: null,
      },
      {
        target: gone,
        protocol: null,
        status: 'failed',
        httpStatus: 410,
        lastError: 'target_http_410',
      },
    ]);
  }, 60_000);

  it('H115 outbound without --json prints one tab-separated line per target', () => {
    const r = newsdesk(['linkbacks', 'outbound', url]);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.split('\t').slice(1, 5)).toEqual(['sent', 'webmention', '201', '1']);
  }, 60_000);

  it('H116 resend --target queues that target again; the worker sends it', async () => {
    const r = newsdesk(['linkbacks', 'resend', url, '--target', target]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('1 target queued');
    const before = peer.requests('/wm', 'POST').length;
    // The CLI queued the job on the system clock; the desk's worker runs on its pinned one.
    await desk.advance(Math.max(0, Date.now() - desk.time.clock().getTime()) + 1000);
    expect(peer.requests('/wm', 'POST')).toHaveLength(before + 1);
    const all = newsdesk(['linkbacks', 'resend', url]);
    expect(all.out).toContain('2 targets queued');
  }, 60_000);

  it('H117 refuses what it cannot do, with the exit codes of the failure catalogue', () => {
    expect(
      newsdesk(['linkbacks', 'outbound', 'https://news.test/2020/01/nothing-here/']).code,
    ).toBe(66);
    expect(
      newsdesk(['linkbacks', 'resend', url, '--target', 'https://nowhere.example/']).code,
    ).toBe(66);
    expect(newsdesk(['linkbacks', 'resend', quiet]).code).toBe(77);
    expect(newsdesk(['linkbacks', 'outbound']).code).toBe(64);
    expect(newsdesk(['linkbacks', 'outbound', url, '--bogus']).code).toBe(64);
    expect(newsdesk(['linkbacks', 'frobnicate']).code).toBe(64);
    // References that are not an article: a path escape, junk, an oversized argument.
    for (const junk of [
      '../../etc/passwd',
      'javascript:alert(1)',
      'x'.repeat(20_000),
      '99999999999',
    ]) {
      expect(newsdesk(['linkbacks', 'outbound', junk]).code).toBe(66);
    }
    expect(newsdesk(['linkbacks', 'outbound', quiet]).err).toContain('no outbound linkbacks');
  }, 180_000);
});
