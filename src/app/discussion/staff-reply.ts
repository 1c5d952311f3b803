/**
 * A staff member's reply in an article's thread: a signed-in user who may moderate the discussion
 * (or who holds a byline on the article) answers an approved item. The reply is an approved
 * comment under their name; when it answers a fediverse reply, the staff-reply event is emitted
 * in the same transaction so federation can send it back (fediverse/events.ts). Nothing else is
 * federated.
 */
import { isPublic, type DiscussionItem } from '../../domain/discussion-item.js';
import { failure, type Failure } from '../../domain/failures.js';
import { can } from '../../domain/permissions.js';
import { err, ok, type Result } from '../../domain/result.js';
import { discussionPurgeKeys, enqueuePurge } from '../cache/purge.js';
import { renderComment } from '../comments/comment-content.js';
import { replyTarget } from '../comments/reply-target.js';
import type { AppDeps } from '../deps.js';
import type { StaffReplySubscriber } from '../fediverse/events.js';
import { loadSiteSettings } from '../site-settings.js';
import { targetById } from './target.js';

export interface StaffReplyDeps {
  readonly app: AppDeps;
  readonly subscribers: readonly StaffReplySubscriber[];
}

export async function replyAsStaff(
  deps: StaffReplyDeps,
  req: { readonly userId: number; readonly parentItemId: number; readonly text: string },
): Promise<Result<DiscussionItem, Failure>> {
  const { repos, clock } = deps.app;
  const user = await repos.users.findById(req.userId);
  if (!user) return err(failure('forbidden', 'only signed-in staff may reply here'));
  const parent = await repos.discussion.findById(req.parentItemId);
  if (!parent) return err(failure('not_found', `no discussion item with id ${req.parentItemId}`));
  const settings = await loadSiteSettings(repos.settings);
  const text = typeof req.text === 'string' ? req.text.trim() : '';
  if (text === '' || text.length > settings.comments.maxLength) {
    return err(
      failure('invalid_input', `a reply needs 1 to ${settings.comments.maxLength} characters`),
    );
  }
  const bylines = await repos.users.bylinesOf(parent.articleId);
  if (!can(user.role, 'discussion.moderate') && !bylines.some((b) => b.id === user.id)) {
    return err(failure('forbidden', 'only moderators and the article’s authors may reply here'));
  }
  if (!(await replyTarget(deps.app, parent.articleId, parent.id))) {
    return err(failure('invalid_input', 'only an approved comment or reply can be answered'));
  }
  const target = await targetById(deps.app, parent.articleId, settings);
  if (!target) return err(failure('not_found', 'the article is not live'));
  const content = renderComment(deps.app.markup, text);
  const now = clock();
  return ok(
    await deps.app.uow.run(async (tx) => {
      const inserted = await tx.repos.discussion.insert(
        {
          articleId: parent.articleId,
          kind: 'comment',
          protocol: null,
          type: 'comment',
          status: 'pending',
          parentId: parent.id,
          authorName: user.name,
          authorUrl: user.url,
          authorEmail: user.email,
          authorIp: null,
          authorUserAgent: null,
          sourceUrl: null,
          sourceKey: null,
          targetUrl: null,
          title: null,
          contentHtml: content.html,
          contentSource: text,
          verification: 'not-required',
          publishedAt: now,
        },
        now,
      );
      const item = await tx.repos.discussion.setStatus(
        inserted,
        'approved',
        `user:${user.id}`,
        'staff reply',
        now,
      );
      if (isPublic(item)) await enqueuePurge(tx, discussionPurgeKeys(item.articleId));
      if (parent.kind === 'fediverse' && parent.fediverse) {
        const event = {
          type: 'discussion.staff-reply-to-fediverse',
          replyItemId: item.id,
          replyHtml: item.contentHtml,
          replyUrl: `${target.url}#comment-${item.id}`,
          articleId: item.articleId,
          userId: user.id,
          parentObjectId: parent.fediverse.objectId,
          parentActorId: parent.fediverse.actorId,
          at: now,
        } as const;
        for (const s of deps.subscribers) await s(event, tx);
      }
      return item;
    }),
  );
}
