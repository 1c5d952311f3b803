import { afterAll, beforeAll, expect, it } from 'vitest';
import { VERIFY_MAX_ATTEMPTS } from '../src/app/linkbacks/verification-job.js';
import { normalizeSourceUrl } from '../src/linkback/index.js';
import { recordingConnector } from './support/net-kit.js';
import { describeEachDialect } from './support/dialects.js';
import {
  plainPage,
  seedArticles,
  startLinkbackSite,
  startSources,
  type LinkbackSite,
  type SeededArticle,
  type SourceSite,
} from './support/linkback-harness.js';
import { pingCall, readPingAnswer } from './support/pingback-client.js';

/** Production address policy (loopback closed), a recording connector and a resolver that knows no names. */
describeEachDialect('linkback sources the fetcher refuses', (dialect) => {
  let site: LinkbackSite;
  let story: SeededArticle;
  const recording = recordingConnector();

  beforeAll(async () => {
    site = await startLinkbackSite(dialect, {
      env: { NEWSDESK_FETCH_ALLOW_LOOPBACK: '0' },
      fetcher: { connect: recording.connect, resolve: async () => [] },
    });
    ({ story } = await seedArticles(site, { story: { title: 'Guarded story' } }));
  });
  afterAll(() => site?.close());

  const ping = async (source: string) =>
    readPingAnswer(await site.post('/xmlrpc', pingCall(source, story.url), 'text/xml'));

  /** Pings `source`, then runs its verification to the last attempt; what the row settled as. */
  const pingAndSettle = async (source: string) => {
    expect(await ping(source)).toMatchObject({ kind: 'success' });
    const key = normalizeSourceUrl(source);
    const r = await site.rt.deps.repos.discussion.findLinkbackBySource(story.id, key);
    await site.verify(r?.item.id ?? 0, VERIFY_MAX_ATTEMPTS);
    const after = await site.rt.deps.repos.discussion.findLinkbackBySource(story.id, key);
    return { verification: after?.item.verification, error: after?.item.verificationError };
  };

  it('E66 http://127.0.0.1:22/ or file:///etc/passwd as source → refused, with no outbound connection', async () => {
    expect(await pingAndSettle('http://127.0.0.1:22/')).toMatchObject({
      verification: 'rejected',
    });
    expect(await pingAndSettle('http://[::1]:6379/')).toMatchObject({ verification: 'rejected' });
    expect(await ping('file:///etc/passwd')).toMatchObject({ kind: 'fault', code: 0 });
    expect(recording.attempts).toHaveLength(0);
  });

  it('E66/E73 a loopback source, a private one, a refused port and an unresolvable name → accepted alike, settled alike, no connection', async () => {
    const settled = [];
    for (const source of [
      'http://127.0.0.1:8080/admin',
      'http://10.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://nowhere.test/post',
    ]) {
      settled.push(await pingAndSettle(source));
    }
    expect(settled[0]).toMatchObject({ verification: 'rejected' });
    for (const s of settled) expect(s).toEqual(settled[0]);
    expect(recording.attempts).toHaveLength(0);
  });

  it('E66 (webmention) a loopback source is accepted for checking, then settles like an unresolvable one, without any connection', async () => {
    const settle = async (source: string) => {
      expect((await site.postForm('/webmention', { source, target: story.url })).status).toBe(201);
      const r = await site.rt.deps.repos.discussion.findLinkbackBySource(
        story.id,
        normalizeSourceUrl(source),
      );
      await site.verify(r?.item.id ?? 0, VERIFY_MAX_ATTEMPTS);
      const after = await site.rt.deps.repos.discussion.findLinkbackBySource(
        story.id,
        normalizeSourceUrl(source),
      );
      return { verification: after?.item.verification, error: after?.item.verificationError };
    };
    const loopback = await settle('http://127.0.0.1:6379/');
    const unresolvable = await settle('http://nowhere.test/wm');
    expect(loopback.verification).toBe('rejected');
    expect(loopback).toEqual(unresolvable);
    expect(recording.attempts).toHaveLength(0);
  });
});

/** The shipped outbound budget: 30 fetches a minute and 2 in flight per source host. */
describeEachDialect('pingback reflection limits', (dialect) => {
  let site: LinkbackSite;
  let victim: SourceSite;
  let story: SeededArticle;

  beforeAll(async () => {
    site = await startLinkbackSite(dialect, {
      fetcher: { perHostPerMinute: 30, globalPerMinute: 300, perHostConcurrency: 2 },
    });
    victim = await startSources();
    ({ story } = await seedArticles(site, { story: { title: 'Popular story' } }));
  });
  afterAll(async () => {
    await site?.close();
    await victim?.close();
  });

  it('E79 many pingbacks naming sources on one victim host → all answered without a fetch; the queue fetches the victim at most 30 times a minute', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 45; i++) {
      victim.set(`/p${i}`, { body: plainPage(story.url) });
      const source = `${victim.origin}/p${i}?cb=${i}`;
      const answer = await readPingAnswer(
        await site.post('/xmlrpc', pingCall(source, story.url), 'text/xml'),
      );
      expect(answer).toMatchObject({ kind: 'success' });
      const r = await site.rt.deps.repos.discussion.findLinkbackBySource(
        story.id,
        normalizeSourceUrl(source),
      );
      ids.push(r?.item.id ?? 0);
    }
    expect(victim.server.seen).toHaveLength(0);
    for (const id of ids) await site.verify(id).catch(() => undefined);
    expect(victim.server.seen.length).toBeGreaterThan(0);
    expect(victim.server.seen.length).toBeLessThanOrEqual(30);
  });
});
