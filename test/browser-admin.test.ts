import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupLinkIfNeeded } from '../src/app/auth/setup.js';
import { seedDemoContent } from '../src/main/demo-content.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { aHeldComment, aUser, PASSWORD } from './support/admin-client.js';
import { chromiumOrSkip, launchChromium, type Browser } from './support/browser.js';
import { testDialects } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const executablePath = chromiumOrSkip('browser admin tests');
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
/** Screenshots are kept as test artifacts (ignored by git). */
const SHOTS = join(process.cwd(), 'test-artifacts', 'admin');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page, javaScript: boolean): Promise<string[]> {
  // axe-core runs as a script: with JavaScript off it cannot, and the same pages are checked in
  // the JavaScript-on pass.
  if (!javaScript) return [];
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (d: Document, o: object) => Promise<{ violations: AxeViolation[]; passes: unknown[] }>;
      };
    };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  expect(result.passes.length).toBeGreaterThan(5);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes[0]?.target)}`);
}

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
    `the admin in headless Chromium, JavaScript ${javaScript ? 'on' : 'off'}`,
    () => {
      let site: SiteHarness;

      beforeAll(async () => {
        const [sqlite] = testDialects();
        if (!sqlite) throw new Error('no dialect');
        site = await startSite(sqlite);
        await seedDemoContent(site.rt.deps);
        mkdirSync(SHOTS, { recursive: true });
      });
      afterAll(async () => {
        await site?.close();
      });
      // Each test signs in as someone else: start from no cookies.
      beforeEach(() => browser.context.clearCookies());

      it('the owner follows the setup link, lands on the dashboard, and the pages pass axe-core', async () => {
        const link = await setupLinkIfNeeded(site.rt.deps);
        const page = await browser.newPage({ javaScript });
        await page.goto(`${site.base}${link}`);
        expect(await seriousViolations(page, javaScript)).toEqual([]);
        await page.fill('#name', 'Owner Person');
        await page.fill('#email', 'owner@news.test');
        await page.fill('#password', PASSWORD);
        await Promise.all([page.waitForURL(/\/admin\/$/), page.click('button[type=submit]')]);
        expect(await page.textContent('h1')).toBe('Dashboard');
        expect(await seriousViolations(page, javaScript)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `dashboard-js-${javaScript}.png`) });
        await page.close();
      });

      it('a moderator signs in, approves a held comment, and the public page shows it', async () => {
        const moderator = await aUser(site.rt.deps, 'moderator', 'Mo Derator');
        const [story] = await site.rt.deps.repos.articles.listAll(1, 'published');
        if (!story) throw new Error('no demo article');
        const text = `Held for the browser ${javaScript}`;
        const held = await aHeldComment(site.rt.deps, story.id, text);

        const page = await browser.newPage({ javaScript });
        await page.goto(`${site.base}/admin/moderation`);
        expect(page.url()).toContain('/admin/login?next=');
        await page.fill('#email', moderator.email);
        await page.fill('#password', PASSWORD);
        await Promise.all([
          page.waitForURL(/\/admin\/moderation/),
          page.click('button[type=submit]'),
        ]);
        expect(await page.textContent(`#item-${held.id}`)).toContain(text);
        expect(await seriousViolations(page, javaScript)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `moderation-js-${javaScript}.png`) });
        await Promise.all([
          page.waitForURL(/done=1/),
          page.click(`#item-${held.id} button[value="${held.id}:approved"]`),
        ]);
        expect(await page.textContent('[role=status]')).toContain('1 item updated.');

        const { articleUrl } = await import('../src/app/articles/create-article.js');
        const url = articleUrl(site.rt.deps, story).replace(site.rt.deps.siteUrl, site.base);
        await page.goto(url);
        expect(await page.textContent('body')).toContain(text);
        await page.close();
      });

      it('a wrong password keeps the email typed and says what went wrong', async () => {
        const page = await browser.newPage({ javaScript });
        await page.goto(`${site.base}/admin/login`);
        await page.fill('#email', 'someone@news.test');
        await page.fill('#password', 'wrong password');
        await page.click('button[type=submit]');
        await page.waitForSelector('[role=alert]');
        expect(await page.textContent('[role=alert]')).toContain('do not match');
        expect(await page.inputValue('#email')).toBe('someone@news.test');
        await page.close();
      });
      async function signedIn(role: 'editor' | 'moderator', name: string, next: string) {
        const user = await aUser(site.rt.deps, role, name);
        const page = await browser.newPage({ javaScript });
        await page.goto(`${site.base}${next}`);
        await page.fill('#email', user.email);
        await page.fill('#password', PASSWORD);
        await Promise.all([page.waitForURL(new RegExp(next)), page.click('button[type=submit]')]);
        return page;
      }

      /** Types the body into CodeMirror when the island runs, into the plain textarea when not. */
      async function writeBody(page: Page, text: string) {
        if (javaScript) {
          await page.waitForSelector('.cm-content');
          await page.click('.cm-content');
          await page.keyboard.type(text);
        } else {
          await page.fill('#body', text);
        }
      }

      it('an editor writes an article, closes its comments, publishes it, and readers see the sentence', async () => {
        const page = await signedIn('editor', `Ed Itor ${javaScript}`, '/admin/articles/new');
        expect(await seriousViolations(page, javaScript)).toEqual([]);
        const title = `Harbour vote, JavaScript ${javaScript ? 'on' : 'off'}`;
        await page.fill('input[name=title]', title);
        await writeBody(page, 'The council voted **seven to two** for the harbour plan.');
        expect(await page.inputValue('#body')).toContain('seven to two');
        await page.uncheck('input[name=comments]');
        await page.check('input[name=linkbacks]');
        await page.screenshot({ path: join(SHOTS, `editor-js-${javaScript}.png`) });
        await Promise.all([
          page.waitForURL(/\/admin\/articles\/\d+\/edit/),
          page.click('button[name=action][value=publish]'),
        ]);
        const id = Number(/articles\/(\d+)\/edit/.exec(page.url())?.[1]);
        const article = await site.rt.deps.repos.articles.findById(id);
        expect(article?.status).toBe('published');
        const { articleUrl } = await import('../src/app/articles/create-article.js');
        await page.goto(
          articleUrl(site.rt.deps, article!).replace(site.rt.deps.siteUrl, site.base),
        );
        expect(await page.textContent('h1')).toContain(title);
        expect(await page.textContent('body')).toContain(
          'Comments are closed, but trackbacks and pingbacks are open.',
        );
        expect(await page.innerHTML('body')).toContain('<strong>seven to two</strong>');
        await page.close();
      });

      it('an editor schedules an article and the dashboard lists it as scheduled', async () => {
        const page = await signedIn('editor', `Sched Uler ${javaScript}`, '/admin/articles/new');
        const title = `Budget preview, JavaScript ${javaScript ? 'on' : 'off'}`;
        await page.fill('input[name=title]', title);
        await writeBody(page, 'The budget will be published next week.');
        await page.fill('input[name=publish_at]', '2030-01-15T09:30');
        await Promise.all([
          page.waitForURL(/\/admin\/articles\/\d+\/edit/),
          page.click('button[name=action][value=schedule]'),
        ]);
        const id = Number(/articles\/(\d+)\/edit/.exec(page.url())?.[1]);
        expect((await site.rt.deps.repos.articles.findById(id))?.status).toBe('scheduled');
        await page.goto(`${site.base}/admin/`);
        expect(await page.textContent('body')).toContain(title);
        await page.close();
      });

      it('a moderator approves a held webmention, and the public page lists it', async () => {
        const [story] = await site.rt.deps.repos.articles.listAll(1, 'published');
        if (!story) throw new Error('no demo article');
        const held = await site.rt.deps.repos.discussion.insert(
          {
            articleId: story.id,
            kind: 'linkback',
            protocol: 'webmention',
            type: 'mention',
            status: 'pending',
            parentId: null,
            authorName: `Harbour Watch ${javaScript}`,
            authorUrl: 'https://harbour.example/',
            authorEmail: null,
            authorIp: '127.0.0.1',
            authorUserAgent: null,
            sourceUrl: `https://harbour.example/post-${javaScript}`,
            sourceKey: `https://harbour.example/post-${javaScript}`,
            targetUrl: null,
            title: `Our take on the vote ${javaScript}`,
            contentHtml: trustStoredHtml('<p>We wrote about this.</p>'),
            contentSource: 'We wrote about this.',
            verification: 'verified',
          },
          site.rt.deps.clock(),
        );
        const page = await signedIn('moderator', `Web Mod ${javaScript}`, '/admin/moderation');
        await page.goto(`${site.base}/admin/moderation?kind=linkback`);
        expect(await page.textContent(`#item-${held.id}`)).toContain(`Harbour Watch ${javaScript}`);
        await Promise.all([
          page.waitForURL(/done=1/),
          page.click(`#item-${held.id} button[value="${held.id}:approved"]`),
        ]);
        expect((await site.rt.deps.repos.discussion.findById(held.id))?.status).toBe('approved');
        const { articleUrl } = await import('../src/app/articles/create-article.js');
        await page.goto(articleUrl(site.rt.deps, story).replace(site.rt.deps.siteUrl, site.base));
        expect(await page.textContent('body')).toContain(`Harbour Watch ${javaScript}`);
        await page.close();
      });
    },
  );
}
