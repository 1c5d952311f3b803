import { afterEach, beforeEach, expect, it } from 'vitest';
import { articlePath } from '../src/app/articles/create-article.js';
import { createPage, listPages, updatePage } from '../src/app/articles/pages.js';
import { publishScheduledArticle } from '../src/app/articles/publish-scheduled.js';
import {
  deleteArticle,
  listTrash,
  purgeTrashedArticle,
  PURGE_TASK,
  undeleteArticle,
} from '../src/app/articles/trash.js';
import {
  unpublishArticle,
  unpublishAtItsTime,
  UNPUBLISH_TASK,
} from '../src/app/articles/unpublish-article.js';
import type { AppDeps } from '../src/app/deps.js';
import { silentLogger } from '../src/app/ports.js';
import { findArticleByReference } from '../src/app/moderation/find-article.js';
import { findArticleByPath } from '../src/app/site/find-by-path.js';
import { authorArchive, homePage } from '../src/app/site/listings.js';
import { loadConfig } from '../src/config/config.js';
import type { Author } from '../src/domain/article.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { seedDemoContent } from '../src/main/demo-content.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';

const DAY = 86_400_000;
const T0 = new Date('2026-12-02T09:00:00.000Z');

async function aComment(deps: AppDeps, articleId: number, text: string, at: Date) {
  return deps.repos.discussion.insert(
    {
      articleId,
      kind: 'comment',
      protocol: null,
      type: 'comment',
      status: 'approved',
      parentId: null,
      authorName: 'Reader',
      authorUrl: null,
      authorEmail: null,
      authorIp: null,
      authorUserAgent: null,
      sourceUrl: null,
      sourceKey: null,
      targetUrl: null,
      title: null,
      contentHtml: trustStoredHtml(`<p>${text}</p>`),
      contentSource: text,
      verification: 'not-required',
    },
    at,
  );
}

