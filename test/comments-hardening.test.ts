import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommentServer, type CommentServer } from './support/comments-server.js';

const person = { name: 'Ada Reader', email: 'ada@example.org', url: '' };

describe('the comment POST refuses what is not its own form', () => {
  let s: CommentServer;
  beforeAll(async () => {
    s = await startCommentServer();
    await s.settings({
      comments: { holdFirstTimeAuthors: false, perIpLimit: 10_000, perArticleLimit: 10_000 },
    });
  });
  afterAll(() => s?.close());

  const rowsFor = (articleId: number) =>
    s.rt.deps.repos.discussion.list({ articleId, limit: 10_000 });

  const raw = (
    action: string,
    contentType: string | null,
    body: string | Uint8Array<ArrayBuffer>,
  ) =>
    fetch(`${s.url}${action}`, {
      method: 'POST',
      redirect: 'manual',
      headers: contentType === null ? {} : { 'content-type': contentType },
      body,
    });

  it('refuses cross-site posts with 403 (Sec-Fetch-Site, else Origin) and accepts same-origin and header-less ones', async () => {
    const { path, article } = await s.article();
    const post = async (headers: Record<string, string>, text: string) => {
      const { token, action } = await s.form(path);
      s.advance(5000);
      return s.post(action, { ...person, token, text }, headers);
    };
    const crossSite = await post({ 'sec-fetch-site': 'cross-site' }, 'forged one');
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('content-type')).toContain('text/html');
    expect((await post({ 'sec-fetch-site': 'same-site' }, 'forged two')).status).toBe(403);
    expect((await post({ origin: 'https://evil.example' }, 'forged three')).status).toBe(403);
    expect((await post({ origin: 'null' }, 'forged four')).status).toBe(403);
    expect(await rowsFor(article.id)).toEqual([]);

    // What browsers send for the site's own form, and an old browser that sends neither header.
    expect(
      (await post({ 'sec-fetch-site': 'same-origin', origin: s.url }, 'from a new browser')).status,
    ).toBe(303);
    const siteOrigin = new URL(s.rt.config.siteUrl).origin;
    expect((await post({ origin: siteOrigin }, 'through the site URL')).status).toBe(303);
    expect((await post({}, 'from an old browser')).status).toBe(303);
    expect(await rowsFor(article.id)).toHaveLength(3);
  });

  it('answers every malformed body with a 4xx page, never a 500, and stores nothing', async () => {
    const { path, article } = await s.article();
    const { token, action } = await s.form(path);
    s.advance(5000);
    const bad: [string | null, string | Uint8Array<ArrayBuffer>][] = [
      ['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi'],
      ['multipart/form-data; boundary=x', 'not multipart at all'],
      ['multipart/form-data; boundary=x', '--x\r\nno headers here\r\n--x--'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="text"\r\n'],
      ['multipart/form-data; boundary=', '----\r\n\r\n'],
      ['application/x-www-form-urlencoded', `text=%zz&token=${token}`],
      ['application/x-www-form-urlencoded', new Uint8Array([0xff, 0xfe, 0x3d, 0x00, 0x80])],
      ['application/x-www-form-urlencoded', ''],
      ['text/plain', 'text=hello'],
      ['application/json', '{"text":"hello"}'],
      [null, 'text=hello'],
      ['application/x-www-form-urlencoded', `text=${'x'.repeat(70_000)}`],
      ['multipart/form-data; boundary=x', `--x\r\n${'y'.repeat(70_000)}`],
    ];
    for (const [type, body] of bad) {
      const res = await raw(action, type, body);
      expect(res.status, `${type}: ${String(body).slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${type}: ${String(body).slice(0, 40)}`).toBeLessThan(500);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    expect(await rowsFor(article.id)).toEqual([]);
  });
});
