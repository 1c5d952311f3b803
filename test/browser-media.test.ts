import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import { addMedia } from '../src/app/media/add-media.js';
import type { MediaItem } from '../src/domain/media.js';
import { chromiumOrSkip, launchChromium, type Browser } from './support/browser.js';
import { testDialects } from './support/dialects.js';
import { jpegWithGps } from './support/media-files.js';
import { startMediaSite, type MediaSite } from './support/media-site.js';

const executablePath = chromiumOrSkip('browser media tests');

describe.skipIf(!executablePath)('article images in headless Chromium', () => {
  let site: MediaSite;
  let browser: Browser;
  let item: MediaItem;
  let path = '';

  beforeAll(async () => {
    const [sqlite] = testDialects();
    if (!sqlite) throw new Error('no dialect');
    site = await startMediaSite(sqlite);
    const added = await addMedia(site.rt.media, {
      bytes: await jpegWithGps(2400, 1600),
      alt: 'Harbour at low tide',
    });
    if (!added.ok) throw new Error(added.error.message);
    item = await site.variantsOf(added.value.item);
    const created = await createArticle(site.rt.deps, {
      title: 'Low tide',
      bodyMarkdown: 'The harbour emptied.',
      authorId: site.authorId,
      publish: { kind: 'now' },
      featuredMediaId: item.id,
    });
    if (!created.ok) throw new Error(created.error.message);
    path = new URL(created.value.url).pathname;
    browser = await launchChromium(executablePath ?? '');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** The featured image as loaded in a fresh page at `width` CSS pixels (DPR 1). */
  async function featured(width: number) {
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${site.base}${path}`);
      const img = page.locator('figure.featured img');
      await img.evaluate((el: HTMLImageElement) =>
        el.complete && el.naturalWidth > 0
          ? null
          : new Promise((resolve, reject) => {
              el.addEventListener('load', resolve, { once: true });
              el.addEventListener('error', reject, { once: true });
            }),
      );
      return await img.evaluate((el: HTMLImageElement) => ({
        currentSrc: el.currentSrc,
        naturalWidth: el.naturalWidth,
        shownWidth: el.getBoundingClientRect().width,
        layoutHeight: el.getBoundingClientRect().height,
        devicePixelRatio: window.devicePixelRatio,
      }));
    } finally {
      await page.close();
    }
  }

  it('loads a variant narrower than the original at phone width (390 px, DPR 1)', async () => {
    const shown = await featured(390);
    const m = /\/media\/([0-9a-f]{16})\/(\d+)\.(avif|webp|jpg)$/.exec(shown.currentSrc);
    expect(m?.[1], shown.currentSrc).toBe(item.hash);
    const width = Number(m?.[2]);
    expect(width).toBeLessThan(item.width);
    expect(width).toBe(640);
    // Chromium takes AVIF, the first source.
    expect(m?.[3]).toBe('avif');
    expect(shown.devicePixelRatio).toBe(1);
    // width/height on the <img> keep the ratio: no layout shift when it arrives.
    expect(
      Math.abs(shown.layoutHeight - (shown.shownWidth * item.height) / item.width),
    ).toBeLessThan(1);
  });

  it('loads a wider variant on a desktop screen (1280 px)', async () => {
    const shown = await featured(1280);
    const width = Number(/\/(\d+)\.avif$/.exec(shown.currentSrc)?.[1]);
    expect(width).toBeGreaterThan(640);
  });
});
