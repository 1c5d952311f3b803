/**
 * Revisions (src/app/articles/revisions.ts) and correction notes (correct-article.ts) on both
 * dialects with a pinned clock, and what the article page shows of them: the notes, the
 * schema.org `correction` markup, `dateModified`, and the standfirst only when there is one.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { correctArticle } from '../src/app/articles/correct-article.js';
import {
  diffRevisions,
  listRevisions,
  restoreRevision,
  showRevision,
} from '../src/app/articles/revisions.js';
import { updateArticle, type ArticleChanges } from '../src/app/articles/update-article.js';
import { comparisonLines } from '../src/cli/revision-format.js';
import type { Article, Author } from '../src/domain/article.js';
import { permalinkPath } from '../src/domain/permalink.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const START = new Date('2026-12-02T09:00:00Z');
const TZ = 'Europe/London';

describeEachDialect('revisions and corrections', (dialect) => {
  let site: SiteHarness;
  let now = START;
  let ada: Author;
  const later = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
    return now;
  };
  beforeAll(async () => {
    site = await startSite(dialect, { clock: () => now });
    ada = await anAuthor(site.rt.deps, 'Ada Reporter');
  });
  afterAll(() => site.close());
  beforeEach(() => {
    now = START;
  });

  const deps = () => site.rt.deps;
  const edit = (a: Article, changes: ArticleChanges, extra = {}) =>
    updateArticle(deps(), { articleId: a.id, editorId: ada.id, changes, ...extra });
  const path = (a: Article) => permalinkPath(a.slug, a.publishedAt ?? a.createdAt, TZ);
  const page = async (p: string) => {
    const res = await site.get(p);
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  };
  const jsonLd = (body: string) =>
    JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)?.[1] ?? '{}');

  let runs = 0;
  /** Three revisions of a new article, whose slug and each revision's are its own. */
  async function threeRevisions() {
    const n = ++runs;
    const { article } = await anArticle(deps(), ada, {
      title: 'Flood warning',
      slug: `flood-warning-${n}`,
      bodyMarkdown: 'Line one.\nLine two.\nLine three.\nLine four.\nLine five.\nLine six.',
      tags: ['weather'],
    });
    later(10);
    await edit(article, {
      title: 'Flood warning extended',
      bodyMarkdown: 'Line one.\nLine two, changed.\nLine three.\nLine four.\nLine five.\nLine six.',
    });
    later(10);
    const third = await edit(article, {
      tags: ['weather', 'rivers'],
      slug: `flood-warning-extended-${n}`,
    });
    expect(third.ok && third.value.revision?.number).toBe(3);
    return article;
  }

  it('lists revisions oldest first and shows one with its whole snapshot', async () => {
    const article = await threeRevisions();
    const listed = await listRevisions(deps(), article.id);
    expect(listed.ok && listed.value.revisions.map((r) => [r.number, r.reason, r.changed])).toEqual(
      [
        [1, 'create', []],
        [2, 'edit', ['title', 'bodySource']],
        [3, 'edit', ['slug', 'tags']],
      ],
    );
    const shown = await showRevision(deps(), article.id, 2);
    expect(shown.ok && shown.value.snapshot).toMatchObject({
      title: 'Flood warning extended',
      slug: article.slug,
      tags: ['weather'],
    });
    const missing = await showRevision(deps(), article.id, 9);
    expect(!missing.ok && missing.error).toEqual({
      code: 'not_found',
      message: `article ${article.id} has no revision 9 (it has revisions 1 to 3)`,
    });
    const noArticle = await listRevisions(deps(), 999_999);
    expect(!noArticle.ok && noArticle.error.code).toBe('not_found');
  });

  it('diffs the body line by line and the other fields one by one', async () => {
    const article = await threeRevisions();
    const one = await diffRevisions(deps(), { articleId: article.id, from: 2 });
    expect(one.ok).toBe(true);
    if (!one.ok) return;
    // One revision alone: what it changed, against the one before it.
    expect(one.value.from?.number).toBe(1);
    expect(one.value.diff.fields).toEqual([
      { field: 'title', before: 'Flood warning', after: 'Flood warning extended' },
    ]);
    expect(one.value.diff.body).toHaveLength(1);
    expect(one.value.diff.body[0]?.lines).toEqual([
      ' Line one.',
      '-Line two.',
      '+Line two, changed.',
      ' Line three.',
      ' Line four.',
      ' Line five.',
    ]);

    const two = await diffRevisions(deps(), { articleId: article.id, from: 1, to: 3 });
    expect(two.ok && two.value.diff.fields.map((f) => f.field)).toEqual(['title', 'slug', 'tags']);
    const current = await diffRevisions(deps(), { articleId: article.id, from: 3, to: 'current' });
    expect(current.ok && current.value.diff).toEqual({ fields: [], body: [], bodyReplaced: false });
    const first = await diffRevisions(deps(), { articleId: article.id, from: 1 });
    expect(first.ok && first.value.from).toBeNull();
    const unknown = await diffRevisions(deps(), { articleId: article.id, from: 2, to: 7 });
    expect(!unknown.ok && unknown.error.code).toBe('not_found');

    const lines = comparisonLines(one.value, new Map([[ada.id, ada.name]]));
    expect(lines.slice(2)).toEqual([
      'title:',
      '- Flood warning',
      '+ Flood warning extended',
      'body:',
      '@@ -1,5 +1,5 @@',
      ' Line one.',
      '-Line two.',
      '+Line two, changed.',
      ' Line three.',
      ' Line four.',
      ' Line five.',
    ]);
  });

  it('prints hostile text in a diff as visible escapes, never as terminal controls', async () => {
    const { article } = await anArticle(deps(), ada, { title: 'Plain', bodyMarkdown: 'Plain.' });
    await edit(article, {
      title: 'Evil \u001b[2J\u001b]0;pwned\u0007 title',
      bodyMarkdown: 'Evil \u001b[31mred\u001b[0m \u202ereversed',
    });
    const d = await diffRevisions(deps(), { articleId: article.id, from: 2 });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const text = comparisonLines(d.value, new Map()).join('\n');
    expect([...text].filter((ch) => '\u001b\u0007\u202e'.includes(ch))).toEqual([]);
    expect(text).toContain('\\x1b[2J');
    expect(text).toContain('\\u202e');
  });

  it('restores an old revision as a new one, through the same save: its old permalink 301s again', async () => {
    const article = await threeRevisions();
    const before = await site.rt.deps.repos.articles.findById(article.id);
    const movedPath = path(before as Article);
    later(10);
    const r = await restoreRevision(deps(), { articleId: article.id, number: 1, editorId: ada.id });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.restored.number).toBe(1);
    expect(r.value.revision?.number).toBe(4);
    expect(r.value.revision?.reason).toBe('restore');
    expect(r.value.changed).toEqual(['title', 'slug', 'bodySource', 'tags']);
    expect(r.value.article).toMatchObject({ title: 'Flood warning', slug: article.slug });
    expect(r.value.article.bodySource).toContain('Line two.\n');
    const back = await page(movedPath);
    expect([back.status, back.location]).toEqual([301, path(r.value.article)]);
    expect((await page(path(r.value.article))).body).toContain('Line two.');
    const events = await site.rt.deps.repos.articleEvents.forArticle(article.id);
    expect(events.at(-1)).toMatchObject({
      type: 'article.updated',
      detail: { changed: ['title', 'slug', 'bodySource', 'tags'], silent: false },
    });
    // Restoring what the article already says changes nothing and adds nothing.
    const again = await restoreRevision(deps(), {
      articleId: article.id,
      number: 4,
      editorId: ada.id,
    });
    expect(again.ok && again.value.revision).toBeNull();
    const stale = await restoreRevision(deps(), {
      articleId: article.id,
      number: 2,
      editorId: ada.id,
      expectedRevision: 3,
    });
    expect(!stale.ok && stale.error.code).toBe('conflict');
    const unknown = await restoreRevision(deps(), {
      articleId: article.id,
      number: 99,
      editorId: ada.id,
    });
    expect(!unknown.ok && unknown.error.code).toBe('not_found');
  });

  it('never changes whether an article is public when restoring a revision from its draft days', async () => {
    const { article } = await anArticle(deps(), ada, {
      title: 'Draft days',
      publish: { kind: 'draft' },
    });
    later(5);
    await edit(article, { publish: { kind: 'now' }, title: 'Published days' });
    later(5);
    const r = await restoreRevision(deps(), { articleId: article.id, number: 1, editorId: ada.id });
    expect(r.ok && r.value.changed).toEqual(['title']);
    expect(r.ok && r.value.article.status).toBe('published');
    expect(r.ok && r.value.article.publishedAt).toEqual(new Date(START.getTime() + 5 * 60_000));
  });

  it('shows a correction dated in the site zone, marks it up as a CorrectionComment and moves dateModified', async () => {
    now = new Date('2026-06-01T09:00:00Z');
    const { article } = await anArticle(deps(), ada, { title: 'Council figures' });
    // 23:30 UTC on 2 June is already 3 June in London (BST): the note is dated in the site's zone.
    now = new Date('2026-06-02T23:30:00Z');
    const c = await correctArticle(deps(), {
      articleId: article.id,
      editorId: ada.id,
      note: 'An earlier version gave the budget as £3m; it is £30m.',
    });
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.revision).toMatchObject({ number: 2, reason: 'correction', changed: [] });
    expect(c.value.correction).toMatchObject({ kind: 'correction', createdAt: now });
    const correctedAt = now;
    now = new Date('2026-06-04T10:00:00Z');
    const u = await correctArticle(deps(), {
      articleId: article.id,
      editorId: ada.id,
      kind: 'update',
      note: 'The council has now voted.',
    });
    expect(u.ok).toBe(true);

    const { body } = await page(path(article));
    const text = body.replace(/<[^>]+>/g, '');
    expect(text).toContain(
      'Correction, 3 June 2026: An earlier version gave the budget as £3m; it is £30m.',
    );
    expect(text).toContain('Update, 4 June 2026: The council has now voted.');
    expect(text.indexOf('Correction, 3 June')).toBeLessThan(text.indexOf('Update, 4 June'));
    const ld = jsonLd(body);
    expect(ld.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'An earlier version gave the budget as £3m; it is £30m.',
        datePublished: correctedAt.toISOString(),
      },
    ]);
    expect(ld.dateModified).toBe(now.toISOString());
    expect(body).toContain(`<time class="dt-updated" datetime="${now.toISOString()}">`);
    const events = await site.rt.deps.repos.articleEvents.forArticle(article.id);
    expect(events.map((e) => e.type)).toEqual([
      'article.published',
      'article.updated',
      'article.updated',
    ]);
  });

  it('escapes a hostile note on the page and in the JSON-LD', async () => {
    const { article } = await anArticle(deps(), ada, { title: 'Hostile note' });
    const note = '</script><script>window.__x=1</script><img src=x onerror=alert(1)>';
    const c = await correctArticle(deps(), { articleId: article.id, editorId: ada.id, note });
    expect(c.ok).toBe(true);
    const { body } = await page(path(article));
    expect(body).not.toContain('<script>window.__x=1');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(jsonLd(body).correction[0].text).toBe(note);
  });

  it('refuses an empty or oversized note, a draft and an unknown article, adding nothing', async () => {
    const { article } = await anArticle(deps(), ada, { title: 'Refusals' });
    const { article: draft } = await anArticle(deps(), ada, {
      title: 'Unseen draft',
      publish: { kind: 'draft' },
    });
    const cases: [number, string, string, string][] = [
      [article.id, '   ', 'invalid_input', 'a note is required'],
      [article.id, 'x'.repeat(2001), 'invalid_input', 'at most 2000 characters'],
      [article.id, 'nul \u0000 byte', 'invalid_input', 'NUL'],
      [draft.id, 'Too early.', 'invalid_input', 'is not published (draft)'],
      [999_999, 'Nobody.', 'not_found', 'no article with id 999999'],
    ];
    for (const [articleId, note, code, message] of cases) {
      const r = await correctArticle(deps(), { articleId, editorId: ada.id, note });
      expect(r.ok ? 'ok' : r.error.code).toBe(code);
      expect(r.ok ? '' : r.error.message).toContain(message);
    }
    const notes = await site.rt.deps.repos.corrections.forArticles([article.id, draft.id]);
    expect(notes.size).toBe(0);
    expect((await listRevisions(deps(), article.id)).ok).toBe(true);
  });

  it('shows the standfirst only when set, and never repeats the excerpt as one', async () => {
    const { article } = await anArticle(deps(), ada, {
      title: 'No standfirst',
      bodyMarkdown: 'The opening sentence of the body.',
    });
    let { body } = await page(path(article));
    expect(body).not.toContain('class="standfirst');
    expect(body.match(/The opening sentence of the body\./g)?.length).toBeGreaterThanOrEqual(1);
    // The auto-excerpt still describes the page.
    expect(body).toContain('<meta name="description" content="The opening sentence of the body."');
    await edit(article, { standfirst: 'A <b>standfirst</b> of its own.' });
    ({ body } = await page(path(article)));
    expect(body).toContain(
      '<p class="standfirst p-summary">A &lt;b&gt;standfirst&lt;/b&gt; of its own.</p>',
    );
  });
});
