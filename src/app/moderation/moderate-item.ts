import {
  MODERATION_STATUSES,
  type DiscussionItem,
  type ModerationStatus,
} from '../../domain/discussion-item.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';

export type ModerationTarget = (typeof MODERATION_STATUSES)[number];

export interface ModerateRequest {
  readonly itemId: number;
  readonly to: ModerationTarget;
  /** Who did it: `cli:<user>`, `user:<id>`, `rules`, `akismet`… */
  readonly actor: string;
  readonly reason?: string | null;
}

export interface ModerateOutcome {
  readonly item: DiscussionItem;
  readonly from: ModerationStatus;
  /** False when the item already had the status (nothing written, nothing recorded). */
  readonly changed: boolean;
}

export function isModerationTarget(value: string): value is ModerationTarget {
  return (MODERATION_STATUSES as readonly string[]).includes(value);
}

/**
 * Moves any discussion item (comment or linkback) to pending, approved, spam or trash and records
 * who, when, from what and why, in one transaction.
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
  return deps.uow.run(async ({ repos }) => {
    const item = await repos.discussion.findById(req.itemId);
    if (!item) return err(failure('not_found', `no discussion item with id ${req.itemId}`));
    if (item.status === 'deleted') {
      return err(failure('gone', `discussion item ${req.itemId} was deleted at its source`));
    }
    if (item.status === req.to) return ok({ item, from: item.status, changed: false });
    const updated = await repos.discussion.setStatus(
      item,
      req.to,
      actor,
      req.reason?.slice(0, 2000) || null,
      deps.clock(),
    );
    return ok({ item: updated, from: item.status, changed: true });
  });
}
