import type { MarkdownIt } from 'markdown-it';
import type { ArticleMarkupOptions } from '../app/ports.js';
import { ARTICLE_SIZES, pictureHtml } from './picture-html.js';

/** What renderArticleMarkdown passes as markdown-it's env. */
export interface MediaEnv {
  media?: ArticleMarkupOptions;
  imageCount?: number;
}

const MEDIA_SRC = /^media:(\d{1,12})$/;

/**
 * Markdown images that name a library item, `![alt](media:12)`, become `<picture>` with every
 * variant; the Markdown's alt text wins over the library's. Images load lazily except the first
 * when the caller says nothing above the body is an image. Other images render as before.
 */
export function useMediaImages(md: MarkdownIt): void {
  const fallback = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, rawEnv, self) => {
    const env = (rawEnv ?? {}) as MediaEnv;
    const token = tokens[idx]!;
    const match = MEDIA_SRC.exec(String(token.attrGet('src') ?? ''));
    const picture = match ? env.media?.media?.get(Number(match[1] ?? '')) : undefined;
    if (!picture) return fallback(tokens, idx, options, rawEnv, self);
    const n = (env.imageCount ?? 0) + 1;
    env.imageCount = n;
    const alt =
      self.renderInlineAsText(token.children ?? [], options, rawEnv).trim() || picture.alt;
    const loading = n === 1 && env.media?.eagerFirstImage ? 'eager' : 'lazy';
    return pictureHtml(picture, alt, ARTICLE_SIZES, loading);
  };
}
