/**
 * Moderating several discussion items at once (the admin API's bulk route): each item is moved on
 * its own, through moderateItem, so one that is missing or deleted at its source does not undo
 * the others. The outcome says, per id, what happened.
 */
import type { Author } from '../../domain/article.js';
import { failure, type Failure, type FailureCode } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import { isModerationTarget, moderateItem, type ModerateOutcome } from './moderate-item.js';

/** At most this many ids in one request. */
export const MODERATE_MANY_MAX = 500;

export interface ModerateManyRequest {
  readonly itemIds: readonly number[];
  readonly to: string;
  readonly actorUser: Pick<Author, 'id' | 'email'>;
  readonly reason?: string | null;
  readonly ip?: string | null;
}

export type ModerateManyStep =
  | { readonly id: number; readonly ok: true; readonly outcome: ModerateOutcome }
  | {
      readonly id: number;
      readonly ok: false;
      readonly code: FailureCode;
      readonly message: string;
    };

export async function moderateMany(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  req: ModerateManyRequest,
): Promise<Result<ModerateManyStep[], Failure>> {
  if (!isModerationTarget(req.to)) return err(failure('invalid_input', `unknown status ${req.to}`));
  if (req.itemIds.length === 0) return err(failure('invalid_input', 'name at least one item'));
  if (req.itemIds.length > MODERATE_MANY_MAX) {
    return err(failure('invalid_input', `at most ${MODERATE_MANY_MAX} items at once`));
  }
  const steps: ModerateManyStep[] = [];
  for (const id of new Set(req.itemIds)) {
    const r = await moderateItem(deps, {
      itemId: id,
      to: req.to,
      actor: `user:${req.actorUser.id}`,
      actorUser: req.actorUser,
      reason: req.reason ?? null,
      ip: req.ip ?? null,
    });
    steps.push(
      r.ok
        ? { id, ok: true, outcome: r.value }
        : { id, ok: false, code: r.error.code, message: r.error.message },
    );
  }
  return ok(steps);
}
