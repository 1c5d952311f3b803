/** /admin/articles/:id/revisions over HTTP: the list, a diff, a restore (POST then 303), refusals. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import { updateArticle } from '../src/app/articles/update-article.js';
import type { Author } from '../src/domain/article.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

describeEachDialect('admin: revisions, their diff and restore', (dialect) => {
  let site: SiteHarness;
  let ada: Author;
  let client: AdminClient;
  let id = 0;

  beforeAll(async () => {
    site = await startSite(dialect, {});
    ada = await aUser(site.rt.deps, 'author', 'Ada Author');
    const made = await createArticle(site.rt.deps, {
      title: 'Harbour reopens',
      bodyMarkdown: 'First line.\nSecond line.\nThird line.',
      authorId: ada.id,
      publish: { kind: 'now' },
    });
    if (!made.ok) throw new Error(made.error.message);
    id = made.value.article.id;
    for (const changes of [
      { title: 'Harbour reopens at last' },
      { bodyMarkdown: 'First line.\nA <script>alert(1)</script> line.\nThird line.' },
    ]) {
      const r = await updateArticle(site.rt.deps, { articleId: id, editorId: ada.id, changes });
      if (!r.ok) throw new Error(r.error.message);
    }
    client = new AdminClient(site.base);
    expect((await client.signIn(ada.email, PASSWORD)).status).toBe(303);
  });
  afterAll(() => site?.close());

  it('lists every revision newest first with who saved it, why and what changed', async () => {
    const res = await client.get(`/admin/articles/${id}/revisions`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const order = [...html.matchAll(/<tr id="revision-(\d+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['3', '2', '1']);
    const row2 = html.slice(html.indexOf('id="revision-2"'), html.indexOf('id="revision-1"'));
    expect(row2).toContain('Ada Author');
    expect(row2).toContain('edit');
    expect(row2).toContain('title');
    expect(row2).toContain(`action="/admin/articles/${id}/revisions/2/restore"`);
    const row3 = html.slice(html.indexOf('id="revision-3"'), html.indexOf('id="revision-2"'));
    expect(row3).toContain('(current)');
    expect(row3).not.toContain('/restore');
  });

  it('shows what a revision changed: fields before and after, the body line by line in del and ins', async () => {
    const title = await (await client.get(`/admin/articles/${id}/revisions/2`)).text();
    expect(title).toContain('<th scope="row">title</th>');
    expect(title).toContain('<del>Harbour reopens</del>');
    expect(title).toContain('<ins>Harbour reopens at last</ins>');
    const body = await (await client.get(`/admin/articles/${id}/revisions/3`)).text();
    expect(body).toMatch(/<del><span class="visually-hidden">Removed: <\/span>Second line.<\/del>/);
    expect(body).toContain(
      '<ins><span class="visually-hidden">Added: </span>A &lt;script&gt;alert(1)&lt;/script&gt; line.</ins>',
    );
    expect(body).toContain('<li class="context">First line.</li>');
    expect(body).not.toContain('<script>alert(1)');
    const againstNow = await (
      await client.get(`/admin/articles/${id}/revisions/1?against=current`)
    ).text();
    expect(againstNow).toContain('the article as it is now');
    expect(againstNow).toContain('<ins>Harbour reopens at last</ins>');
  });

  it('restores an old revision as a new one, then says so', async () => {
    const csrf = await client.csrfFrom(`/admin/articles/${id}/revisions`);
    const res = await client.post(`/admin/articles/${id}/revisions/1/restore`, {
      _csrf: csrf,
      expected: '3',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/articles/${id}/revisions?restored=1&as=4`);
    const page = await (await client.get(res.headers.get('location') ?? '')).text();
    expect(page).toContain('Revision 1 restored as revision 4.');
    const article = await site.rt.deps.repos.articles.findById(id);
    expect(article?.title).toBe('Harbour reopens');
    expect(article?.bodySource).toBe('First line.\nSecond line.\nThird line.');
    const latest = await site.rt.deps.repos.revisions.latest(id);
    expect(latest).toMatchObject({ number: 4, reason: 'restore', editorId: ada.id });
  });

  it('a restore from a stale page is refused with a clear message and changes nothing', async () => {
    const csrf = await client.csrfFrom(`/admin/articles/${id}/revisions`);
    const res = await client.post(`/admin/articles/${id}/revisions/2/restore`, {
      _csrf: csrf,
      expected: '3',
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('was saved since revision 3 (it is at revision 4)');
    expect((await site.rt.deps.repos.revisions.latest(id))?.number).toBe(4);
    const forged = await client.post(`/admin/articles/${id}/revisions/2/restore`, {
      expected: '4',
    });
    expect(forged.status).toBe(403);
    expect((await site.rt.deps.repos.revisions.latest(id))?.number).toBe(4);
  });

  it('someone without a byline (and not an editor) may neither read nor restore', async () => {
    const other = new AdminClient(site.base);
    await other.signIn((await aUser(site.rt.deps, 'author', 'Bo Author')).email, PASSWORD);
    const read = await other.get(`/admin/articles/${id}/revisions`);
    expect(read.status).toBe(403);
    expect(await read.text()).toContain('may not edit this article');
    const csrf = await other.csrfFrom('/admin/articles');
    const restore = await other.post(`/admin/articles/${id}/revisions/2/restore`, {
      _csrf: csrf,
    });
    expect(restore.status).toBe(403);
    expect((await site.rt.deps.repos.revisions.latest(id))?.number).toBe(4);
    const editor = new AdminClient(site.base);
    await editor.signIn((await aUser(site.rt.deps, 'editor')).email, PASSWORD);
    expect((await editor.get(`/admin/articles/${id}/revisions/2`)).status).toBe(200);
  });

  it('malformed and unknown ids get a page that says what is wrong', async () => {
    const cases: [string, number, string][] = [
      ['/admin/articles/abc/revisions', 400, 'article id in the address must be a whole number'],
      ['/admin/articles/0/revisions', 400, 'must be a whole number'],
      ['/admin/articles/99999999/revisions', 404, 'There is no article with id 99999999.'],
      [`/admin/articles/${id}/revisions/0`, 400, 'revision in the address must be a whole number'],
      [`/admin/articles/${id}/revisions/1%20or%201`, 400, 'must be a whole number'],
      [`/admin/articles/${id}/revisions/99`, 404, 'has no revision 99 (it has revisions 1 to 4)'],
      [
        `/admin/articles/${id}/revisions/2?against=everything`,
        400,
        'against &quot;previous&quot; or &quot;current&quot;',
      ],
      [`/admin/articles/${'9'.repeat(40)}/revisions`, 400, 'must be a whole number'],
    ];
    for (const [path, status, text] of cases) {
      const res = await client.get(path);
      expect(res.status, path).toBe(status);
      expect(await res.text(), path).toContain(text);
    }
    const csrf = await client.csrfFrom(`/admin/articles/${id}/revisions`);
    const damaged = await client.post(`/admin/articles/${id}/revisions/2/restore`, {
      _csrf: csrf,
      expected: 'x; drop table articles',
    });
    expect(damaged.status).toBe(400);
    expect(await damaged.text()).toContain('The form was damaged');
  });
});
