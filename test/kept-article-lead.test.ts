/**
 * The part of an article page above its discussion is kept between renders (web/site/
 * kept-segments.ts) and built again only when what it shows changed. These pin that every kind of
 * change reaches the page on its next render: the article itself (a silent fix too, which leaves
 * its dates alone), a rename of one of its categories, its author's name, the site's settings,
 * and a new related story; and that the page is byte for byte the same when nothing changed.
 * The page cache is off, so every request renders.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateArticle } from '../src/app/articles/update-article.js';
import { updateSiteSettings } from '../src/app/site-settings.js';
import { updateTerm } from '../src/app/terms/manage-terms.js';
import type { Author } from '../src/domain/article.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startLinkbackSite, type LinkbackSite } from './support/linkback-harness.js';

describeEachDialect('the kept top of an article page', (dialect) => {
  let site: LinkbackSite;
  let author: Author;
  let storyId = 0;
  let path = '';

  beforeAll(async () => {
    site = await startLinkbackSite(dialect, { env: { NEWSDESK_PAGE_CACHE_MB: '0' } });
    const deps = site.rt.deps;
    author = await anAuthor(deps, 'Ada Reporter');
    const { article, url } = await anArticle(deps, author, {
      title: 'Harbour reopens',
      bodyMarkdown: 'The harbour reopened on Monday.',
      categories: ['Port news'],
      tags: ['harbour'],
    });
    storyId = article.id;
    path = new URL(url).pathname;
  });
  afterAll(() => site?.close());

  /** The page without its per-response form tokens. */
  const page = async (): Promise<string> => {
    const res = await site.get(path);
    expect(res.status).toBe(200);
    return (await res.text()).replace(/name="token" value="[^"]*"/g, 'name="token" value=""');
  };

  const edit = async (changes: Record<string, unknown>, silent = false) => {
    const deps = site.rt.deps;
    const r = await updateArticle(deps, {
      articleId: storyId,
      editorId: author.id,
      changes,
      silent,
    });
    expect(r.ok).toBe(true);
  };

  it('is the same page, byte for byte, when nothing changed', async () => {
    const first = await page();
    expect(first).toContain('Harbour reopens');
    expect(await page()).toBe(first);
  });

  it('shows an edited title and body on the next render, in the head and the article', async () => {
    await page();
    await edit({ title: 'Harbour reopens to ferries', bodyMarkdown: 'Ferries sailed again.' });
    const html = await page();
    expect(html).toContain('<title>Harbour reopens to ferries');
    expect(html).toContain('<h1 class="headline p-name">Harbour reopens to ferries</h1>');
    expect(html).toContain('Ferries sailed again.');
    expect(html).not.toContain('The harbour reopened on Monday.');
  });

  it('shows a silent fix, which moves no date', async () => {
    await page();
    await edit({ bodyMarkdown: 'Ferries sailed again on time.' }, true);
    expect(await page()).toContain('Ferries sailed again on time.');
  });

  it('shows a renamed category, which is not a row of the article’s own, and a new byline', async () => {
    const deps = site.rt.deps;
    await page();
    const { terms } = await deps.repos.articlePages.extrasOf(storyId);
    const category = terms.find((t) => t.kind === 'category');
    expect(category?.name).toBe('Port news');
    const renamed = await updateTerm(deps, 'cli', category!.id, { name: 'Shipping' });
    expect(renamed.ok).toBe(true);
    let html = await page();
    expect(html).toContain('>Shipping</a>');
    expect(html).not.toContain('>Port news</a>');
    const second = await anAuthor(deps, 'Ben Writer');
    await edit({ bylines: [author.id, second.id] });
    html = await page();
    expect(html).toContain('Ben Writer');
  });

  it('shows a new site description and a new related story', async () => {
    const deps = site.rt.deps;
    await page();
    await updateSiteSettings(deps.repos.settings, { description: 'News from the quay.' });
    await anArticle(deps, author, {
      title: 'Ferry timetable published',
      categories: ['Shipping'],
      tags: ['harbour'],
    });
    const html = await page();
    expect(html).toContain('News from the quay.');
    expect(html).toContain('Ferry timetable published');
  });
});
