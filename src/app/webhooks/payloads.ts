/**
 * What a webhook delivery says: a JSON object with the delivery id, the event, when it happened,
 * and the entity it concerns. Discussion items carry no e-mail address, IP or user agent: a hook
 * is an integration, not a moderator.
 */
import type { DiscussionItem } from '../../domain/discussion-item.js';
import type { Article } from '../../domain/article.js';
import type { ArticleEvent } from '../articles/events.js';
import type { DiscussionEvent } from '../discussion/events.js';
import type { WebhookEvent } from './ports.js';

export interface WebhookBody {
  readonly id: string;
  readonly event: WebhookEvent;
  readonly createdAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export function articleData(
  event: ArticleEvent,
  article: Article | undefined,
): Record<string, unknown> {
  return {
    article: {
      id: event.articleId,
      kind: event.kind,
      url: event.url,
      ...(article
        ? {
            slug: article.slug,
            title: article.title,
            status: article.status,
            publishedAt: article.publishedAt?.toISOString() ?? null,
            updatedAt: article.updatedAt.toISOString(),
          }
        : {}),
    },
    actorId: event.actorId,
    ...(event.changed ? { changed: event.changed } : {}),
    ...(event.silent === undefined ? {} : { silent: event.silent }),
  };
}

export function discussionData(
  event: DiscussionEvent,
  articleUrl: string | null,
): Record<string, unknown> {
  const item: DiscussionItem = event.item;
  return {
    item: {
      id: item.id,
      kind: item.kind,
      type: item.type,
      protocol: item.protocol,
      status: item.status,
      parentId: item.parentId,
      authorName: item.authorName,
      authorUrl: item.authorUrl,
      sourceUrl: item.sourceUrl,
      title: item.title,
      contentHtml: String(item.contentHtml),
      createdAt: item.createdAt.toISOString(),
    },
    article: { id: item.articleId, url: articleUrl },
  };
}

/** The exact bytes sent: serialised once, stored, and signed as stored. */
export const serializeBody = (body: WebhookBody): string => JSON.stringify(body);
