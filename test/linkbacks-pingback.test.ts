import { afterAll, beforeAll, expect, it } from 'vitest';
import { PINGBACK_ACCEPTED_MESSAGE } from '../src/app/linkbacks/receive-pingback.js';
import { VERIFY_MAX_ATTEMPTS } from '../src/app/linkbacks/verification-job.js';
import { updateSiteSettings } from '../src/app/site-settings.js';
import { normalizeSourceUrl } from '../src/linkback/index.js';
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
import {
  pingCall,
  pythonPing,
  readPingAnswer,
  type PingOutcome,
} from './support/pingback-client.js';

describeEachDialect('Pingback server', (dialect) => {
  let site: LinkbackSite;
  let src: SourceSite;
  let open: SeededArticle;
  let commentsClosed: SeededArticle;
  let closed: SeededArticle;
  let deleted: SeededArticle;

  beforeAll(async () => {
    site = await startLinkbackSite(dialect);
    src = await startSources();
    ({ open, commentsClosed, closed, deleted } = await seedArticles(site, {
      open: { title: 'Open story', comments: true, linkbacks: true },
      commentsClosed: { title: 'Comments closed story', comments: false, linkbacks: true },
      closed: { title: 'Closed story', comments: true, linkbacks: false },
      deleted: { title: 'Deleted story', comments: true, linkbacks: true, deleted: true },
    }));
  });
  afterAll(async () => {
    await site?.close();
    await src?.close();
  });

  const rpc = async (body: string, status = 200): Promise<PingOutcome> => {
    const res = await site.post('/xmlrpc', body, 'text/xml');
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('text/xml');
    return readPingAnswer(res);
  };
  const ping = (source: string, target: string) => rpc(pingCall(source, target));
  const fault = (code: number) => expect.objectContaining({ kind: 'fault', code });
  const row = (articleId: number, source: string) =>
    site.rt.deps.repos.discussion.findLinkbackBySource(articleId, normalizeSourceUrl(source));

  it('E62 a non-XML or truncated body → fault -32700 with HTTP 200', async () => {
    expect(await rpc('this is not xml')).toEqual(fault(-32700));
    expect(await rpc('<?xml version="1.0"?><methodCall><methodName>pingback.ping</method')).toEqual(
      fault(-32700),
    );
  });

  it('E63 a body with <!DOCTYPE> (billion laughs, external entity) → HTTP 400 before parsing', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>
      <methodCall><methodName>pingback.ping</methodName><params><param><value>&b;</value></param></params></methodCall>`;
    expect(await rpc(laughs, 400)).toEqual(fault(0));
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><methodCall><methodName>&e;</methodName></methodCall>`;
    expect(await rpc(xxe, 400)).toEqual(fault(0));
  });

  it('E64 pingback.png and system.multicall → fault -32601', async () => {
    const call = (m: string) =>
      `<?xml version="1.0"?><methodCall><methodName>${m}</methodName><params></params></methodCall>`;
    expect(await rpc(call('pingback.png'))).toEqual(fault(-32601));
    expect(await rpc(call('system.multicall'))).toEqual(fault(-32601));
  });

  it('E65 one param, or an <int> param → fault -32602', async () => {
    const one = `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params><param><value><string>${src.origin}/x</string></value></param></params></methodCall>`;
    expect(await rpc(one)).toEqual(fault(-32602));
    const int = `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params><param><value><int>1</int></value></param><param><value><string>${open.url}</string></value></param></params></methodCall>`;
    expect(await rpc(int)).toEqual(fault(-32602));
  });

  it('E66 (part) a file:/// source → fault 0 before any fetch (loopback refusal: linkbacks-refusals)', async () => {
    expect(await ping('file:///etc/passwd', open.url)).toEqual(fault(0));
  });

  it('E67 a target on another host → fault 33', async () => {
    expect(await ping(`${src.origin}/e67`, 'https://elsewhere.example/post')).toEqual(fault(33));
  });

  it('E68 the home page or a category archive → fault 33', async () => {
    expect(await ping(`${src.origin}/e68`, 'http://news.test/')).toEqual(fault(33));
    expect(await ping(`${src.origin}/e68`, 'http://news.test/category/city/')).toEqual(fault(33));
  });

  it('E69 the permalink of a deleted article → fault 32', async () => {
    expect(await ping(`${src.origin}/e69`, deleted.url)).toEqual(fault(32));
  });

  it('E70 source and target resolving to the same article → fault 0', async () => {
    expect(await ping(`${open.url}?utm_source=x`, open.url)).toEqual(fault(0));
  });

  it('E71 linkbacks closed → 33; comments closed but linkbacks open → accepted', async () => {
    const source = src.set('/e71', { body: plainPage(commentsClosed.url) });
    expect(await ping(src.set('/e71c', { body: plainPage(closed.url) }), closed.url)).toEqual(
      fault(33),
    );
    expect(await ping(source, commentsClosed.url)).toMatchObject({ kind: 'success' });
  });

  it('E72 the same source pinged twice → the second gets fault 48', async () => {
    const source = src.set('/e72', { body: plainPage(open.url) });
    expect(await ping(source, open.url)).toMatchObject({ kind: 'success' });
    expect(await ping(source, open.url)).toEqual(fault(48));
    expect(await ping(`${source}/`, open.url)).toEqual(fault(48));
  });

  /** The answer comes before any fetch: the worker settles the row (attempt 5 is the last). */
  const pingAndVerify = async (source: string, target: string, attempt = 1) => {
    const answer = await ping(source, target);
    expect(answer).toMatchObject({ kind: 'success' });
    const before = await row(open.id, source);
    expect(before?.item.verification).toBe('pending');
    await site.verify(before?.item.id ?? 0, attempt).catch(() => undefined);
    return (await row(open.id, source))?.item;
  };

  it('E73 a source that answers 404 → accepted, then rejected by the queue on its last attempt', async () => {
    const source = `${src.origin}/e73-missing`;
    expect(await pingAndVerify(source, open.url)).toMatchObject({ verification: 'pending' });
    const id = (await row(open.id, source))?.item.id ?? 0;
    await site.verify(id, VERIFY_MAX_ATTEMPTS);
    expect((await row(open.id, source))?.item).toMatchObject({ verification: 'rejected' });
  });

  it('E74 no link, or a link only inside <script>/<style> → accepted, then rejected by the queue', async () => {
    const plain = src.set('/e74a', { body: '<p>no link</p>' });
    expect(await pingAndVerify(plain, open.url)).toMatchObject({ verification: 'rejected' });
    const hidden = `<html><head><style>a[href="${open.url}"]{}</style></head><body>
      <script>var u = '<a href="${open.url}">x</a>';</script><p>nothing</p></body></html>`;
    const source = src.set('/e74b', { body: hidden });
    expect(await pingAndVerify(source, open.url)).toMatchObject({ verification: 'rejected' });
    // A rejected ping may be sent again once the page links (not a duplicate).
    src.set('/e74a', { body: plainPage(open.url) });
    expect(await pingAndVerify(plain, open.url)).toMatchObject({ verification: 'verified' });
  });

  it('E75 a source on the block list → fault 49, kept as spam and never fetched', async () => {
    await updateSiteSettings(site.rt.deps.repos.settings, {
      linkbacks: { blockDomains: ['127.0.0.1'] },
    });
    try {
      const source = src.set('/e75', { body: plainPage(open.url) });
      expect(await ping(source, open.url)).toEqual(fault(49));
      expect(src.hits('/e75')).toBe(0);
      expect((await row(open.id, source))?.item).toMatchObject({
        status: 'spam',
        verification: 'rejected',
      });
    } finally {
      await updateSiteSettings(site.rt.deps.repos.settings, { linkbacks: { blockDomains: [] } });
    }
  });

  it('E76 a source that does not answer in time → success at once, without a fetch; the queue retries, then verifies', async () => {
    const source = src.set('/e76', { hang: true });
    expect(await ping(source, open.url)).toMatchObject({
      kind: 'success',
      message: PINGBACK_ACCEPTED_MESSAGE(new URL(source)),
    });
    // Answered before any fetch: the sender's 3 s client timeout can no longer lose the ping.
    expect(src.hits('/e76')).toBe(0);
    const id = (await row(open.id, source))?.item.id ?? 0;
    // The first run times out and queues its own next run (the row stays pending)…
    await site.verify(id, 1);
    expect((await row(open.id, source))?.item.verification).toBe('pending');
    // …which finds the source answering.
    src.set('/e76', { body: plainPage(open.url) });
    await site.verify(id, 2);
    expect((await row(open.id, source))?.item.verification).toBe('verified');
  });

  it('E77 a source without <title> → accepted with the URL as title', async () => {
    const source = src.set('/e77', { body: `<p>See <a href="${open.url}">this</a>.</p>` });
    expect(await pingAndVerify(source, open.url)).toMatchObject({
      title: source,
      verification: 'verified',
    });
  });

  it('E78 success → one string, record pending moderation, excerpt ≈100 characters each side', async () => {
    const before = 'Lorem ipsum dolor sit amet consectetur '.repeat(8);
    const after = ' sed do eiusmod tempor incididunt ut labore'.repeat(8);
    const source = src.set('/e78', {
      body: `<html><head><title>Budget watch</title></head><body><p>${before}<a href="${open.url}">the council explainer</a>${after}</p></body></html>`,
    });
    const answer = await ping(source, open.url);
    expect(answer).toMatchObject({ kind: 'success' });
    expect(answer.kind === 'success' && answer.message.length).toBeGreaterThan(10);
    await site.verify((await row(open.id, source))?.item.id ?? 0);
    const item = (await row(open.id, source))?.item;
    expect(item).toMatchObject({
      protocol: 'pingback',
      type: 'pingback',
      status: 'pending',
      verification: 'verified',
      title: 'Budget watch',
    });
    const text = (item?.contentHtml ?? '').replace(/<[^>]+>/g, '');
    expect(text).toContain('the council explainer');
    expect(text.length).toBeGreaterThan(150);
    expect(text.length).toBeLessThan(340);
  });

  it('E78 (client) Python xmlrpc.client pings the real server: success, then fault 48', async () => {
    const source = src.set('/python', { body: plainPage(open.url, 'From Python') });
    const first = await pythonPing(`${site.base}/xmlrpc`, source, open.url);
    expect(first).toMatch(/^ok Pingback from .* received/);
    expect(await pythonPing(`${site.base}/xmlrpc`, source, open.url)).toMatch(/^fault 48 /);
    expect(
      await pythonPing(`${site.base}/xmlrpc`, `${src.origin}/nope`, 'http://news.test/'),
    ).toMatch(/^fault 33 /);
  });

  it('a body over 64 KB → HTTP 413; a GET → 405', async () => {
    const res = await site.post(
      '/xmlrpc',
      `<methodCall>${' '.repeat(70_000)}</methodCall>`,
      'text/xml',
    );
    expect(res.status).toBe(413);
    expect((await site.get('/xmlrpc')).status).toBe(405);
  });
});
