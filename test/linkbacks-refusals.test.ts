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

  it('E66 http://127.0.0.1:22/ or file:///etc/passwd as source → refused, with no outbound connection', async () => {
    expect(await ping('http://127.0.0.1:22/')).toMatchObject({ kind: 'fault' });
    expect(await ping('http://[::1]:6379/')).toMatchObject({ kind: 'fault' });
    expect(await ping('file:///etc/passwd')).toMatchObject({ kind: 'fault', code: 0 });
    expect(recording.attempts).toHaveLength(0);
  });

  it('E66/E73 a loopback source, a private one, a refused port and an unresolvable name → one and the same fault, no connection', async () => {
    const answers = await Promise.all(
      [
        'http://127.0.0.1:22/',
        'http://127.0.0.1:8080/admin',
        'http://[::1]:6379/',
        'http://10.0.0.1/',
        'http://169.254.169.254/latest/meta-data/',
        'http://nowhere.test/post',
      ].map(ping),
    );
    expect(answers[0]).toMatchObject({ kind: 'fault' });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
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

  it('E79 many pingbacks naming sources on one victim host → the victim gets at most 30 fetches a minute', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 45; i++) {
      victim.set(`/p${i}`, { body: plainPage(story.url) });
      const answer = await readPingAnswer(
        await site.post(
          '/xmlrpc',
          pingCall(`${victim.origin}/p${i}?cb=${i}`, story.url),
          'text/xml',
        ),
      );
      codes.push(answer.kind === 'success' ? 'ok' : String(answer.code));
    }
    expect(victim.server.seen.length).toBeLessThanOrEqual(30);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(victim.server.seen.length);
    expect(codes.slice(30).every((c) => c === '50')).toBe(true);
  });
});
