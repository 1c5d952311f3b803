import type { FetchFailure } from './types.js';

export type RefusalDetail = Omit<FetchFailure, 'url'>;

/**
 * Carries a typed failure out of undici's connect callback, the one place where the fetcher must
 * throw (undici only accepts an Error there); the fetcher turns it back into a value.
 */
export class GuardRefusal extends Error {
  constructor(readonly detail: RefusalDetail) {
    super(detail.message);
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
