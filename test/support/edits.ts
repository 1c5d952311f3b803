/**
 * Test stand-ins for editorial use cases that emit article events: each changes the row and
 * emits the event in one unit of work, as the real use cases do (app/articles/events.ts).
 */
import type { AppDeps } from '../../src/app/deps.js';
import type { Article } from '../../src/domain/article.js';
import type { NewDiscussionItem } from '../../src/app/discussion/ports.js';
import { renderVisitorMarkdown } from '../../src/render/markdown.js';

/** Retitles a live article and emits `article.updated` with `changed: ['title']`. */
export async function retitle(deps: AppDeps, article: Article, title: string): Promise<void> {
  await deps.uow.run(async ({ repos, emit }) => {
    const now = deps.clock();
    await repos.articles.update(
      article.id,
      {
        kind: article.kind,
        slug: article.slug,
        title,
        standfirst: article.standfirst,
        bodySource: article.bodySource,
        bodyHtml: article.bodyHtml,
        excerpt: article.excerpt,
        status: article.status,
        publishedAt: article.publishedAt,
        authorId: article.authorId,
        trackbackTo: article.trackbackTo,
        unpublishAt: article.unpublishAt,
        linkbacksSend: article.linkbacksSend,
        commentsOpen: article.comments.open,
        commentsCloseAt: article.comments.closesAt,
        linkbacksOpen: article.linkbacks.open,
        linkbacksCloseAt: article.linkbacks.closesAt,
      },
      now,
    );
    await emit({
      type: 'article.updated',
      articleId: article.id,
      kind: article.kind,
      actorId: null,
      at: now,
      url: `${deps.siteUrl}/`,
      changed: ['title'],
    });
  });
}

/** A pending comment on the article, written straight to the store (as a held post would be). */
export async function heldComment(deps: AppDeps, articleId: number, text: string) {
  const item: NewDiscussionItem = {
    articleId,
    kind: 'comment',
    protocol: null,
    type: 'comment',
    status: 'pending',
    parentId: null,
    authorName: 'Reader',
    authorUrl: null,
    authorEmail: 'reader@example.org',
    authorIp: null,
    authorUserAgent: null,
    sourceUrl: null,
    sourceKey: null,
    targetUrl: null,
    title: null,
    contentHtml: renderVisitorMarkdown(text),
    contentSource: text,
    verification: 'not-required',
  };
  return deps.uow.run(({ repos }) => repos.discussion.insert(item, deps.clock()));
}
