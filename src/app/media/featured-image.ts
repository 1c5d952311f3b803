import { isLive, type Article } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';

/**
 * Sets (or with null removes) an article's featured image. An article that is public, or will
 * be at its scheduled time, only takes an image with alt text.
 */
export async function setFeaturedImage(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  articleId: number,
  mediaId: number | null,
): Promise<Result<Article, Failure>> {
  return deps.uow.run(async ({ repos }) => {
    const article = await repos.articles.findById(articleId);
    if (!article || article.deletedAt) {
      return err(failure('not_found', `no article with id ${articleId}`));
    }
    if (mediaId !== null) {
      const item = await repos.media.findById(mediaId);
      if (!item) return err(failure('invalid_input', `no media with id ${mediaId} in the library`));
      const goingPublic = isLive(article, deps.clock()) || article.status === 'scheduled';
      if (goingPublic && !item.alt.trim()) {
        return err(
          failure(
            'invalid_input',
            `alt text is required before publishing: media ${mediaId} has none; set it with: newsdesk media update ${mediaId} --alt TEXT`,
          ),
        );
      }
    }
    await repos.media.setFeatured(articleId, mediaId);
    return ok({ ...article, featuredMediaId: mediaId });
  });
}
