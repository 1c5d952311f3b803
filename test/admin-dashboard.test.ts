/** The dashboard over HTTP: what waits for moderation, what is scheduled, what happened lately. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import { AdminClient, aHeldComment, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

describeEachDialect('admin: the dashboard', (dialect) => {
  let site: SiteHarness;
  beforeAll(async () => {
    site = await startSite(dialect, { clock: () => new Date('2026-12-02T09:00:00Z') });
  });
  afterAll(() => site?.close());

  it('counts the held discussion with a link to the queue, links scheduled articles, lists activity', async () => {
    const editor = await aUser(site.rt.deps, 'editor', 'Eda Editor');
    const { article } = await anArticle(site.rt.deps, editor, { title: 'Open story' });
    await aHeldComment(site.rt.deps, article.id, 'one');
    await aHeldComment(site.rt.deps, article.id, 'two');
    const later = await createArticle(site.rt.deps, {
      title: 'Embargoed <report>',
      bodyMarkdown: 'Soon.',
      authorId: editor.id,
      publish: { kind: 'at', at: new Date('2026-12-09T07:30:00Z') },
    });
    if (!later.ok) throw new Error(later.error.message);
    const browser = new AdminClient(site.base);
    await browser.signIn(editor.email, PASSWORD);
    const html = await (await browser.get('/admin/')).text();
    expect(html).toContain('Waiting for moderation (2)');
    expect(html).toContain('href="/admin/moderation?status=pending"');
    expect(html).toContain(
      `<a href="/admin/articles/${later.value.article.id}/edit">Embargoed &lt;report&gt;</a>`,
    );
    expect(html).toContain('2026-12-09 07:30 UTC');
    expect(html).toMatch(/published — Open story/);
  });
});
