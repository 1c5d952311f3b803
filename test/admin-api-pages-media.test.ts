/**
 * The admin API's pages and media library over a real server: pages at /slug/ with If-Match, and
 * uploads through the same sniffing and re-encoding as `newsdesk media add`, against every role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPage, updatePage } from '../src/app/articles/pages.js';
import type { UserRole } from '../src/domain/article.js';
import { allow, routeMatrix, startApiWorld, type ApiWorld } from './support/admin-api-kit.js';
import { describeEachDialect } from './support/dialects.js';
import { pngBomb, pngWithAlpha, svgWithScript } from './support/media-files.js';

const form = (
  bytes: Uint8Array,
  name: string,
  type: string,
  fields: Record<string, string> = {},
) => {
  const f = new FormData();
  f.set('file', new Blob([new Uint8Array(bytes)], { type }), name);
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describeEachDialect('admin API pages and media', (dialect) => {
  let w: ApiWorld;
  let seq = 0;
  beforeAll(async () => {
    w = await startApiWorld(dialect);
  });
  afterAll(() => w.close());

  async function aPage(role: UserRole = 'editor') {
    const r = await createPage(w.site.rt.deps, {
      title: `Page ${++seq}`,
      bodyMarkdown: 'About us.',
      authorId: w.users[role].id,
      slug: `page-${seq}-${dialect}`,
      publish: false,
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.article;
  }
  const anImage = async () => {
    const res = await w.call({
      method: 'POST',
      path: '/media',
      as: await w.token('owner', ['write']),
      body: form(await pngWithAlpha(200 + ++seq, 100), 'logo.png', 'image/png', { alt: 'A logo' }),
    });
    return (res.json as { id: number }).id;
  };

  it('creates a page at /slug/, edits it with If-Match and refuses a reserved slug', async () => {
    const as = await w.token('editor', ['read', 'write']);
    const made = await w.call({
      method: 'POST',
      path: '/pages',
      as,
      body: { title: 'About', bodyMarkdown: 'Who we are.', slug: 'about-us', publish: true },
    });
    expect(made.status).toBe(201);
    const page = made.json as { id: number; url: string; status: string };
    expect(page.status).toBe('published');
    expect(new URL(page.url).pathname).toBe('/about-us/');
    const etag = made.headers.get('etag') ?? '';
    const edited = await w.call({
      method: 'PATCH',
      path: `/pages/${page.id}`,
      as,
      body: { title: 'About Newsdesk' },
      headers: { 'if-match': etag },
    });
    expect(edited.status).toBe(200);
    const stale = await w.call({
      method: 'PATCH',
      path: `/pages/${page.id}`,
      as,
      body: { title: 'Lost' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    const reserved = await w.call({
      method: 'POST',
      path: '/pages',
      as,
      body: { title: 'Feed', bodyMarkdown: 'x', slug: 'feed' },
    });
    expect(reserved.status).toBe(400);
    const listed = await w.call({ path: '/pages', as });
    expect((listed.json as { items: { id: number }[] }).items.map((p) => p.id)).toContain(page.id);
    expect((await w.call({ method: 'DELETE', path: `/pages/${page.id}`, as })).status).toBe(200);
    expect((await fetch(`${w.site.base}/about-us/`)).status).toBe(410);
  });

  it('answers 412 to a page edit whose If-Match went stale between its check and its save', async () => {
    const as = await w.token('editor', ['read', 'write']);
    const page = await aPage();
    const read = await w.call({ path: `/pages/${page.id}`, as });
    const etag = read.headers.get('etag') ?? '';
    // The race, made certain: the route's first look at the latest revision (its If-Match check)
    // lets another editor's save of the same page commit before the route's own save runs.
    const deps = w.site.rt.deps;
    const revisions = deps.repos.revisions;
    const latest = revisions.latest.bind(revisions);
    let raced = false;
    Object.assign(revisions, {
      async latest(id: number) {
        const seen = await latest(id);
        if (id === page.id && !raced) {
          raced = true;
          const other = await updatePage(deps, {
            articleId: page.id,
            editorId: w.users.owner.id,
            title: 'Saved by the other editor',
          });
          if (!other.ok) throw new Error(other.error.message);
        }
        return seen;
      },
    });
    const lost = await w
      .call({
        method: 'PATCH',
        path: `/pages/${page.id}`,
        as,
        body: { title: 'Saved over it' },
        headers: { 'if-match': etag },
      })
      .finally(() => Object.assign(revisions, { latest }));
    expect(raced).toBe(true);
    expect(lost.status).toBe(412);
    const now = await w.call({ path: `/pages/${page.id}`, as });
    expect((now.json as { title: string }).title).toBe('Saved by the other editor');
    expect((now.json as { revision: number }).revision).toBe(2);
  });

  it('uploads an image once: the same bytes again answer 200 with the same item', async () => {
    const as = await w.token('author', ['read', 'write']);
    const bytes = await pngWithAlpha(640, 480);
    const first = await w.call({
      method: 'POST',
      path: '/media',
      as,
      body: form(bytes, 'a.png', 'image/png', { alt: 'Harbour' }),
    });
    expect(first.status).toBe(201);
    const item = first.json as { id: number; width: number; url: string; duplicate: boolean };
    expect(item).toMatchObject({ width: 640, duplicate: false });
    const again = await w.call({
      method: 'POST',
      path: '/media',
      as,
      body: form(bytes, 'b.png', 'image/png'),
    });
    expect(again.status).toBe(200);
    expect(again.json as { id: number; duplicate: boolean }).toMatchObject({
      id: item.id,
      duplicate: true,
    });
    const shown = await w.call({ path: `/media/${item.id}`, as });
    expect((shown.json as { alt: string }).alt).toBe('Harbour');
    expect((await fetch(`${w.site.base}${item.url}`)).status).toBe(200);
  });

  it('refuses hostile uploads: SVG with script (415), a pixel bomb (413), no file (400), a text field too long (400)', async () => {
    const as = await w.token('owner', ['write']);
    const svg = await w.call({
      method: 'POST',
      path: '/media',
      as,
      body: form(svgWithScript, 'x.svg', 'image/svg+xml'),
    });
    expect(svg.status).toBe(415);
    const bomb = await w.call({
      method: 'POST',
      path: '/media',
      as,
      body: form(pngBomb(), 'bomb.png', 'image/png'),
    });
    expect(bomb.status).toBe(413);
    const none = new FormData();
    none.set('alt', 'nothing');
    expect((await w.call({ method: 'POST', path: '/media', as, body: none })).status).toBe(400);
    const long = await w.call({
      method: 'POST',
      path: '/media',
      as,
      body: form(await pngWithAlpha(50, 50), 'a.png', 'image/png', { alt: 'x'.repeat(1001) }),
    });
    expect(long.status).toBe(400);
    const json = await w.call({ method: 'POST', path: '/media', as, body: { file: 'not a file' } });
    expect(json.status).toBe(415);
    for (const res of [svg, bomb, long, json]) {
      expect(Object.keys(res.json as object).sort()).toEqual(['error', 'error_description']);
    }
  });

  describe('every role × credential × scope', () => {
    const pages = allow(['owner', 'editor'], 200);
    const uploaders = allow(['owner', 'editor', 'author'], 200);
    routeMatrix(
      () => w,
      [
        {
          route: 'GET /pages',
          scope: 'read',
          expect: pages,
          prepare: async () => ({ path: '/pages' }),
        },
        {
          route: 'GET /pages/{id}',
          scope: 'read',
          expect: pages,
          prepare: async () => ({ path: `/pages/${(await aPage()).id}` }),
        },
        {
          route: 'POST /pages',
          scope: 'write',
          expect: allow(['owner', 'editor'], 201),
          prepare: async () => ({
            path: '/pages',
            body: { title: 'P', bodyMarkdown: 'B', slug: `p-${++seq}-${dialect}` },
          }),
        },
        {
          route: 'PATCH /pages/{id}',
          scope: 'write',
          expect: pages,
          prepare: async () => {
            const p = await aPage();
            return {
              path: `/pages/${p.id}`,
              body: { title: 'Changed' },
              headers: { 'if-match': `"article-${p.id}-r1"` },
            };
          },
        },
        {
          route: 'DELETE /pages/{id}',
          scope: 'write',
          expect: pages,
          prepare: async () => ({ path: `/pages/${(await aPage()).id}` }),
        },
        {
          route: 'GET /media',
          scope: 'read',
          expect: uploaders,
          prepare: async () => ({ path: '/media' }),
        },
        {
          route: 'GET /media/{id}',
          scope: 'read',
          expect: uploaders,
          prepare: async () => ({ path: `/media/${await anImage()}` }),
        },
        {
          route: 'POST /media',
          scope: 'write',
          expect: allow(['owner', 'editor', 'author'], 201),
          prepare: async () => ({
            path: '/media',
            body: form(await pngWithAlpha(300 + ++seq, 90), 'i.png', 'image/png'),
          }),
        },
        {
          route: 'PATCH /media/{id}',
          scope: 'write',
          expect: uploaders,
          prepare: async () => ({
            path: `/media/${await anImage()}`,
            body: { caption: 'New caption' },
          }),
        },
        {
          route: 'DELETE /media/{id}',
          scope: 'write',
          expect: allow(['owner', 'editor'], 200),
          prepare: async () => ({ path: `/media/${await anImage()}` }),
        },
      ],
    );
  });
});
