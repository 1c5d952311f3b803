import type { ArticleEvent, ArticleEventSubscriber } from '../app/articles/events.js';

/** The job that sends an article's Create, Update or Delete to the site actor's followers. */
export const FEDIVERSE_PUBLISH_TASK = 'fediverse.publish';

export type PublishKind = 'create' | 'update' | 'delete';

/** Which activity an editorial event federates as, if any. */
export function activityFor(event: ArticleEvent): PublishKind | null {
  switch (event.type) {
    case 'article.published':
      return 'create';
    case 'article.updated':
      return 'update';
    case 'article.unpublished':
    case 'article.deleted':
      return 'delete';
    case 'article.restored':
      return event.from === 'trash' ? 'create' : 'update';
  }
}

/**
 * Queues the federation of an article change in the change's own transaction: the editor's save
 * only writes a job row; the job, on a worker, builds the activity and fans it out. A dead or
 * slow follower can therefore never slow or break the save.
 */
export const fediversePublishSubscriber: ArticleEventSubscriber = async (event, tx) => {
  const kind = activityFor(event);
  if (kind === null) return;
  await tx.enqueue({
    task: FEDIVERSE_PUBLISH_TASK,
    payload: { articleId: event.articleId, kind },
    maxAttempts: 5,
  });
};

/** The payload of a publish job, validated. */
export function publishPayload(payload: unknown): { articleId: number; kind: PublishKind } {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
    string,
    unknown
  >;
  const { articleId, kind } = p;
  if (
    typeof articleId !== 'number' ||
    !Number.isSafeInteger(articleId) ||
    (kind !== 'create' && kind !== 'update' && kind !== 'delete')
  ) {
    throw new TypeError('fediverse.publish: payload needs an articleId and a kind');
  }
  return { articleId, kind };
}
