import {
  isPublic,
  MODERATION_STATUSES,
  type DiscussionItem,
  type ModerationStatus,
} from '../../domain/discussion-item.js';
import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { audit } from '../auth/audit.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import { discussionPurgeKeys, enqueuePurge } from '../cache/purge.js';

export type ModerationTarget = (typeof MODERATION_STATUSES)[number];

export interface ModerateRequest {
  readonly itemId: number;
  readonly to: ModerationTarget;
  /** Who did it: `cli:<user>`, `user:<id>`, `rules`, `akismet`… */
  readonly actor: string;
  readonly reason?: string | null;
  /** The signed-in user, when a person (not a rule or a command) decided; named in the audit log. */
  readonly actorUser?: Pick<Author, 'id' | 'email'>;
  readonly ip?: string | null;
}

export interface ModerateOutcome {
  readonly item: DiscussionItem;
  readonly from: ModerationStatus;
  /** False when the item already had the status (nothing written, nothing recorded). */
  readonly changed: boolean;
  /**
   * Set when the item is approved but stays hidden because its source has not verified: `pending`
   * (verification is still to run or to retry) or `rejected` (it failed; only a resend that
   * verifies shows it). Null when the approval shows the item, or the target is not approval.
   */
  readonly awaitingVerification: UnverifiedState | null;
}

export type UnverifiedState = 'pending' | 'rejected';

/** Why an approved item is still not shown, or null when nothing but moderation holds it back. */
export function awaitingVerification(
  item: Pick<DiscussionItem, 'status' | 'verification'>,
): UnverifiedState | null {
  if (item.status !== 'approved' || isPublic(item)) return null;
  return item.verification === 'rejected' ? 'rejected' : 'pending';
}

export function isModerationTarget(value: string): value is ModerationTarget {
  return (MODERATION_STATUSES as readonly string[]).includes(value);
}

/**
 * Moves any discussion item (comment or linkback) to pending, approved, spam or trash and records
 * who, when, from what and why, in one transaction. Approval is recorded whatever the item's
 * verification: a moderator may approve a linkback before its source has verified, and the outcome
 * says when the item will nevertheless stay hidden (`awaitingVerification`). An item approved emits
 * `discussion.approved`; a public item taken off the page emits `discussion.withdrawn`.
 */
export async function moderateItem(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  req: ModerateRequest,
): Promise<Result<ModerateOutcome, Failure>> {
  if (!isModerationTarget(req.to)) {
    return err(failure('invalid_input', `status must be one of ${MODERATION_STATUSES.join(', ')}`));
  }
  const actor = req.actor.trim().slice(0, 200);
  if (!actor) return err(failure('invalid_input', 'an actor is required'));
  return deps.uow.run(async ({ repos, enqueue, emitDiscussion }) => {
    const item = await repos.discussion.findById(req.itemId);
    if (!item) return err(failure('not_found', `no discussion item with id ${req.itemId}`));
    if (item.status === 'deleted') {
      return err(failure('gone', `discussion item ${req.itemId} was deleted at its source`));
    }
    if (item.status === req.to) {
      return ok({
        item,
        from: item.status,
        changed: false,
        awaitingVerification: awaitingVerification(item),
      });
    }
    const now = deps.clock();
    const updated = await repos.discussion.setStatus(
      item,
      req.to,
      actor,
      req.reason?.slice(0, 2000) || null,
      now,
    );
    await audit(repos.audit, now, {
      actor: req.actorUser ?? actor,
      action: 'discussion.moderate',
      subject: `item:${item.id}`,
      detail: { from: item.status, to: req.to, kind: item.kind, articleId: item.articleId },
      ip: req.ip ?? null,
    });
    // Shown or hidden by this change: the edge's copies of its article are outdated.
    if (isPublic(item) !== isPublic(updated)) {
      await enqueuePurge({ enqueue }, discussionPurgeKeys(item.articleId));
    }
    if (updated.status === 'approved') {
      await emitDiscussion({ type: 'discussion.approved', item: updated, at: now });
    }
    if (isPublic(item) && !isPublic(updated)) {
      await emitDiscussion({ type: 'discussion.withdrawn', item: updated, at: now });
    }
    return ok({
      item: updated,
      from: item.status,
      changed: true,
      awaitingVerification: awaitingVerification(updated),
    });
  });
}