describeEachDialect('article lifecycle', (dialect) => {
  let store: TestStore;
  let rt: Runtime;
  let now: Date;
  let deps: AppDeps;
  let author: Author;
  const at = (d: Date): AppDeps => ({ ...deps, clock: () => d });
  const events = async (id: number) =>
    (await deps.repos.articleEvents.forArticle(id)).map((e) => e.type);
  const jobsOf = async (task: string) =>
    (await rt.jobs.queue.list({ status: 'queued' })).filter((j) => j.task === task);

  beforeEach(async () => {
    store = await dialect.open();
    const config = loadConfig({
      ...store.env,
      NEWSDESK_SITE_URL: 'http://news.test',
      NEWSDESK_TIMEZONE: 'UTC',
    });
    await store.close();
    now = T0;
    rt = await openRuntime(config, silentLogger, { clock: () => now });
    deps = rt.deps;
    author = await anAuthor(deps, 'Ada Reporter');
  });
  afterEach(async () => {
    await rt.close();
    await store.dispose();
  });

  it('unpublishing a published article makes it a draft whose URL is a tombstone, once', async () => {
    const { article } = await anArticle(deps, author, { title: 'Taken down' });
    const path = articlePath(deps, article);
    now = new Date(T0.getTime() + 3_600_000);
    const r = await unpublishArticle(deps, { articleId: article.id, actorId: author.id });
    expect(r.ok && r.value.status).toBe('draft');
    expect(r.ok && r.value.withdrawnAt?.toISOString()).toBe(now.toISOString());
    expect(await findArticleByPath(deps, path)).toEqual({
      kind: 'gone',
      title: 'Taken down',
      articleKind: 'article',
    });
    const logged = await deps.repos.articleEvents.forArticle(article.id);
    expect(logged.map((e) => [e.type, e.actorId])).toEqual([
      ['article.published', author.id],
      ['article.unpublished', author.id],
    ]);
    const again = await unpublishArticle(deps, { articleId: article.id, actorId: null });
    expect(!again.ok && again.error.code).toBe('conflict');
    const missing = await unpublishArticle(deps, { articleId: 9_999, actorId: null });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('unpublishing a scheduled article leaves a 404, never a tombstone, and its publish job does nothing', async () => {
    const { article } = await anArticle(deps, author, {
      title: 'Never out',
      publish: { kind: 'at', at: new Date(T0.getTime() + DAY) },
    });
    const r = await unpublishArticle(deps, { articleId: article.id, actorId: null });
    expect(r.ok && r.value.status).toBe('draft');
    expect((await findArticleByPath(deps, articlePath(deps, article))).kind).toBe('not-found');
    const later = at(new Date(T0.getTime() + 2 * DAY));
    expect(await publishScheduledArticle(later, { articleId: article.id })).toBe('nothing-to-do');
    expect(await events(article.id)).toEqual(['article.unpublished']);
  });

  it('deleting moves the article to the trash, queues its purge for 30 days later and keeps its discussion', async () => {
    const { article } = await anArticle(deps, author, { title: 'Binned' });
    await aComment(deps, article.id, 'Kept while in the trash', T0);
    const path = articlePath(deps, article);
    const r = await deleteArticle(deps, { articleId: article.id, actorId: author.id });
    expect(r.ok && r.value.deletedAt?.toISOString()).toBe(T0.toISOString());
    expect((await findArticleByPath(deps, path)).kind).toBe('gone');
    const [purge, ...others] = await jobsOf(PURGE_TASK);
    expect(others).toEqual([]);
    expect(purge?.payload).toEqual({ articleId: article.id });
    expect(purge?.dedupeKey).toBe(`${PURGE_TASK}:${article.id}`);
    expect(purge?.runAt.toISOString()).toBe(new Date(T0.getTime() + 30 * DAY).toISOString());
    const [trashed] = await listTrash(deps);
    expect(trashed?.article.id).toBe(article.id);
    expect(trashed?.daysLeft).toBe(30);
    expect(await deps.repos.discussion.listPublic(article.id)).toHaveLength(1);

    const twice = await deleteArticle(deps, { articleId: article.id, actorId: null });
    expect(!twice.ok && twice.error.code).toBe('conflict');
    expect(!twice.ok && twice.error.message).toContain('in the trash already');
    // A purge run before the 30 days are up removes nothing.
    const early = await purgeTrashedArticle(at(new Date(T0.getTime() + 29 * DAY)), {
      articleId: article.id,
    });
    expect(early.purged).toEqual([]);
  });

  it('undeleting restores the article as it was, with its discussion, and the later purge does nothing', async () => {
    const { article } = await anArticle(deps, author, { title: 'Back again' });
    await aComment(deps, article.id, 'Still here', T0);
    await deleteArticle(deps, { articleId: article.id, actorId: null });
    now = new Date(T0.getTime() + 10 * DAY);
    const r = await undeleteArticle(deps, { articleId: article.id, actorId: author.id });
    expect(r.ok && [r.value.status, r.value.deletedAt]).toEqual(['published', null]);
    const found = await findArticleByPath(deps, articlePath(deps, article));
    expect(found.kind).toBe('article');
    expect(await deps.repos.discussion.listPublic(article.id)).toHaveLength(1);
    const restored = (await deps.repos.articleEvents.forArticle(article.id)).at(-1);
    expect([restored?.type, restored?.detail.from]).toEqual(['article.restored', 'trash']);

    const late = await purgeTrashedArticle(at(new Date(T0.getTime() + 31 * DAY)), {
      articleId: article.id,
    });
    expect(late.purged).toEqual([]);
    expect(await deps.repos.articles.findById(article.id)).toBeDefined();
    const live = await undeleteArticle(deps, { articleId: article.id, actorId: null });
    expect(!live.ok && live.error.code).toBe('conflict');
    expect(!live.ok && live.error.message).toContain('not in the trash');
  });

  it('deleting again after a restore moves the purge to 30 days after the second deletion', async () => {
    const { article } = await anArticle(deps, author);
    await deleteArticle(deps, { articleId: article.id, actorId: null });
    now = new Date(T0.getTime() + 5 * DAY);
    await undeleteArticle(deps, { articleId: article.id, actorId: null });
    now = new Date(T0.getTime() + 20 * DAY);
    await deleteArticle(deps, { articleId: article.id, actorId: null });
    const jobs = await jobsOf(PURGE_TASK);
    expect(jobs.map((j) => j.runAt.toISOString())).toEqual([
      new Date(T0.getTime() + 50 * DAY).toISOString(),
    ]);
    const atFirstDue = await purgeTrashedArticle(at(new Date(T0.getTime() + 31 * DAY)), {
      articleId: article.id,
    });
    expect(atFirstDue.purged).toEqual([]);
  });

  it('the purge removes an article 30 days in the trash, and its discussion with it', async () => {
    const { article } = await anArticle(deps, author, { title: 'For good' });
    const comment = await aComment(deps, article.id, 'Goes with it', T0);
    await deleteArticle(deps, { articleId: article.id, actorId: null });
    const r = await purgeTrashedArticle(at(new Date(T0.getTime() + 30 * DAY)), {
      articleId: article.id,
    });
    expect(r.purged).toEqual([article.id]);
    expect(await deps.repos.articles.findById(article.id)).toBeUndefined();
    expect(await deps.repos.discussion.findById(comment.id)).toBeUndefined();
    expect((await findArticleByPath(deps, articlePath(deps, article))).kind).toBe('not-found');
    // The event log outlives the article; the job can run again harmlessly.
    expect(await events(article.id)).toEqual(['article.published', 'article.deleted']);
    const again = await purgeTrashedArticle(at(new Date(T0.getTime() + 31 * DAY)), {
      articleId: article.id,
    });
    expect(again.purged).toEqual([]);
    const undo = await undeleteArticle(deps, { articleId: article.id, actorId: null });
    expect(!undo.ok && undo.error.code).toBe('not_found');
  });

  it('a purge job also sweeps other articles whose time in the trash is up', async () => {
    const { article: a } = await anArticle(deps, author, { title: 'First' });
    const { article: b } = await anArticle(deps, author, { title: 'Second' });
    await deleteArticle(deps, { articleId: a.id, actorId: null });
    await deleteArticle(deps, { articleId: b.id, actorId: null });
    const r = await purgeTrashedArticle(at(new Date(T0.getTime() + 40 * DAY)), {
      articleId: a.id,
    });
    expect(r.purged).toEqual([a.id, b.id]);
  });

  it('two deletions or two unpublishings at once: one succeeds, the other is refused, one event each', async () => {
    const { article } = await anArticle(deps, author);
    const deletions = await Promise.all([
      deleteArticle(deps, { articleId: article.id, actorId: null }),
      deleteArticle(deps, { articleId: article.id, actorId: null }),
    ]);
    expect(deletions.map((r) => r.ok).sort()).toEqual([false, true]);
    await undeleteArticle(deps, { articleId: article.id, actorId: null });
    const unpublishings = await Promise.all([
      unpublishArticle(deps, { articleId: article.id, actorId: null }),
      unpublishArticle(deps, { articleId: article.id, actorId: null }),
    ]);
    expect(unpublishings.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(await events(article.id)).toEqual([
      'article.published',
      'article.deleted',
      'article.restored',
      'article.unpublished',
    ]);
    expect(await jobsOf(PURGE_TASK)).toHaveLength(1);
  });

  it('a deleted draft that was never public answers 404, showing nothing of it', async () => {
    const { article } = await anArticle(deps, author, {
      title: 'Secret draft',
      publish: { kind: 'draft' },
    });
    await deleteArticle(deps, { articleId: article.id, actorId: null });
    expect((await findArticleByPath(deps, articlePath(deps, article))).kind).toBe('not-found');
  });

  it('unpublish-at queues one job keyed by its time, which takes the article down once', async () => {
    const down = new Date(T0.getTime() + 3_600_000);
    const { article } = await anArticle(deps, author, { title: 'Embargoed', unpublishAt: down });
    const [job, ...more] = await jobsOf(UNPUBLISH_TASK);
    expect(more).toEqual([]);
    expect(job?.payload).toEqual({ articleId: article.id, at: down.toISOString() });
    expect(job?.dedupeKey).toBe(`${UNPUBLISH_TASK}:${article.id}:${down.toISOString()}`);
    expect(job?.runAt.toISOString()).toBe(down.toISOString());

    const early = at(new Date(down.getTime() - 60_000));
    expect(await unpublishAtItsTime(early, job?.payload)).toBe('not-due');
    const due = at(down);
    expect(await unpublishAtItsTime(due, job?.payload)).toBe('unpublished');
    expect(await unpublishAtItsTime(due, job?.payload)).toBe('nothing-to-do');
    const stored = await deps.repos.articles.findById(article.id);
    expect(stored?.status).toBe('draft');
    const logged = await deps.repos.articleEvents.forArticle(article.id);
    expect(logged.filter((e) => e.type === 'article.unpublished').map((e) => e.actorId)).toEqual([
      null,
    ]);
  });

  it('an update that moves unpublish-at queues a job for the new time; the old job then does nothing', async () => {
    const first = new Date(T0.getTime() + 3_600_000);
    const moved = new Date(T0.getTime() + 7_200_000);
    const { article } = await anArticle(deps, author, { unpublishAt: first });
    // What an edit does: the new time stored, and `article.updated` naming the field.
    await deps.uow.run(async ({ repos, emit }) => {
      const a = await repos.articles.findById(article.id);
      if (!a) throw new Error('missing');
      await repos.articles.update(
        a.id,
        {
          ...a,
          unpublishAt: moved,
          commentsOpen: a.comments.open,
          commentsCloseAt: a.comments.closesAt,
          linkbacksOpen: a.linkbacks.open,
          linkbacksCloseAt: a.linkbacks.closesAt,
        },
        T0,
      );
      await emit({
        type: 'article.updated',
        articleId: a.id,
        kind: a.kind,
        actorId: author.id,
        at: T0,
        url: 'http://news.test/x/',
        changed: ['unpublishAt'],
      });
      // An update that leaves the time alone queues nothing more.
      await emit({
        type: 'article.updated',
        articleId: a.id,
        kind: a.kind,
        actorId: author.id,
        at: T0,
        url: 'http://news.test/x/',
        changed: ['title'],
      });
    });
    const jobs = await jobsOf(UNPUBLISH_TASK);
    expect(jobs.map((j) => (j.payload as { at: string }).at).sort()).toEqual([
      first.toISOString(),
      moved.toISOString(),
    ]);
    const old = jobs.find((j) => (j.payload as { at: string }).at === first.toISOString());
    const next = jobs.find((j) => (j.payload as { at: string }).at === moved.toISOString());
    expect(await unpublishAtItsTime(at(first), old?.payload)).toBe('nothing-to-do');
    expect((await deps.repos.articles.findById(article.id))?.status).toBe('published');
    expect(await unpublishAtItsTime(at(moved), next?.payload)).toBe('unpublished');
  });

  it('an unpublish-at job for a time the article no longer has does nothing', async () => {
    const down = new Date(T0.getTime() + 3_600_000);
    const { article } = await anArticle(deps, author, { unpublishAt: down });
    const stale = { articleId: article.id, at: new Date(down.getTime() - 1).toISOString() };
    expect(await unpublishAtItsTime(at(down), stale)).toBe('nothing-to-do');
    expect((await deps.repos.articles.findById(article.id))?.status).toBe('published');
    await expect(unpublishAtItsTime(at(down), { articleId: 'x' })).rejects.toThrow();
  });

  it('a scheduled article with an unpublish-at time gets its job when the publish job runs', async () => {
    const up = new Date(T0.getTime() + DAY);
    const down = new Date(T0.getTime() + 2 * DAY);
    const { article } = await anArticle(deps, author, {
      publish: { kind: 'at', at: up },
      unpublishAt: down,
    });
    expect(await jobsOf(UNPUBLISH_TASK)).toEqual([]);
    expect(await publishScheduledArticle(at(up), { articleId: article.id })).toBe('published');
    const jobs = await jobsOf(UNPUBLISH_TASK);
    expect(jobs.map((j) => j.payload)).toEqual([{ articleId: article.id, at: down.toISOString() }]);
  });

  it('an article restored from the trash after its unpublish-at time comes down at once', async () => {
    const down = new Date(T0.getTime() + DAY);
    const { article } = await anArticle(deps, author, { unpublishAt: down });
    await deleteArticle(deps, { articleId: article.id, actorId: null });
    now = new Date(T0.getTime() + 2 * DAY);
    expect(
      await unpublishAtItsTime(at(now), { articleId: article.id, at: down.toISOString() }),
    ).toBe('nothing-to-do');
    await undeleteArticle(deps, { articleId: article.id, actorId: null });
    const queued = (await jobsOf(UNPUBLISH_TASK)).filter((j) => j.runAt <= now);
    expect(queued).toHaveLength(1);
    expect(await unpublishAtItsTime(at(now), queued[0]?.payload)).toBe('unpublished');
  });

  it('pages live at /slug/, stay out of listings, and open their discussion only when asked', async () => {
    const r = await createPage(deps, {
      title: 'About us',
      slug: 'about',
      bodyMarkdown: 'Who we are.',
      authorId: author.id,
      publish: true,
    });
    expect(r.ok && r.value.url).toBe('http://news.test/about/');
    const page = r.ok ? r.value.article : undefined;
    expect([page?.kind, page?.comments.open, page?.linkbacks.open]).toEqual(['page', false, false]);
    await anArticle(deps, author, { title: 'A story' });
    const home = await homePage(deps, 1);
    expect(home?.stories.map((s) => s.title)).toEqual(['A story']);
    const archive = await authorArchive(deps, author.slug, 1);
    expect(archive?.stories.map((s) => s.title)).toEqual(['A story']);
    const found = await findArticleByPath(deps, '/about/');
    expect(found.kind === 'article' && found.path).toBe('/about/');
    expect(await findArticleByPath(deps, '/about')).toMatchObject({
      kind: 'redirect',
      location: '/about/',
    });
    // A page is never found at a dated path, nor an article at a page's.
    expect((await findArticleByPath(deps, '/2026/12/about/')).kind).toBe('not-found');
    expect((await findArticleByPath(deps, '/a-story/')).kind).toBe('not-found');
    // The moderation commands name a page by its URL too.
    expect((await findArticleByReference(deps, 'http://news.test/about/'))?.id).toBe(page?.id);

    const open = await createPage(deps, {
      title: 'Contact',
      bodyMarkdown: 'Write to us.',
      authorId: author.id,
      publish: false,
      comments: true,
      linkbacks: true,
    });
    expect(open.ok && [open.value.article.comments.open, open.value.article.status]).toEqual([
      true,
      'draft',
    ]);
    expect((await listPages(deps)).map((p) => p.article.slug).sort()).toEqual(['about', 'contact']);
  });

  it('refuses reserved, taken, empty and oversized page slugs, and suffixes a title that is reserved', async () => {
    const base = { bodyMarkdown: 'x', authorId: author.id, publish: true };
    for (const slug of ['admin', 'category', 'Tag', '2026']) {
      const r = await createPage(deps, { ...base, title: 'T', slug });
      expect(!r.ok && [r.error.code, r.error.message.includes('reserved')]).toEqual([
        'invalid_input',
        true,
      ]);
    }
    const long = await createPage(deps, { ...base, title: 'T', slug: 'a'.repeat(2000) });
    expect(!long.ok && long.error.code).toBe('invalid_input');
    const empty = await createPage(deps, { ...base, title: 'T', slug: '!!!' });
    expect(!empty.ok && empty.error.code).toBe('invalid_input');
    await createPage(deps, { ...base, title: 'About', slug: 'about' });
    const taken = await createPage(deps, { ...base, title: 'About', slug: 'about' });
    expect(!taken.ok && taken.error.code).toBe('conflict');
    const fromTitle = await createPage(deps, { ...base, title: 'Admin' });
    expect(fromTitle.ok && fromTitle.value.article.slug).toBe('admin-2');
    expect(await deps.repos.articles.count()).toBe(2);
  });

  it('updates a page’s title, body and slug, keeping a revision and a 301 from the old path', async () => {
    const r = await createPage(deps, {
      title: 'About',
      slug: 'about',
      bodyMarkdown: 'Old words.',
      authorId: author.id,
      publish: true,
    });
    const id = r.ok ? r.value.article.id : 0;
    now = new Date(T0.getTime() + DAY);
    const u = await updatePage(deps, {
      articleId: id,
      editorId: author.id,
      title: 'About the newsroom',
      bodyMarkdown: 'New words.',
      slug: 'about-us',
    });
    expect(u.ok && u.value.changed).toEqual(['title', 'slug', 'bodySource']);
    expect(u.ok && u.value.url).toBe('http://news.test/about-us/');
    expect(await findArticleByPath(deps, '/about/')).toMatchObject({
      kind: 'redirect',
      location: '/about-us/',
    });
    const revisions = await deps.repos.revisions.list(id);
    expect(revisions.map((rev) => rev.reason)).toEqual(['create', 'edit']);
    expect(revisions[1]?.snapshot.bodySource).toBe('New words.');
    expect((await events(id)).at(-1)).toBe('article.updated');
    const same = await updatePage(deps, {
      articleId: id,
      editorId: author.id,
      title: 'About the newsroom',
    });
    expect(same.ok && same.value.changed).toEqual([]);
    const { article } = await anArticle(deps, author);
    const notPage = await updatePage(deps, {
      articleId: article.id,
      editorId: author.id,
      title: 'X',
    });
    expect(!notPage.ok && notPage.error.code).toBe('invalid_input');
    const reserved = await updatePage(deps, { articleId: id, editorId: author.id, slug: 'feed' });
    expect(!reserved.ok && reserved.error.code).toBe('invalid_input');
  });

  it('a deleted or unpublished page answers as a tombstone of a page', async () => {
    const r = await createPage(deps, {
      title: 'Old policy',
      slug: 'old-policy',
      bodyMarkdown: 'x',
      authorId: author.id,
      publish: true,
    });
    const id = r.ok ? r.value.article.id : 0;
    await unpublishArticle(deps, { articleId: id, actorId: null });
    expect(await findArticleByPath(deps, '/old-policy/')).toEqual({
      kind: 'gone',
      title: 'Old policy',
      articleKind: 'page',
    });
  });

  it('a co-author’s archive lists the article and listings carry every byline in order', async () => {
    const bea = await anAuthor(deps, 'Bea Writer');
    await anArticle(deps, author, { title: 'Joint work', coAuthorIds: [bea.id] });
    const archive = await authorArchive(deps, bea.slug, 1);
    expect(archive?.stories.map((s) => s.title)).toEqual(['Joint work']);
    const [story] = (await homePage(deps, 1))?.stories ?? [];
    expect(story?.bylines.map((b) => b.name)).toEqual(['Ada Reporter', 'Bea Writer']);
    expect(story?.author.name).toBe('Ada Reporter');
  });
});

describeEachDialect('demo content', (dialect) => {
  it('includes a published About page and a Corrections policy page, outside the listings', async () => {
    const store = await dialect.open();
    const config = loadConfig({ ...store.env, NEWSDESK_SITE_URL: 'http://news.test' });
    await store.close();
    const rt = await openRuntime(config, silentLogger, { clock: () => T0 });
    try {
      expect(await seedDemoContent(rt.deps)).toBe(true);
      const pages = await listPages(rt.deps);
      expect(pages.map((p) => [p.url, p.article.status]).sort()).toEqual([
        ['http://news.test/about/', 'published'],
        ['http://news.test/corrections-policy/', 'published'],
      ]);
      const home = await homePage(rt.deps, 1);
      expect(home?.stories.map((s) => s.title)).not.toContain('About us');
      expect((await findArticleByPath(rt.deps, '/about/')).kind).toBe('article');
    } finally {
      await rt.close();
      await store.dispose();
    }
  });
});
