/** What scoped API tokens need from storage. */
import type { Author } from '../../domain/article.js';

/** read: GET-only; write: create and edit content; moderate: the discussion's queue. */
export const API_TOKEN_SCOPES = ['read', 'write', 'moderate'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export interface ApiToken {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly scopes: readonly ApiTokenScope[];
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  /** Recorded at most once a minute (see ApiTokensRepository.recordUse). */
  readonly lastUsedAt: Date | null;
}

export type NewApiToken = Omit<ApiToken, 'id' | 'revokedAt' | 'lastUsedAt'> & {
  readonly tokenHash: string;
};

export interface ApiTokensRepository {
  create(t: NewApiToken): Promise<ApiToken>;
  /** Every token (or the user's), newest first. */
  list(filter?: { readonly userId?: number }): Promise<ApiToken[]>;
  find(id: number): Promise<ApiToken | undefined>;
  /** The token with this hash and its user, revoked and expired ones included: the caller decides. */
  findByHash(tokenHash: string): Promise<{ token: ApiToken; user: Author } | undefined>;
  /** Marks the token revoked at `now`; false when it does not exist or was already revoked. */
  revoke(id: number, now: Date): Promise<boolean>;
  /**
   * Sets the last use to `now` when the recorded one is older than `unlessSince` (or absent), in
   * one statement; true when it did, so of concurrent uses exactly one sees true.
   */
  recordUse(id: number, now: Date, unlessSince: Date): Promise<boolean>;
}
