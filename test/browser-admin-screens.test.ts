/**
 * The article list, revisions and the outbound ledger in headless Chromium, with JavaScript on
 * and off; axe-core on every admin page and on the public home and article pages.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articlePath } from '../src/app/articles/create-article.js';
import { updateArticle } from '../src/app/articles/update-article.js';
import type { Article, Author } from '../src/domain/article.js';
import { seedDemoContent } from '../src/main/demo-content.js';
import { aHeldComment, aUser, PASSWORD } from './support/admin-client.js';
import { axeSerious } from './support/axe.js';
import { chromiumOrSkip, launchChromium, type Browser } from './support/browser.js';
import { testDialects } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const executablePath = chromiumOrSkip('browser admin screens tests');
/** Screenshots are kept as test artifacts (ignored by git). */
const SHOTS = join(process.cwd(), 'test-artifacts', 'admin-screens');

// One browser (one fresh profile) for the file; each pass opens its pages with JavaScript on or off.
let browser: Browser;
beforeAll(async () => {
  if (executablePath) browser = await launchChromium(executablePath);
});
afterAll(async () => {
  await browser?.close();
});

for (const javaScript of [true, false]) {
  describe.skipIf(!executablePath)(
    `admin screens in headless Chromium, JavaScript ${javaScript ? 'on' : 'off'}`,
    () => {
      let site: SiteHarness;
      let editor: Author;
      let story: Article;
      const shot = (page: Page, name: string) =>
        page.screenshot({ path: join(SHOTS, `${name}-js-${javaScript}.png`), fullPage: true });

      beforeAll(async () => {
        const [sqlite] = testDialects();
        if (!sqlite) throw new Error('no dialect');
        site = await startSite(sqlite);
        await seedDemoContent(site.rt.deps);
        editor = await aUser(site.rt.deps, 'editor', 'Eda Editor');
        const [first] = await site.rt.deps.repos.articles.listAll(1, 'published');
        if (!first) throw new Error('no demo article');
        const saved = await updateArticle(site.rt.deps, {
          articleId: first.id,
          editorId: editor.id,
          changes: {
            title: `${first.title} (updated)`,
            bodyMarkdown: 'A new first line.',
            sendLinkbacks: true,
          },
        });
        if (!saved.ok) throw new Error(saved.error.message);
        story = saved.value.article;
        const [row] = await site.rt.deps.repos.outboundLinkbacks.queue(
          story.id,
          [{ targetUrl: 'http://127.0.0.1:9/cited', kind: 'link', linked: true, contentHash: 'h' }],
          site.rt.deps.clock(),
        );
        if (!row) throw new Error('no ledger row');
        await site.rt.deps.repos.outboundLinkbacks.recordOutcome(
          row.id,
          row.round,
          {
            status: 'failed',
            attempts: 1,
            httpStatus: 400,
            lastError: 'the receiver refused it',
            nextAttemptAt: null,
          },
          site.rt.deps.clock(),
        );
        await aHeldComment(site.rt.deps, story.id, 'Held for the queue');
        mkdirSync(SHOTS, { recursive: true });
      });
      afterAll(async () => {
        await site?.close();
      });
      beforeEach(() => browser.context.clearCookies());

      const signedIn = async (who: Author = editor) => {
        const page = await browser.newPage({ javaScript });
        await page.goto(`${site.base}/admin/login`);
        await page.fill('#email', who.email);
        await page.fill('#password', PASSWORD);
        await Promise.all([page.waitForURL(/\/admin\/$/), page.click('button[type=submit]')]);
        return page;
      };

      it('filters the article list by status and by title, and pages keep the filter', async () => {
        const page = await signedIn();
        await page.click('nav[aria-label=Admin] >> text=Articles');
        await page.waitForURL(/\/admin\/articles$/);
        expect(await page.locator('tbody tr').count()).toBeGreaterThan(1);
        await page.selectOption('#status', 'draft');
        await Promise.all([
          page.waitForURL(/status=draft/),
          page.click('form[role=search] button[type=submit]'),
        ]);
        const draftStatuses = await page.locator('tbody tr td:nth-child(2)').allTextContents();
        expect(draftStatuses.every((s) => s.startsWith('draft'))).toBe(true);
        await page.selectOption('#status', '');
        await page.fill('#q', '(updated)');
        await Promise.all([
          page.waitForURL(/q=/),
          page.click('form[role=search] button[type=submit]'),
        ]);
        expect(await page.locator('tbody tr').count()).toBe(1);
        expect(await page.textContent(`#article-${story.id}`)).toContain('(updated)');
        expect(await page.inputValue('#q')).toBe('(updated)');
        await shot(page, 'articles');
        await page.close();
      });

      it('shows a revision’s changes with del and ins, and restores it as a new revision', async () => {
        const page = await signedIn();
        await page.goto(`${site.base}/admin/articles?q=${encodeURIComponent('(updated)')}`);
        await Promise.all([
          page.waitForURL(/\/revisions$/),
          page.click(`#article-${story.id} >> text=Revisions`),
        ]);
        expect(await page.locator('tbody tr').count()).toBe(2);
        await Promise.all([page.waitForURL(/\/revisions\/2$/), page.click('text=Revision 2')]);
        expect(await page.textContent('.fields-diff del')).not.toContain('(updated)');
        expect(await page.textContent('.fields-diff ins')).toContain('(updated)');
        expect(await page.textContent('.diff-lines ins')).toContain('A new first line.');
        await shot(page, 'revision-diff');
        await page.goto(`${site.base}/admin/articles/${story.id}/revisions`);
        await Promise.all([
          page.waitForURL(/restored=1/),
          page.click('#revision-1 button[type=submit]'),
        ]);
        expect(await page.textContent('[role=status]')).toBe('Revision 1 restored as revision 3.');
        const after = await site.rt.deps.repos.articles.findById(story.id);
        expect(after?.title).not.toContain('(updated)');
        await shot(page, 'revisions');
        await page.close();
      });

      it('the ledger shows the failed target and sends it again', async () => {
        const page = await signedIn();
        await page.goto(`${site.base}/admin/articles/${story.id}/linkbacks`);
        const row = page.locator('tbody tr').first();
        expect(await row.textContent()).toContain('http://127.0.0.1:9/cited');
        expect(await row.textContent()).toContain('the receiver refused it');
        await shot(page, 'ledger');
        await Promise.all([page.waitForURL(/queued=1/), row.locator('button').click()]);
        expect(await page.textContent('[role=status]')).toContain('1 target queued');
        expect(await page.locator('tbody tr td:nth-child(3)').first().textContent()).toBe('queued');
        await page.close();
      });

      it.skipIf(!javaScript)(
        'axe-core finds no serious or critical problem on any admin page or the public pages',
        async () => {
          const owner = await aUser(site.rt.deps, 'owner', 'Owen Owner');
          const page = await signedIn(owner);
          const paths = [
            '/admin/',
            '/admin/articles',
            '/admin/articles?status=bogus',
            `/admin/articles/${story.id}/revisions`,
            `/admin/articles/${story.id}/revisions/2`,
            `/admin/articles/${story.id}/revisions/1?against=current`,
            `/admin/articles/${story.id}/linkbacks`,
            '/admin/moderation',
            '/admin/audit',
            '/admin/audit?since=never',
            '/admin/terms',
            '/admin/users',
            '/admin/webhooks',
            '/admin/webhooks/deliveries',
            '/admin/articles/new',
            `/admin/articles/${story.id}/edit`,
            '/admin/settings/discussion',
            '/admin/settings/site',
            '/admin/tokens',
            '/admin/fediverse',
            '/',
            articlePath(site.rt.deps, story),
          ];
          const problems: string[] = [];
          for (const path of paths) {
            await page.goto(`${site.base}${path}`);
            const found = await axeSerious(page);
            expect(found.passes, path).toBeGreaterThan(5);
            problems.push(...found.violations.map((v) => `${path}: ${v}`));
          }
          expect(problems).toEqual([]);
          await page.context().clearCookies();
          await page.goto(`${site.base}/admin/login`);
          expect((await axeSerious(page)).violations).toEqual([]);
          await page.close();
        },
      );
    },
  );
}
