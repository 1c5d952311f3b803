/**
 * The editor with more than one person at it: a save over a newer revision, autosave and its
 * restore, the "also editing" notice, uploads into the media library, and who may do what.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Author } from '../src/domain/article.js';
import { utcToZonedLocal } from '../src/domain/zoned-time.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import {
  editedId,
  editorForm,
  formValues,
  postJson,
  postMultipart,
  revisionIn,
} from './support/editor-kit.js';
import { pngWithAlpha, svgWithScript } from './support/media-files.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

let now = new Date('2026-12-02T09:00:00.000Z');
const clock = () => now;
const advance = (ms: number) => (now = new Date(now.getTime() + ms));

describeEachDialect('admin: the editor with two people, autosave and uploads', (dialect) => {
  let site: SiteHarness;
  let mediaDir = '';
  let edna: Author;
  let abel: Author;
  const ednaBrowser = () => signedIn(edna);
  let a: AdminClient;
  let b: AdminClient;
  let csrfA = '';
  let csrfB = '';

  async function signedIn(user: Author) {
    const browser = new AdminClient(site.base);
    expect((await browser.signIn(user.email, PASSWORD)).status).toBe(303);
    return browser;
  }

  beforeAll(async () => {
    mediaDir = mkdtempSync(join(tmpdir(), 'newsdesk-editor-media-'));
    site = await startSite(dialect, { clock, env: { NEWSDESK_MEDIA_DIR: mediaDir } });
    edna = await aUser(site.rt.deps, 'editor', 'Edna Editor');
    abel = await aUser(site.rt.deps, 'author', 'Abel Author');
    a = await ednaBrowser();
    b = await signedIn(abel);
    csrfA = await a.csrfFrom('/admin/articles/new');
    csrfB = await b.csrfFrom('/admin/articles/new');
  });
  afterAll(async () => {
    await site?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  /** An article by Abel with Edna able to edit it (an editor edits anyone's). */
  async function abelsArticle(title: string) {
    const made = await b.post(
      '/admin/articles/new',
      editorForm(csrfB, { title, author: String(abel.id), body: 'First version.' }),
    );
    expect(made.status).toBe(303);
    return editedId(made);
  }

  it('a save over a newer revision is refused with the text kept, who saved it, when, and the diff', async () => {
    const id = await abelsArticle('Two editors');
    const pageA = await (await a.get(`/admin/articles/${id}/edit`)).text();
    const pageB = await (await b.get(`/admin/articles/${id}/edit`)).text();
    expect(revisionIn(pageA)).toBe(revisionIn(pageB));
    advance(60_000);
    const first = await a.post(
      `/admin/articles/${id}/edit`,
      editorForm(csrfA, {
        ...formValues(pageA),
        body: 'Edna rewrote this.',
        revision: revisionIn(pageA),
      }),
    );
    expect(first.status).toBe(303);

    const mine = 'Abel typed a long paragraph that must not be lost.';
    const second = await b.post(
      `/admin/articles/${id}/edit`,
      editorForm(csrfB, { ...formValues(pageB), body: mine, revision: revisionIn(pageB) }),
    );
    expect(second.status).toBe(409);
    const html = await second.text();
    const savedAt = utcToZonedLocal(now, 'Europe/London').replace('T', ' ');
    expect(html).toContain(`Edna Editor saved a newer version at ${savedAt} (Europe/London)`);
    expect(html).toContain('href="#newer-changes"');
    expect(html).toContain('+Edna rewrote this.');
    expect(formValues(html).body).toBe(mine);
    expect((await site.rt.deps.repos.articles.findById(id))?.bodySource).toBe('Edna rewrote this.');
    // Having seen the diff, saving again replaces the newer version.
    expect(revisionIn(html)).not.toBe(revisionIn(pageB));
    const again = await b.post(
      `/admin/articles/${id}/edit`,
      editorForm(csrfB, { ...formValues(html), revision: revisionIn(html) }),
    );
    expect(again.status).toBe(303);
    expect((await site.rt.deps.repos.articles.findById(id))?.bodySource).toBe(mine);
  });

  it('someone who opened the article in the last minutes is named as also editing; later, not', async () => {
    const id = await abelsArticle('Presence');
    await a.get(`/admin/articles/${id}/edit`);
    advance(2 * 60_000);
    const seen = await (await b.get(`/admin/articles/${id}/edit`)).text();
    expect(seen).toContain('Also editing: Edna Editor (last seen ');
    advance(11 * 60_000);
    const later = await (await b.get(`/admin/articles/${id}/edit`)).text();
    expect(later).not.toContain('Also editing');
  });

  it('autosave keeps unsaved fields without a revision, offers them back, and restore or discard work without JavaScript', async () => {
    const id = await abelsArticle('Autosaved');
    const page = await (await b.get(`/admin/articles/${id}/edit`)).text();
    const revisions = (await site.rt.deps.repos.revisions.list(id)).length;
    const noToken = await postJson(b, `/admin/articles/${id}/autosave`, { body: 'x' }, null);
    expect(noToken.status).toBe(403);
    const wrong = await postJson(b, `/admin/articles/${id}/autosave`, { body: 'x' }, 'nope');
    expect(wrong.status).toBe(403);

    const res = await postJson(
      b,
      `/admin/articles/${id}/autosave`,
      { title: 'Autosaved, retitled', body: 'Typed, not saved.', revision: revisionIn(page) },
      csrfB,
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { savedAt: string; othersEditing: unknown[] };
    expect(answer.savedAt).toBe(now.toISOString());
    expect(answer.othersEditing).toEqual([]);
    expect((await site.rt.deps.repos.revisions.list(id)).length).toBe(revisions);
    expect((await site.rt.deps.repos.articles.findById(id))?.title).toBe('Autosaved');

    const offer = await (await b.get(`/admin/articles/${id}/edit`)).text();
    expect(offer).toContain(
      `You have unsaved changes from ${utcToZonedLocal(now, 'Europe/London').replace('T', ' ')}`,
    );
    expect(offer).toContain(`href="/admin/articles/${id}/edit?restore=1"`);
    const restored = await (await b.get(`/admin/articles/${id}/edit?restore=1`)).text();
    expect(formValues(restored)).toMatchObject({
      title: 'Autosaved, retitled',
      body: 'Typed, not saved.',
    });

    // Edna sees Abel as editing, in the autosave answer too.
    const fromEdna = await postJson(
      a,
      `/admin/articles/${id}/autosave`,
      { body: 'E', revision: 1 },
      csrfA,
    );
    const theirs = (await fromEdna.json()) as { othersEditing: { name: string; at: string }[] };
    expect(theirs.othersEditing.map((o) => o.name)).toEqual(['Abel Author']);

    const discard = await b.post(`/admin/articles/${id}/autosave`, { _csrf: csrfB, op: 'discard' });
    expect(discard.status).toBe(303);
    expect(discard.headers.get('location')).toBe(`/admin/articles/${id}/edit?done=discarded`);
    expect(await (await b.get(`/admin/articles/${id}/edit`)).text()).not.toContain(
      'You have unsaved changes',
    );

    const bad = await postJson(
      b,
      `/admin/articles/${id}/autosave`,
      { title: 't'.repeat(301), revision: 1 },
      csrfB,
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('title');
    const notJson = await b.send(`/admin/articles/${id}/autosave`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfB },
      body: '{"title": ',
    });
    expect(notJson.status).toBe(400);
  });

  it('the first autosave of a new article saves it as a draft and answers where it lives; without a title it saves nothing', async () => {
    const form = (await (await b.get('/admin/articles/new')).text()).match(
      /data-autosave-url="([^"]+)"/,
    );
    expect(form?.[1]).toBe('/admin/articles/new/autosave');
    const before = await site.rt.deps.repos.articles.listAll(1000);
    const untitled = await postJson(
      b,
      '/admin/articles/new/autosave',
      { ...editorForm(csrfB, { title: ' ', body: 'Typed first.' }), revision: '0' },
      csrfB,
    );
    expect(untitled.status).toBe(400);
    expect(((await untitled.json()) as { error: string }).error).toContain('title');
    expect(await site.rt.deps.repos.articles.listAll(1000)).toHaveLength(before.length);

    const first = await postJson(
      b,
      '/admin/articles/new/autosave',
      {
        ...editorForm(csrfB, {
          title: 'Never saved before',
          author: String(abel.id),
          body: 'Typed, then left alone.',
          tags: 'first, autosave',
        }),
        revision: '0',
      },
      csrfB,
    );
    expect(first.status).toBe(200);
    const answer = (await first.json()) as {
      savedAt: string;
      created: { id: number; revision: number; editUrl: string; autosaveUrl: string };
    };
    const { id } = answer.created;
    expect(answer.created).toEqual({
      id,
      revision: 1,
      editUrl: `/admin/articles/${id}/edit`,
      autosaveUrl: `/admin/articles/${id}/autosave`,
    });
    const draft = await site.rt.deps.repos.articles.findById(id);
    expect(draft).toMatchObject({
      title: 'Never saved before',
      bodySource: 'Typed, then left alone.',
      status: 'draft',
      authorId: abel.id,
    });
    expect(await site.rt.deps.repos.revisions.list(id)).toHaveLength(1);
    // The next autosave goes to the draft's own address and makes no second article.
    const next = await postJson(
      b,
      answer.created.autosaveUrl,
      { body: 'Typed, then left alone, then more.', revision: 1 },
      csrfB,
    );
    expect(next.status).toBe(200);
    expect(await site.rt.deps.repos.articles.listAll(1000)).toHaveLength(before.length + 1);
    expect(await (await b.get(answer.created.editUrl)).text()).toContain(
      'You have unsaved changes',
    );
  });

  it('a save clears the autosave it replaces', async () => {
    const id = await abelsArticle('Cleared');
    const page = await (await b.get(`/admin/articles/${id}/edit`)).text();
    await postJson(b, `/admin/articles/${id}/autosave`, { body: 'Draft text', revision: 1 }, csrfB);
    const saved = await b.post(
      `/admin/articles/${id}/edit`,
      editorForm(csrfB, { ...formValues(page), body: 'Draft text', revision: revisionIn(page) }),
    );
    expect(saved.status).toBe(303);
    expect(await (await b.get(`/admin/articles/${id}/edit`)).text()).not.toContain(
      'You have unsaved changes',
    );
  });

  it('uploads a real image into the library: JSON for the island, a redirect for a plain form', async () => {
    const png = await pngWithAlpha(640, 400);
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'chart.png');
    fd.append('alt', 'A chart [of sales]');
    const res = await postMultipart(b, '/admin/media/upload', fd, {
      'x-csrf-token': csrfB,
      accept: 'application/json',
    });
    expect(res.status).toBe(201);
    const item = (await res.json()) as { id: number; url: string; markdown: string };
    expect(item.markdown).toBe(`![A chart \\[of sales\\]](media:${item.id})`);
    const file = await site.get(item.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect((await site.rt.deps.repos.media.findById(item.id))?.alt).toBe('A chart [of sales]');

    const plain = new FormData();
    plain.append('_csrf', csrfB);
    plain.append('next', '/admin/articles/new');
    plain.append('file', new Blob([new Uint8Array(await pngWithAlpha(300, 200))]), 'b.png');
    const redirect = await postMultipart(b, '/admin/media/upload', plain);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toMatch(/^\/admin\/articles\/new\?uploaded=\d+$/);
    const back = await (await b.get(redirect.headers.get('location') ?? '')).text();
    expect(back).toMatch(
      /Image \d+ is in the library: put it in the body as !\[alt text\]\(media:\d+\)/,
    );

    const hostile = new FormData();
    hostile.append('file', new Blob([new Uint8Array(svgWithScript)]), 'evil.svg');
    const refused = await postMultipart(b, '/admin/media/upload', hostile, {
      'x-csrf-token': csrfB,
      accept: 'application/json',
    });
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { error: string }).error).toContain('refused');

    const none = new FormData();
    none.append('_csrf', csrfB);
    expect((await postMultipart(b, '/admin/media/upload', none)).status).toBe(400);
  });

  it('a featured image uploaded with the editor form is in the library and on the article', async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(
      editorForm(csrfB, {
        title: 'With a picture',
        author: String(abel.id),
        action: 'publish',
        featured_alt: 'The harbour at dawn',
      }),
    ))
      for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
    fd.append(
      'featured_file',
      new Blob([new Uint8Array(await pngWithAlpha(800, 500))], { type: 'image/png' }),
      'harbour.png',
    );
    const res = await postMultipart(b, '/admin/articles/new', fd);
    expect(res.status).toBe(303);
    const article = await site.rt.deps.repos.articles.findById(editedId(res));
    expect(article?.status).toBe('published');
    expect(article?.featuredMediaId).toBeTruthy();
    const media = await site.rt.deps.repos.media.findById(article?.featuredMediaId ?? 0);
    expect(media?.alt).toBe('The harbour at dawn');
  });

  it('a contributor saves drafts but cannot publish, and nobody edits what is not theirs', async () => {
    const carla = await aUser(site.rt.deps, 'contributor', 'Carla Contributor');
    const c = await signedIn(carla);
    const csrf = await c.csrfFrom('/admin/articles/new');
    const publish = await c.post(
      '/admin/articles/new',
      editorForm(csrf, {
        title: 'Not mine to publish',
        author: String(carla.id),
        action: 'publish',
      }),
    );
    expect(publish.status).toBe(403);
    expect(formValues(await publish.text()).title).toBe('Not mine to publish');
    const draft = await c.post(
      '/admin/articles/new',
      editorForm(csrf, { title: 'A draft of mine', author: String(carla.id) }),
    );
    expect(draft.status).toBe(303);
    const page = await (await c.get(`/admin/articles/${editedId(draft)}/edit`)).text();
    expect(page).not.toContain('value="publish"');

    const abels = await abelsArticle('Abel only');
    expect((await c.get(`/admin/articles/${abels}/edit`)).status).toBe(403);
    const post = await c.post(
      `/admin/articles/${abels}/edit`,
      editorForm(csrf, { title: 'Hijack', author: String(carla.id) }),
    );
    expect(post.status).toBe(403);
    expect((await site.rt.deps.repos.articles.findById(abels))?.title).toBe('Abel only');
    expect(
      (await postJson(c, `/admin/articles/${abels}/preview`, { body: 'x' }, csrf)).status,
    ).toBe(403);
    expect(
      (await postJson(c, `/admin/articles/${abels}/autosave`, { body: 'x' }, csrf)).status,
    ).toBe(403);
    const dropSelf = await c.post(
      '/admin/articles/new',
      editorForm(csrf, { title: 'Written for Abel', author: String(abel.id) }),
    );
    expect(dropSelf.status).toBe(400);
    expect(await dropSelf.text()).toContain('keep your own byline');
  });

  it('a correction note on a published article is shown on it; a silent fix keeps the Updated date', async () => {
    const made = await a.post(
      '/admin/articles/new',
      editorForm(csrfA, { title: 'Corrected story', author: String(edna.id), action: 'publish' }),
    );
    const id = editedId(made);
    advance(60_000);
    let page = await (await a.get(`/admin/articles/${id}/edit`)).text();
    const noted = await a.post(
      `/admin/articles/${id}/edit`,
      editorForm(csrfA, {
        ...formValues(page),
        revision: revisionIn(page),
        correction_note: 'An earlier version misspelt the mayor’s name.',
      }),
    );
    expect(noted.status).toBe(303);
    const pub = await (await site.get('/2026/12/corrected-story/')).text();
    expect(pub).toContain('An earlier version misspelt the mayor’s name.');

    const before = (await site.rt.deps.repos.articles.findById(id))?.updatedAt;
    advance(60_000);
    page = await (await a.get(`/admin/articles/${id}/edit`)).text();
    const silent = await a.post(
      `/admin/articles/${id}/edit`,
      editorForm(csrfA, {
        ...formValues(page),
        body: 'The body, with a typo fixed.',
        revision: revisionIn(page),
        silent: 'on',
      }),
    );
    expect(silent.status).toBe(303);
    const after = await site.rt.deps.repos.articles.findById(id);
    expect(after?.bodySource).toBe('The body, with a typo fixed.');
    expect(after?.updatedAt.getTime()).toBe(before?.getTime());

    page = await (await a.get(`/admin/articles/${id}/edit`)).text();
    const both = await a.post(
      `/admin/articles/${id}/edit`,
      editorForm(csrfA, {
        ...formValues(page),
        revision: revisionIn(page),
        silent: 'on',
        correction_note: 'A note',
      }),
    );
    expect(both.status).toBe(400);
    expect(await both.text()).toContain('a correction note always moves it');
  });
});
