import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { mf2 } from 'microformats-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoContent } from '../src/main/demo-content.js';
import { chromiumOrSkip, launchChromium, type Browser } from './support/browser.js';
import { testDialects } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const executablePath = chromiumOrSkip('browser site tests');
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe.skipIf(!executablePath)('the public site in headless Chromium', () => {
  let site: SiteHarness;
  let browser: Browser;
  let articlePath = '';
  let closedPath = '';

  beforeAll(async () => {
    const [sqlite] = testDialects();
    if (!sqlite) throw new Error('no dialect');
    site = await startSite(sqlite);
    await seedDemoContent(site.rt.deps);
    const home = await (await site.get('/')).text();
    articlePath = /href="(\/\d{4}\/\d{2}\/night-buses[^"]*)"/.exec(home)?.[1] ?? '';
    closedPath = /href="(\/\d{4}\/\d{2}\/why-the-council[^"]*)"/.exec(home)?.[1] ?? '';
    browser = await launchChromium(executablePath ?? '');
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function axe(path: string, width = 1280): Promise<AxeViolation[]> {
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${site.base}${path}`);
      // Evaluated through the DevTools protocol: the page's CSP (script-src 'none') stays on.
      await page.evaluate(AXE_SOURCE);
      const result = await page.evaluate(async () => {
        const w = window as unknown as {
          axe: {
            run: (
              ctx: Document,
              opts: object,
            ) => Promise<{ violations: AxeViolation[]; passes: unknown[] }>;
          };
        };
        return w.axe.run(document, { resultTypes: ['violations'] });
      });
      // The engine really ran: it reports the rules the page passed, too.
      expect(result.passes.length).toBeGreaterThan(10);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    } finally {
      await page.close();
    }
  }

  it.each([
    ['the front page', () => '/'],
    ['an article with comments open and its form', () => articlePath],
    ['an article with comments closed', () => closedPath],
    ['a category archive', () => '/category/city/'],
    ['the 404 page', () => '/2001/01/nothing-here/'],
  ])('has no serious accessibility violations on %s (axe-core)', async (_name, path) => {
    const violations = await axe(path());
    expect(
      violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes[0]?.target)}`),
    ).toEqual([]);
  });

  it('fits a 360-pixel phone screen without sideways scrolling', async () => {
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width: 360, height: 740 });
      for (const path of ['/', articlePath]) {
        await page.goto(`${site.base}${path}`);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
    } finally {
      await page.close();
    }
  });

  it('reads without JavaScript: the article and its form work with scripts disabled', async () => {
    const page = await browser.newPage({ javaScript: false });
    try {
      await page.goto(`${site.base}${articlePath}`);
      expect(await page.locator('h1.headline').textContent()).toContain('Night buses');
      expect(await page.locator('form.comment-form textarea').count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('marks the article, its author and its comments up as h-entry, h-card and p-comment', async () => {
    const html = await (await site.get(articlePath)).text();
    const parsed = mf2(html, { baseUrl: `${site.base}${articlePath}` });
    const entry = parsed.items.find((i) => i.type?.includes('h-entry'));
    expect(entry?.properties.name?.[0]).toContain('Night buses return');
    const author = entry?.properties.author?.[0] as { type?: string[]; value?: string } | undefined;
    expect(author?.type).toContain('h-card');
    expect(author?.value).toBe('Inès Moreau');
    expect(entry?.properties.published?.[0]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(entry?.properties.category).toEqual(
      expect.arrayContaining(['City', 'Transport', 'buses', 'night economy']),
    );
  });
});
