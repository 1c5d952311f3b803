/** /admin/articles/:id/linkbacks over HTTP: the outbound ledger, resend (POST then 303), refusals. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import { updateSiteSettings } from '../src/app/site-settings.js';
import type { Author } from '../src/domain/article.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const now = new Date('2026-12-02T09:00:00.000Z');

describeEachDialect('admin: the outbound linkback ledger', (dialect) => {
  let site: SiteHarness;
  let ada: Author;
  let client: AdminClient;
  let id = 0;
  const hostile = 'http://127.0.0.1:9/"><script>alert(1)</script>';

  beforeAll(async () => {
    site = await startSite(dialect, { clock: () => now });
    ada = await aUser(site.rt.deps, 'author', 'Ada Author');
    const made = await createArticle(site.rt.deps, {
      title: 'Links out',
      bodyMarkdown: '[one](http://127.0.0.1:9/one) and [two](http://127.0.0.1:9/two)',
      authorId: ada.id,
      publish: { kind: 'draft' },
    });
    if (!made.ok) throw new Error(made.error.message);
    id = made.value.article.id;
    // The ledger as the sending jobs leave it: one sent, one given up, one with a hostile URL.
    const repo = site.rt.deps.repos.outboundLinkbacks;
    const rows = await repo.queue(
      id,
      [
        { targetUrl: 'http://127.0.0.1:9/one', kind: 'link', linked: true, contentHash: 'h' },
        { targetUrl: 'http://127.0.0.1:9/two', kind: 'link', linked: true, contentHash: 'h' },
        { targetUrl: hostile, kind: 'link', linked: false, contentHash: 'h' },
      ],
      now,
    );
    const [one, two] = rows;
    if (!one || !two) throw new Error('no rows');
    await repo.recordEndpoint(
      one.id,
      one.round,
      { protocol: 'webmention', endpoint: 'http://127.0.0.1:9/wm' },
      now,
    );
    await repo.recordOutcome(
      one.id,
      one.round,
      {
        status: 'sent',
        attempts: 1,
        httpStatus: 202,
        lastError: null,
        nextAttemptAt: null,
        sentAt: now,
      },
      now,
    );
    await repo.recordOutcome(
      two.id,
      two.round,
      {
        status: 'gave_up',
        attempts: 6,
        httpStatus: 503,
        lastError: 'the receiver kept answering 503',
        nextAttemptAt: null,
      },
      now,
    );
    client = new AdminClient(site.base);
    expect((await client.signIn(ada.email, PASSWORD)).status).toBe(303);
  });
  afterAll(() => site?.close());

  const ledger = async () => (await client.get(`/admin/articles/${id}/linkbacks`)).text();

  it('shows each target with its protocol, status, attempts and last result, escaped', async () => {
    const html = await ledger();
    const rows = await site.rt.deps.repos.outboundLinkbacks.forArticle(id);
    const row = (n: number) =>
      html.slice(html.indexOf(`id="outbound-${rows[n]?.id}"`)).split('</tr>')[0] ?? '';
    expect(row(0)).toContain('http://127.0.0.1:9/one');
    expect(row(0)).toContain('<td>webmention</td>');
    expect(row(0)).toContain('<td>sent</td>');
    expect(row(0)).toContain('HTTP 202');
    expect(row(1)).toContain('<td>gave up</td>');
    expect(row(1)).toContain('<td>6</td>');
    expect(row(1)).toContain('the receiver kept answering 503');
    expect(row(2)).toContain('(no longer linked)');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('resends one target with its attempts reset, then every linked target', async () => {
    const csrf = await client.csrfFrom(`/admin/articles/${id}/linkbacks`);
    const one = await client.post(`/admin/articles/${id}/linkbacks`, {
      _csrf: csrf,
      target: 'http://127.0.0.1:9/two',
    });
    expect(one.status).toBe(303);
    expect(one.headers.get('location')).toBe(`/admin/articles/${id}/linkbacks?queued=1`);
    expect(await (await client.get(one.headers.get('location') ?? '')).text()).toContain(
      '1 target queued to be sent again.',
    );
    const rows = await site.rt.deps.repos.outboundLinkbacks.forArticle(id);
    expect(rows[1]).toMatchObject({ status: 'queued', attempts: 0 });
    expect(rows[0]?.status).toBe('sent');
    const all = await client.post(`/admin/articles/${id}/linkbacks`, { _csrf: csrf });
    expect(all.headers.get('location')).toBe(`/admin/articles/${id}/linkbacks?queued=2`);
    const after = await site.rt.deps.repos.outboundLinkbacks.forArticle(id);
    expect(after.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
  });

  it('a target not in the ledger, an oversized one, or no CSRF token is refused and queues nothing', async () => {
    const csrf = await client.csrfFrom(`/admin/articles/${id}/linkbacks`);
    const before = await site.rt.deps.repos.outboundLinkbacks.forArticle(id);
    const unknown = await client.post(`/admin/articles/${id}/linkbacks`, {
      _csrf: csrf,
      target: 'http://elsewhere.example/',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('has no target http://elsewhere.example/');
    const big = await client.post(`/admin/articles/${id}/linkbacks`, {
      _csrf: csrf,
      target: `http://x/${'a'.repeat(5000)}`,
    });
    expect(big.status).toBe(400);
    expect(await big.text()).toContain('longer than any in the ledger');
    expect((await client.post(`/admin/articles/${id}/linkbacks`, {})).status).toBe(403);
    expect(await site.rt.deps.repos.outboundLinkbacks.forArticle(id)).toEqual(before);
  });

  it('with sending off for the site the ledger offers no resend and a post says why', async () => {
    await updateSiteSettings(site.rt.deps.repos.settings, { linkbacks: { send: false } });
    const html = await ledger();
    expect(html).toContain('Sending linkbacks is off');
    expect(html).not.toContain('>Resend<');
    const csrf = await client.csrfFrom(`/admin/articles/${id}/linkbacks`);
    const res = await client.post(`/admin/articles/${id}/linkbacks`, { _csrf: csrf });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('sending linkbacks is off for this article');
    await updateSiteSettings(site.rt.deps.repos.settings, { linkbacks: { send: true } });
  });

  it('only a writer with a byline, or an editor, sees the ledger; contributors never', async () => {
    const other = new AdminClient(site.base);
    await other.signIn((await aUser(site.rt.deps, 'author', 'Bo Author')).email, PASSWORD);
    expect((await other.get(`/admin/articles/${id}/linkbacks`)).status).toBe(403);
    const contributor = new AdminClient(site.base);
    await contributor.signIn((await aUser(site.rt.deps, 'contributor')).email, PASSWORD);
    expect((await contributor.get(`/admin/articles/${id}/linkbacks`)).status).toBe(403);
    const editor = new AdminClient(site.base);
    await editor.signIn((await aUser(site.rt.deps, 'editor')).email, PASSWORD);
    expect((await editor.get(`/admin/articles/${id}/linkbacks`)).status).toBe(200);
    const bad = await editor.get('/admin/articles/12abc/linkbacks');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('must be a whole number');
    expect((await editor.get('/admin/articles/424242/linkbacks')).status).toBe(404);
  });
});
