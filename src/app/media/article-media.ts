/**
 * How articles use library media: a featured image, and Markdown images that name an item as
 * `![alt text](media:ID)`. Every image needs alt text before its article is public: the
 * Markdown's own alt text, else the library item's.
 */
import type { Article } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import type { MediaItem } from '../../domain/media.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Repositories } from '../ports.js';
import { pictureOf, type PictureModel } from './picture.js';
import type { InlineUse } from './ports.js';

// `![alt](media:12)`, `![alt](<media:12>)` and `![alt](media:12 "title")`. Markdown-it renders
// the same references (render/markdown.ts); this only finds which items a body names.
const REFERENCE =
  /!\[((?:[^\]\\]|\\.)*)\]\(\s*<?media:(\d{1,12})>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;

/** The library items a Markdown body names, in order, with the alt text each use gives. */
export function mediaReferences(markdown: string): InlineUse[] {
  return [...markdown.matchAll(REFERENCE)].map((m) => ({
    mediaId: Number(m[2]),
    alt: (m[1] ?? '').replace(/\\(.)/g, '$1').trim(),
  }));
}

export interface ArticleMedia {
  readonly featured: MediaItem | null;
  readonly inline: readonly InlineUse[];
  /** For the Markdown renderer: each named item's picture (alt text from the library). */
  readonly pictures: ReadonlyMap<number, PictureModel>;
}

const ALT_HINT =
  'write it in the Markdown, ![alt text](media:ID), or set it with: newsdesk media update ID --alt TEXT';

/** Which uses lack alt text, as "media 3 (featured)" phrases; empty when all have it. */
function missingAlt(
  featured: MediaItem | null,
  inline: readonly InlineUse[],
  items: ReadonlyMap<number, MediaItem>,
): string[] {
  const missing: string[] = [];
  if (featured && !featured.alt.trim()) missing.push(`media ${featured.id} (featured image)`);
  for (const use of inline) {
    const item = items.get(use.mediaId);
    if (item && !use.alt && !item.alt.trim()) missing.push(`media ${use.mediaId} (inline)`);
  }
  return [...new Set(missing)];
}

const altRefusal = (missing: readonly string[]) =>
  failure(
    'invalid_input',
    `alt text is required before publishing: ${missing.join(', ')}; ${ALT_HINT}`,
  );

/**
 * Finds the media an article body and its featured image name. Unknown ids are refused; when
 * the article is to be public (now or at a scheduled time), so is any image without alt text.
 */
export async function resolveArticleMedia(
  repos: Pick<Repositories, 'media'>,
  markdown: string,
  featuredId: number | null | undefined,
  goingPublic: boolean,
): Promise<Result<ArticleMedia, Failure>> {
  const inline = mediaReferences(markdown);
  const ids = [...new Set([...(featuredId ? [featuredId] : []), ...inline.map((u) => u.mediaId)])];
  const items = new Map((await repos.media.findByIds(ids)).map((m) => [m.id, m]));
  const unknown = ids.filter((id) => !items.has(id));
  if (unknown.length > 0) {
    return err(failure('invalid_input', `no media with id ${unknown.join(', ')} in the library`));
  }
  const featured = featuredId ? items.get(featuredId)! : null;
  if (goingPublic) {
    const missing = missingAlt(featured, inline, items);
    if (missing.length > 0) return err(altRefusal(missing));
  }
  return ok({
    featured,
    inline,
    pictures: new Map([...items].map(([id, item]) => [id, pictureOf(item)])),
  });
}

/** Records the article's uses (in the caller's transaction), so the items cannot be deleted. */
export async function attachArticleMedia(
  repos: Pick<Repositories, 'media'>,
  articleId: number,
  media: ArticleMedia,
): Promise<void> {
  if (media.featured) await repos.media.setFeatured(articleId, media.featured.id);
  await repos.media.setInline(articleId, media.inline);
}

/** The publishing rule on an article already stored: every image it shows has alt text. */
export async function checkArticleMediaAlt(
  repos: Pick<Repositories, 'media'>,
  article: Pick<Article, 'id' | 'featuredMediaId'>,
): Promise<Result<void, Failure>> {
  const inline = await repos.media.inlineUses(article.id);
  const featuredId = article.featuredMediaId ?? null;
  const ids = [...(featuredId ? [featuredId] : []), ...inline.map((u) => u.mediaId)];
  if (ids.length === 0) return ok(undefined);
  const items = new Map((await repos.media.findByIds(ids)).map((m) => [m.id, m]));
  const missing = missingAlt(featuredId ? (items.get(featuredId) ?? null) : null, inline, items);
  return missing.length > 0 ? err(altRefusal(missing)) : ok(undefined);
}
