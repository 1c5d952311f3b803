/**
 * Editing an article (src/app/articles/update-article.ts) on both dialects with a pinned clock:
 * what a save changes, the revision it keeps, the event it emits, the permalink it moves, and
 * what it refuses.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { updateArticle, type ArticleChanges } from '../src/app/articles/update-article.js';
import type { Article, Author } from '../src/domain/article.js';
import { permalinkPath } from '../src/domain/permalink.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const START = new Date('2026-12-02T09:00:00Z');
const TZ = 'Europe/London';

describeEachDialect('updating an article', (dialect) => {
  let site: SiteHarness;
  let now = START;
  let ada: Author;
  let bea: Author;
  const later = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
    return now;
  };
  beforeAll(async () => {
    site = await startSite(dialect, { clock: () => now });
    ada = await anAuthor(site.rt.deps, 'Ada Reporter');
    bea = await anAuthor(site.rt.deps, 'Bea Editor');
  });
  afterAll(() => site.close());
  beforeEach(() => {
    now = START;
  });

  const deps = () => site.rt.deps;
  const repos = () => site.rt.deps.repos;
  const edit = (article: Article, changes: ArticleChanges, extra = {}) =>
    updateArticle(deps(), { articleId: article.id, editorId: bea.id, changes, ...extra });
  const events = async (id: number) =>
    (await repos().articleEvents.forArticle(id)).map((e) => ({ type: e.type, ...e.detail }));
  const path = (a: Article) => permalinkPath(a.slug, a.publishedAt ?? a.createdAt, TZ);
  const page = async (p: string) => {
    const res = await site.get(p);
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  };

  it('saves the changed fields as one revision (who, when, what) and emits one article.updated', async () => {
    const { article } = await anArticle(deps(), ada, {
      title: 'Budget vote delayed',
      bodyMarkdown: 'First paragraph.\n\nSecond paragraph.',
      categories: ['News'],
    });
    later(30);
    const r = await edit(article, {
      title: 'Budget vote delayed again',
      bodyMarkdown: 'First paragraph.\n\nSecond paragraph, corrected.',
      standfirst: 'The council meets on Friday.',
      tags: ['council'],
    });
    expect(r.ok && r.value.changed).toEqual(['title', 'standfirst', 'bodySource', 'tags']);
    if (!r.ok) return;
    expect(r.value.article.title).toBe('Budget vote delayed again');
    expect(r.value.article.bodyHtml).toContain('Second paragraph, corrected.');
    expect(r.value.article.updatedAt).toEqual(now);

    const revisions = await repos().revisions.list(article.id);
    expect(revisions.map((v) => [v.number, v.reason, v.editorId])).toEqual([
      [1, 'create', ada.id],
      [2, 'edit', bea.id],
    ]);
    const rev = revisions[1];
    expect(rev?.createdAt).toEqual(now);
    expect(rev?.changed).toEqual(['title', 'standfirst', 'bodySource', 'tags']);
    // A full snapshot: the fields the edit left alone are in it too.
    expect(rev?.snapshot).toMatchObject({
      title: 'Budget vote delayed again',
      standfirst: 'The council meets on Friday.',
      categories: ['News'],
      tags: ['council'],
      bylines: [ada.id],
      slug: article.slug,
      publishedAt: START.toISOString(),
    });
    expect(await events(article.id)).toEqual([
      { type: 'article.published', kind: 'article', url: r.value.url },
      {
        type: 'article.updated',
        kind: 'article',
        url: r.value.url,
        changed: ['title', 'standfirst', 'bodySource', 'tags'],
        silent: false,
      },
    ]);
  });

  it('adds no revision and emits nothing for a save that changes nothing', async () => {
    const { article } = await anArticle(deps(), ada, {
      title: 'Same as before',
      categories: ['News', 'Sport'],
      tags: ['a', 'b'],
    });
    later(5);
    const r = await edit(article, {
      title: '  Same as before ',
      categories: ['Sport', 'News'],
      tags: ['b', 'a'],
      bodyMarkdown: article.bodySource,
      publish: { kind: 'now' },
    });
    expect(r.ok && r.value).toMatchObject({ changed: [], revision: null });
    expect(await repos().revisions.list(article.id)).toHaveLength(1);
    expect(await events(article.id)).toHaveLength(1);
    expect((await repos().articles.findById(article.id))?.updatedAt).toEqual(START);
  });

  it('keeps the old permalink answering 301 when a published article gets a new slug', async () => {
    const { article } = await anArticle(deps(), ada, {
      title: 'Old headline',
      bodyMarkdown: 'The old body.',
    });
    const oldPath = path(article);
    expect((await page(oldPath)).status).toBe(200);
    const r = await edit(article, { slug: 'new-headline', bodyMarkdown: 'The new body.' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.article.slug).toBe('new-headline');
    expect(r.value.oldUrl).toBe(`http://news.test${oldPath}`);
    const moved = await page(oldPath);
    expect(moved.status).toBe(301);
    expect(moved.location).toBe(path(r.value.article));
    const fresh = await page(path(r.value.article));
    expect(fresh.status).toBe(200);
    expect(fresh.body).toContain('The new body.');
    expect(fresh.body).not.toContain('The old body.');
  });

  it('keeps the old permalink answering 301 when a published article moves to another month', async () => {
    const { article } = await anArticle(deps(), ada, { title: 'Backdated story' });
    const oldPath = path(article);
    const r = await edit(article, {
      publish: { kind: 'at', at: new Date('2026-10-15T12:00:00Z') },
    });
    expect(r.ok && r.value.changed).toEqual(['publishedAt']);
    if (!r.ok) return;
    expect(path(r.value.article)).toBe('/2026/10/backdated-story/');
    const moved = await page(oldPath);
    expect([moved.status, moved.location]).toEqual([301, '/2026/10/backdated-story/']);
    expect((await page('/2026/10/backdated-story/')).status).toBe(200);
  });

  it('publishes a draft saved with publish-now, emitting article.published and no article.updated', async () => {
    const { article } = await anArticle(deps(), ada, {
      title: 'Draft to publish',
      publish: { kind: 'draft' },
    });
    later(10);
    const quiet = await edit(article, { title: 'Draft to publish, retitled' });
    expect(quiet.ok && quiet.value.changed).toEqual(['title']);
    expect(await events(article.id)).toEqual([]);
    later(10);
    const r = await edit(article, { publish: { kind: 'now' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.article.status).toBe('published');
    expect(r.value.article.publishedAt).toEqual(now);
    expect(r.value.changed).toEqual(['publishedAt']);
    expect((await events(article.id)).map((e) => e.type)).toEqual(['article.published']);
    expect((await page(path(r.value.article))).status).toBe(200);
  });

  it('moves the publish job of a scheduled article to its new time', async () => {
    const first = new Date('2026-12-24T07:00:00Z');
    const second = new Date('2026-12-25T07:00:00Z');
    const { article } = await anArticle(deps(), ada, {
      title: 'Christmas embargo',
      publish: { kind: 'at', at: first },
    });
    const jobsFor = async () =>
      (await site.rt.jobs.queue.list({ status: 'queued' })).filter(
        (j) =>
          j.task === 'publish-article' &&
          (j.payload as { articleId?: number }).articleId === article.id,
      );
    expect((await jobsFor()).map((j) => j.runAt)).toEqual([first]);
    const r = await edit(article, { publish: { kind: 'at', at: second } });
    expect(r.ok && r.value.article.status).toBe('scheduled');
    expect((await jobsFor()).map((j) => j.runAt)).toEqual([second]);
    // Scheduled articles are not live: nothing was announced.
    expect(await events(article.id)).toEqual([]);
  });

  it('refuses a save over a newer revision (conflict) and changes nothing', async () => {
    const { article } = await anArticle(deps(), ada, { title: 'Contested' });
    const one = await edit(article, { title: 'Contested, first edit' }, { expectedRevision: 1 });
    expect(one.ok && one.value.revision?.number).toBe(2);
    const stale = await edit(article, { title: 'Contested, stale' }, { expectedRevision: 1 });
    expect(!stale.ok && stale.error).toMatchObject({ code: 'conflict' });
    expect(!stale.ok && stale.error.message).toContain('it is at revision 2');
    expect((await repos().articles.findById(article.id))?.title).toBe('Contested, first edit');
    expect(await repos().revisions.list(article.id)).toHaveLength(2);
  });

  it('loses neither of two edits saved at the same moment, and lets only one of two stale ones through', async () => {
    const { article } = await anArticle(deps(), ada, { title: 'Two editors' });
    const [a, b] = await Promise.all([
      edit(article, { title: 'Two editors, retitled' }),
      edit(article, { standfirst: 'A standfirst from the other editor.' }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const saved = await repos().articles.findById(article.id);
    expect([saved?.title, saved?.standfirst]).toEqual([
      'Two editors, retitled',
      'A standfirst from the other editor.',
    ]);
    const revs = await repos().revisions.list(article.id);
    expect(
      revs
        .filter((r) => r.reason === 'edit')
        .map((r) => r.changed)
        .sort(),
    ).toEqual([['standfirst'], ['title']]);
    const racing = await Promise.all([
      edit(article, { excerpt: 'One.' }, { expectedRevision: 3 }),
      edit(article, { excerpt: 'Two.' }, { expectedRevision: 3 }),
    ]);
    expect(racing.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['conflict', 'ok']);
  });

  it('puts the bylines in the order given, on the page and in the JSON-LD author array', async () => {
    const { article } = await anArticle(deps(), ada, { title: 'Joint byline' });
    const r = await edit(article, { bylines: [bea.id, ada.id, bea.id] });
    expect(r.ok && r.value.changed).toEqual(['bylines']);
    if (!r.ok) return;
    expect(r.value.article.authorId).toBe(bea.id);
    const { body } = await page(path(r.value.article));
    expect(body).toMatch(/By <a[^>]*>Bea Editor<\/a> and <a[^>]*>Ada Reporter<\/a>/);
    const ld = JSON.parse(
      /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)?.[1] ?? '{}',
    );
    expect(ld.author.map((p: { name: string }) => p.name)).toEqual(['Bea Editor', 'Ada Reporter']);
  });

  it('keeps the revision of a silent fix but moves neither the Updated line nor dateModified', async () => {
    const { article } = await anArticle(deps(), ada, {
      title: 'Typo story',
      bodyMarkdown: 'Teh body.',
    });
    const dateModified = (body: string) =>
      JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)?.[1] ?? '{}')
        .dateModified;
    later(60 * 24);
    const silent = await edit(article, { bodyMarkdown: 'The body.' }, { silent: true });
    expect(silent.ok && silent.value.changed).toEqual(['bodySource']);
    expect(await repos().revisions.list(article.id)).toHaveLength(2);
    expect((await events(article.id)).at(-1)).toMatchObject({
      type: 'article.updated',
      silent: true,
    });
    let { body } = await page(path(article));
    expect(body).toContain('The body.');
    expect(body).not.toContain('dt-updated');
    expect(dateModified(body)).toBe(START.toISOString());

    const loud = later(60);
    const edited = await edit(article, { bodyMarkdown: 'The body, with a new figure: 42.' });
    expect(edited.ok).toBe(true);
    ({ body } = await page(path(article)));
    expect(body).toContain(`<time class="dt-updated" datetime="${loud.toISOString()}">`);
    expect(dateModified(body)).toBe(loud.toISOString());
  });

  it('refuses what it cannot save with a clear message, and saves nothing', async () => {
    const { article } = await anArticle(deps(), ada, { title: 'Guarded' });
    const { article: other } = await anArticle(deps(), ada, { title: 'Taken slug' });
    const cases: [ArticleChanges | 'unknown', string, string][] = [
      ['unknown', 'not_found', 'no article with id 999999'],
      [{ title: '   ' }, 'invalid_input', 'changes.title: a title is required'],
      [{ slug: other.slug }, 'conflict', `slug ${other.slug} is taken by another article`],
      [{ slug: '../../' }, 'invalid_input', 'slug: needs letters or digits'],
      [{ bylines: [999_999] }, 'invalid_input', 'bylines: no user with id 999999'],
      [{ bylines: [] }, 'invalid_input', 'an article needs at least one byline'],
      [{ unpublishAt: new Date(START.getTime() - 1) }, 'invalid_input', 'unpublishAt'],
      [
        { publish: { kind: 'at', at: new Date('2027-01-01T00:00:00Z') } },
        'invalid_input',
        'cannot be moved into the future',
      ],
      [{ bodyMarkdown: 'x'.repeat(2_000_001) }, 'invalid_input', 'larger than 2 MB'],
      [{ trackbackTo: ['javascript:alert(1)'] }, 'invalid_input', 'changes.trackbackTo.0'],
      [
        { commentsCloseAt: new Date('not a date') } as ArticleChanges,
        'invalid_input',
        'changes.commentsCloseAt',
      ],
      [{ colour: 'red' } as ArticleChanges, 'invalid_input', 'colour'],
    ];
    for (const [changes, code, message] of cases) {
      const r =
        changes === 'unknown'
          ? await updateArticle(deps(), {
              articleId: 999_999,
              editorId: bea.id,
              changes: { title: 'x' },
            })
          : await edit(article, changes);
      expect(r.ok ? 'saved' : r.error.code, JSON.stringify(changes)).toBe(code);
      expect(r.ok ? '' : r.error.message).toContain(message);
    }
    expect(await repos().revisions.list(article.id)).toHaveLength(1);
    expect((await repos().articles.findById(article.id))?.title).toBe('Guarded');
  });

  it('normalises a slug with path characters into one path segment', async () => {
    const { article } = await anArticle(deps(), ada, { title: 'Slug with slashes' });
    const r = await edit(article, { slug: '../../etc/Passwd?x=1#y' });
    expect(r.ok && r.value.article.slug).toBe('etc-passwd-x-1-y');
    if (!r.ok) return;
    expect((await page(path(r.value.article))).status).toBe(200);
  });

  it('refuses to edit an article in the trash, saying how to bring it back', async () => {
    const { article } = await anArticle(deps(), ada, { title: 'Binned' });
    await repos().articles.markDeleted(article.id, now);
    const r = await edit(article, { title: 'Binned, edited' });
    expect(!r.ok && r.error).toMatchObject({ code: 'gone' });
    expect(!r.ok && r.error.message).toContain(`newsdesk article undelete ${article.id}`);
  });

  it('keeps its own excerpt until the editor clears it, then makes one from the body again', async () => {
    const { article } = await anArticle(deps(), ada, {
      title: 'Excerpts',
      bodyMarkdown: 'Body one.',
    });
    const own = await edit(article, { excerpt: 'Hand-written.' });
    expect(own.ok && own.value.article.excerpt).toBe('Hand-written.');
    const body = await edit(article, { bodyMarkdown: 'Body two.' });
    expect(body.ok && body.value.article.excerpt).toBe('Hand-written.');
    const cleared = await edit(article, { excerpt: '' });
    expect(cleared.ok && cleared.value.article.excerpt).toBe('Body two.');
  });
});
