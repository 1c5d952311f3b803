import type { DiscussionItem } from '../../domain/discussion-item.js';
import type { AppDeps } from '../deps.js';

/** What a reply may answer: an approved comment or fediverse reply on the same article, or null. */
export async function replyTarget(
  deps: Pick<AppDeps, 'repos'>,
  articleId: number,
  commentId: number,
): Promise<DiscussionItem | null> {
  const parent = await deps.repos.discussion.findById(commentId);
  return parent &&
    parent.articleId === articleId &&
    (parent.kind === 'comment' || parent.kind === 'fediverse') &&
    parent.status === 'approved'
    ? parent
    : null;
}
