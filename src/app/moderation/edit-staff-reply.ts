/**
 * A staff member corrects an answer they gave in an article's thread (replyAsStaff wrote it): the
 * answer's text is replaced, whatever its status, by its author or by anyone who may moderate the
 * discussion. Only staff answers can be edited here; what visitors and remote servers wrote is
 * theirs. The change is audited, the article's edge copies are purged when the answer is shown,
 * and `discussion.edited` is emitted in the same transaction (federation sends an Update when the
 * answer went to the fediverse).
 */
import { isPublic, type DiscussionItem } from '../../domain/discussion-item.js';
import { failure, type Failure } from '../../domain/failures.js';
import { can } from '../../domain/permissions.js';
import { err, ok, type Result } from '../../domain/result.js';
import { audit } from '../auth/audit.js';
import { discussionPurgeKeys, enqueuePurge } from '../cache/purge.js';
import { renderComment } from '../comments/comment-content.js';
import type { AppDeps } from '../deps.js';
import { staffAuthorOf } from '../fediverse/staff-reply-source.js';
import { loadSiteSettings } from '../site-settings.js';

export interface EditStaffReplyRequest {
  /** The signed-in user editing. */
  readonly userId: number;
  readonly itemId: number;
  /** The new text, as typed (Markdown, as for the answer itself). */
  readonly text: string;
  readonly ip?: string | null;
}

export async function editStaffReply(
  deps: AppDeps,
  req: EditStaffReplyRequest,
): Promise<Result<DiscussionItem, Failure>> {
  const { repos } = deps;
  const user = await repos.users.findById(req.userId);
  if (!user) return err(failure('forbidden', 'only signed-in staff may edit an answer'));
  const item = await repos.discussion.findById(req.itemId);
  if (!item) return err(failure('not_found', `no discussion item with id ${req.itemId}`));
  const writer = await staffAuthorOf(repos, item);
  if (writer === null) {
    return err(failure('invalid_input', 'only a staff answer can be edited'));
  }
  if (writer !== user.id && !can(user.role, 'discussion.moderate')) {
    return err(failure('forbidden', 'only its author or a moderator may edit this answer'));
  }
  const settings = await loadSiteSettings(repos.settings);
  const text = typeof req.text === 'string' ? req.text.trim() : '';
  if (text === '' || text.length > settings.comments.maxLength) {
    return err(
      failure('invalid_input', `an answer needs 1 to ${settings.comments.maxLength} characters`),
    );
  }
  const content = renderComment(deps.markup, text);
  // The same text again changes nothing and sends nothing.
  if (String(content.html) === String(item.contentHtml)) return ok(item);
  const now = deps.clock();
  return ok(
    await deps.uow.run(async (tx) => {
      const edited = await tx.repos.discussion.replaceText(
        item.id,
        { contentHtml: content.html, contentSource: text },
        now,
      );
      await audit(tx.repos.audit, now, {
        actor: user,
        action: 'discussion.edit',
        subject: `item:${item.id}`,
        detail: { articleId: item.articleId, status: edited.status },
        ip: req.ip ?? null,
      });
      if (isPublic(edited)) await enqueuePurge(tx, discussionPurgeKeys(edited.articleId));
      await tx.emitDiscussion({ type: 'discussion.edited', item: edited, at: now });
      return edited;
    }),
  );
}
