import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { articleUrl } from './create-article.js';
import { checkArticleMediaAlt } from '../media/article-media.js';

const payloadSchema = z.object({ articleId: z.number().int().positive() });

/**
 * The job that makes a scheduled article live. Idempotent: an article already published (or
 * rescheduled later by an editor) is left alone, so a job that runs twice publishes once.
 */
export async function publishScheduledArticle(
  deps: Pick<AppDeps, 'uow' | 'clock' | 'logger' | 'siteUrl' | 'timezone'>,
  payload: unknown,
): Promise<'published' | 'not-due' | 'nothing-to-do' | 'blocked'> {
  const { articleId } = payloadSchema.parse(payload);
  const now = deps.clock();
  return deps.uow.run(async ({ repos, enqueue, emit }) => {
    const article = await repos.articles.findById(articleId);
    if (!article || article.status !== 'scheduled' || article.deletedAt) return 'nothing-to-do';
    if (article.publishedAt && article.publishedAt.getTime() > now.getTime()) {
      await enqueue({
        task: 'publish-article',
        payload: { articleId },
        runAt: article.publishedAt,
        dedupeKey: `publish-article:${articleId}:${article.publishedAt.toISOString()}`,
      });
      return 'not-due';
    }
    // Every image a public article shows has alt text (app/media/article-media.ts).
    const alt = await checkArticleMediaAlt(repos, article);
    if (!alt.ok) {
      deps.logger.warn({ articleId, reason: alt.error.message }, 'scheduled article not published');
      return 'blocked';
    }
    const published = await repos.articles.markPublished(articleId, now);
    if (!published) return 'nothing-to-do';
    await emit({
      type: 'article.published',
      articleId,
      kind: published.kind,
      actorId: null,
      at: now,
      url: articleUrl(deps, published),
    });
    deps.logger.info({ articleId }, 'scheduled article published');
    return 'published';
  });
}
