import { describe, expect, it } from 'vitest';
import { pictureOf } from '../app/media/picture.js';
import type { MediaItem } from '../domain/media.js';
import { renderArticleMarkdown } from './markdown.js';
import { ARTICLE_SIZES, pictureHtml } from './picture-html.js';
import { sanitizeArticleHtml } from './sanitize.js';

const item: MediaItem = {
  id: 7,
  hash: '0123456789abcdef',
  sha256: '0123456789abcdef'.repeat(4),
  format: 'jpeg',
  width: 1500,
  height: 1000,
  bytes: 1,
  animated: false,
  hasAlpha: false,
  alt: 'Library alt',
  caption: '',
  credit: '',
  originalName: 'x.jpg',
  createdAt: new Date(0),
  variantsReadyAt: null,
};
const media = new Map([[7, pictureOf(item)]]);

describe('library images in article Markdown', () => {
  it('emits markup the article sanitiser keeps exactly as written', () => {
    const html = pictureHtml(pictureOf(item), 'A bridge over the river', ARTICLE_SIZES, 'lazy');
    expect(sanitizeArticleHtml(html)).toBe(html);
  });

  it('draws ![alt](media:ID) as <picture> with AVIF, WebP and the JPEG ladder, Markdown alt first', () => {
    const html = renderArticleMarkdown('Intro.\n\n![The bridge](media:7)\n', { media });
    expect(html).toContain(
      '<source type="image/avif" srcset="/media/0123456789abcdef/320.avif 320w',
    );
    expect(html).toContain('<source type="image/webp"');
    expect(html).toContain(
      'srcset="/media/0123456789abcdef/320.jpg 320w, /media/0123456789abcdef/640.jpg 640w, /media/0123456789abcdef/960.jpg 960w, /media/0123456789abcdef/1280.jpg 1280w, /media/0123456789abcdef/1500.jpg 1500w"',
    );
    expect(html).toContain('src="/media/0123456789abcdef/960.jpg"');
    expect(html).toContain('width="1500" height="1000" alt="The bridge" loading="lazy"');
  });

  it('falls back to the library alt text, and loads only the first image eagerly when asked', () => {
    const html = renderArticleMarkdown('![](media:7)\n\n![](media:7)', {
      media,
      eagerFirstImage: true,
    });
    expect(html.match(/alt="Library alt" loading="eager"/g)).toHaveLength(1);
    expect(html.match(/alt="Library alt" loading="lazy"/g)).toHaveLength(1);
  });

  it('escapes alt text with quotes and markup', () => {
    const html = renderArticleMarkdown('![a "quoted" <b>x</b> & y](media:7)', { media });
    expect(html).not.toContain('<b>');
    expect(html).toContain('alt="a &quot;quoted&quot; &lt;b&gt;x&lt;/b&gt; &amp; y"');
  });

  it('leaves an unknown media reference without a usable source', () => {
    const html = renderArticleMarkdown('![x](media:8)', { media });
    expect(html).not.toContain('media:8');
    expect(html).not.toContain('<picture>');
  });

  it('strips script URLs and event handlers from hand-written <picture> markup', () => {
    const html = sanitizeArticleHtml(
      '<picture><source srcset="javascript:alert(1) 1x" onerror="alert(1)"><img src="x.jpg" onerror="alert(1)" srcset="javascript:alert(2) 2x" sizes="100vw" style="x"></picture>',
    );
    expect(html).not.toMatch(/javascript|onerror|style/);
  });
});
