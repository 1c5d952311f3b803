import {
  UNREACHABLE_MESSAGE,
  type FetchFailure,
  type FetchFailureCode,
  type UnreachableCause,
  type UnreachableEvent,
} from './types.js';

/**
 * What a check found, in full. `unreachable` refusals carry their cause and detail here and
 * nowhere else: `toFetchFailure` hands those to the operator's hook and gives the caller only
 * the one fixed message.
 */
export type Refusal =
  | {
      readonly code: Exclude<FetchFailureCode, 'unreachable'>;
      readonly message: string;
    }
  | {
      readonly code: 'unreachable';
      readonly cause: UnreachableCause;
      readonly detail: string;
      readonly address?: string;
    };

export function unreachable(cause: UnreachableCause, detail: string, address?: string): Refusal {
  return address === undefined
    ? { code: 'unreachable', cause, detail }
    : { code: 'unreachable', cause, detail, address };
}

/** The caller's view of a refusal; an `unreachable` one is reported to `onUnreachable` first. */
export function toFetchFailure(
  refusal: Refusal,
  url: string,
  onUnreachable: ((event: UnreachableEvent) => void) | undefined,
): FetchFailure {
  if (refusal.code !== 'unreachable') return { code: refusal.code, message: refusal.message, url };
  const { cause, detail, address } = refusal;
  try {
    onUnreachable?.(
      address === undefined ? { url, cause, detail } : { url, cause, detail, address },
    );
  } catch {
    // A failing log hook must not turn a refusal into something else.
  }
  return { code: 'unreachable', message: UNREACHABLE_MESSAGE, url };
}

/**
 * Carries a refusal out of undici's connect callback, the one place where the fetcher must
 * throw (undici only accepts an Error there); the fetcher turns it back into a value.
 */
export class GuardRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.code === 'unreachable' ? refusal.detail : refusal.message);
    this.name = 'GuardRefusal';
  }
}

/** Finds a GuardRefusal in an error or its `cause` chain (undici may wrap connect errors). */
export function findRefusal(error: unknown): GuardRefusal | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof GuardRefusal) return current;
    current = current.cause;
  }
  return null;
}
