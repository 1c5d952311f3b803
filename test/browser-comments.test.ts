import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS_PAYLOADS } from './fixtures/xss-payloads.js';
import { chromiumOrSkip, launchChromium, type Browser } from './support/browser.js';
import { startCommentServer, type CommentServer } from './support/comments-server.js';

const executablePath = chromiumOrSkip('browser comment tests');

interface Observed {
  dialogs: string[];
  errors: string[];
}

async function observe(page: Page): Promise<Observed> {
  const seen: Observed = { dialogs: [], errors: [] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => seen.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') seen.errors.push(`console: ${m.text()}`);
  });
  return seen;
}

describe.skipIf(!executablePath)('comments with known XSS payloads, in headless Chromium', () => {
  let s: CommentServer;
  let browser: Browser;
  let context: BrowserContext;
  let path = '';

  beforeAll(async () => {
    s = await startCommentServer();
    await s.settings({
      comments: {
        holdFirstTimeAuthors: false,
        holdWhenLinksExceed: 100,
        perIpLimit: 10_000,
        perArticleLimit: 10_000,
        perPage: 500,
      },
    });
    const created = await s.article();
    path = created.path;
    const { token, action } = await s.form(path);
    s.advance(5000);
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      const name = i % 3 === 0 ? payload.slice(0, 100) : `Reader ${i}`;
      const res = await s.post(action, {
        name,
        email: `r${i}@example.org`,
        url: '',
        text: payload,
        token,
      });
      if (res.status !== 303) throw new Error(`payload ${i} not accepted: ${res.status}`);
    }
    browser = await launchChromium(executablePath ?? '');
    context = browser.context;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it(`stores all ${XSS_PAYLOADS.length} payloads approved`, async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    const rows = await s.rt.deps.repos.discussion.list({ status: 'approved', limit: 1000 });
    expect(rows.length).toBeGreaterThanOrEqual(XSS_PAYLOADS.length);
  });

  it('detects a script that does run (the harness can fail)', async () => {
    const page = await context.newPage();
    await page.route(`${s.url}/__canary`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<p>canary</p><script>window.__xss=1; alert("ran"); console.error("boom")</script>',
      }),
    );
    const seen = await observe(page);
    await page.goto(`${s.url}/__canary`);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBe(1);
    expect(seen.dialogs).toEqual(['ran']);
    expect(seen.errors).toEqual(['console: boom']);
    await page.close();
  });

  for (const csp of [
    'with the site CSP',
    'with the CSP header stripped (the sanitiser alone)',
  ] as const) {
    it(`runs no script ${csp}`, async () => {
      const page = await context.newPage();
      if (csp !== 'with the site CSP') {
        await page.route(`${s.url}/**`, async (route) => {
          const response = await route.fetch();
          const headers = { ...response.headers() };
          delete headers['content-security-policy'];
          await route.fulfill({ response, headers });
        });
      }
      const seen = await observe(page);
      const res = await page.goto(`${s.url}${path}`, { waitUntil: 'load' });
      expect(res?.status()).toBe(200);
      expect(await page.locator('.comments > li.comment').count()).toBe(XSS_PAYLOADS.length);
      // Poke every element in the discussion the way a reader (or an autofocus trick) would.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('.discussion *')) {
          for (const type of [
            'mouseover',
            'mouseenter',
            'focus',
            'toggle',
            'animationstart',
            'error',
            'load',
          ]) {
            el.dispatchEvent(new Event(type));
          }
        }
      });
      await page.waitForTimeout(300);
      const audit = await page.evaluate(() => {
        const area = document.querySelector('.discussion')!;
        const all = [...area.querySelectorAll('*')];
        return {
          xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
          scripts: document.querySelectorAll('script:not([type="application/ld+json"])').length,
          handlers: all.flatMap((el) =>
            [...el.attributes]
              .filter((a) => /^on/i.test(a.name))
              .map((a) => `${el.tagName}[${a.name}]`),
          ),
          banned: all
            .filter((el) =>
              /^(SCRIPT|IFRAME|OBJECT|EMBED|SVG|MATH|IMG|STYLE|LINK|META|BASE|VIDEO|AUDIO|DETAILS|TEMPLATE|MARQUEE|ISINDEX|NOSCRIPT)$/i.test(
                el.tagName,
              ),
            )
            .map((el) => el.tagName),
          styled: all.filter((el) => el.hasAttribute('style')).length,
          badLinks: [...area.querySelectorAll('.comments a[href]')]
            .map((a) => a as HTMLAnchorElement)
            .filter(
              (a) =>
                !/^(https?:|about:blank#|http:\/\/127\.0\.0\.1)/.test(a.href) ||
                (a.closest('.content') && a.rel !== 'nofollow ugc'),
            )
            .map((a) => `${a.href} rel=${a.rel}`),
          forms: area.querySelectorAll('form').length,
        };
      });
      expect(audit).toEqual({
        xss: null,
        scripts: 0,
        handlers: [],
        banned: [],
        styled: 0,
        badLinks: [],
        forms: 1,
      });
      expect(seen).toEqual({ dialogs: [], errors: [] });
      await page.close();
    });
  }
});
