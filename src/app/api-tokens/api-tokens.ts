/**
 * Scoped API tokens: created for a user with scopes and an expiry, shown once, kept only as a
 * SHA-256 hash (right for 256 random bits: nothing to guess, so no slow hash is needed), revocable.
 * Creation, revocation and use land in the audit log, use at most once a minute per token.
 */
import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { audit } from '../auth/audit.js';
import { tokenHash } from '../auth/session-token.js';
import type { AppDeps } from '../deps.js';
import { API_TOKEN_SCOPES, type ApiToken, type ApiTokenScope } from './ports.js';
import { scopesFor } from './scope-roles.js';
import { looksLikeApiToken, newApiToken } from './token-format.js';

const DAY_MS = 86_400_000;
export const DEFAULT_EXPIRES_DAYS = 90;
export const MAX_EXPIRES_DAYS = 3650;
/** A token's use is audited (and its last use recorded) at most once per this interval. */
export const USE_AUDIT_INTERVAL_MS = 60_000;

export interface CreateApiTokenInput {
  readonly userEmail: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly expiresDays?: number;
}

/** Who did it: a signed-in user, or `cli`. */
export type Actor = Pick<Author, 'id' | 'email'> | string;

/** Validates the parts of a new token that need no storage. */
export function parseTokenRequest(
  input: Omit<CreateApiTokenInput, 'userEmail'>,
): Result<{ name: string; scopes: ApiTokenScope[]; expiresDays: number }, Failure> {
  const name = input.name.trim();
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (name.length < 1 || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) {
    const message = 'the name must be 1 to 100 printable characters';
    return err(failure('invalid_input', message, { fields: { name: message } }));
  }
  const scopes: ApiTokenScope[] = [];
  for (const s of input.scopes) {
    if (!(API_TOKEN_SCOPES as readonly string[]).includes(s)) {
      const message = `unknown scope ${JSON.stringify(s.slice(0, 40))}; scopes are ${API_TOKEN_SCOPES.join(', ')}`;
      return err(failure('invalid_input', message, { fields: { scopes: message } }));
    }
    if (!scopes.includes(s as ApiTokenScope)) scopes.push(s as ApiTokenScope);
  }
  if (scopes.length === 0) {
    const message = `give at least one scope: ${API_TOKEN_SCOPES.join(', ')}`;
    return err(failure('invalid_input', message, { fields: { scopes: message } }));
  }
  const days = input.expiresDays ?? DEFAULT_EXPIRES_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_DAYS) {
    const message = `the expiry must be 1 to ${MAX_EXPIRES_DAYS} days`;
    return err(failure('invalid_input', message, { fields: { expiresDays: message } }));
  }
  return ok({
    name,
    scopes: API_TOKEN_SCOPES.filter((s) => scopes.includes(s)),
    expiresDays: days,
  });
}

/** Creates a token; the secret is in the result and nowhere else, ever. */
export async function createApiToken(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  actor: Actor,
  input: CreateApiTokenInput,
): Promise<Result<{ token: ApiToken; secret: string }, Failure>> {
  const parsed = parseTokenRequest(input);
  if (!parsed.ok) return parsed;
  const { name, scopes, expiresDays } = parsed.value;
  return deps.uow.run(async (tx) => {
    const user = await tx.repos.users.findByEmail(input.userEmail);
    if (!user) return err(failure('invalid_input', `no user with email ${input.userEmail}`));
    const beyond = scopes.filter((s) => !scopesFor(user.role).includes(s));
    if (beyond.length > 0) {
      return err(
        failure('forbidden', `a ${user.role}'s token may not have the ${beyond.join(', ')} scope`, {
          fields: { scopes: `a ${user.role} may have only: ${scopesFor(user.role).join(', ')}` },
        }),
      );
    }
    const now = deps.clock();
    const secret = newApiToken();
    const token = await tx.repos.apiTokens.create({
      userId: user.id,
      name,
      scopes,
      tokenHash: tokenHash(secret),
      createdAt: now,
      expiresAt: new Date(now.getTime() + expiresDays * DAY_MS),
    });
    await audit(tx.repos.audit, now, {
      actor,
      action: 'api-token.create',
      subject: `api-token:${token.id}`,
      detail: { userId: user.id, name, scopes, expiresAt: token.expiresAt.toISOString() },
    });
    return ok({ token, secret });
  });
}

/** Every token, newest first (never the secrets: the store has none). */
export function listApiTokens(
  deps: Pick<AppDeps, 'repos'>,
  filter: { readonly userId?: number } = {},
): Promise<ApiToken[]> {
  return deps.repos.apiTokens.list(filter);
}

/** Revokes a token at once; its next use is refused. */
export async function revokeApiToken(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  actor: Actor,
  id: number,
): Promise<Result<ApiToken, Failure>> {
  return deps.uow.run(async (tx) => {
    const token = await tx.repos.apiTokens.find(id);
    if (!token) return err(failure('not_found', `no API token ${id}`));
    const now = deps.clock();
    if (!(await tx.repos.apiTokens.revoke(id, now))) {
      return err(failure('conflict', `API token ${id} is already revoked`));
    }
    await audit(tx.repos.audit, now, {
      actor,
      action: 'api-token.revoke',
      subject: `api-token:${id}`,
      detail: { userId: token.userId, name: token.name },
    });
    return ok({ ...token, revokedAt: now });
  });
}

/** Why a bearer token was refused (all of them become 401 on the web). */
export type ApiTokenRefusal = { readonly reason: 'unknown' | 'expired' | 'revoked' };

export interface ApiPrincipal {
  readonly user: Author;
  readonly token: ApiToken;
  readonly scopes: readonly ApiTokenScope[];
}

/** The user and scopes a bearer token stands for, or why it is refused. Records the use. */
export async function authenticateApiToken(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  bearer: string,
  context: { readonly ip?: string | null } = {},
): Promise<Result<ApiPrincipal, ApiTokenRefusal>> {
  if (!looksLikeApiToken(bearer)) return err({ reason: 'unknown' });
  const hash = tokenHash(bearer);
  return deps.uow.run(async (tx) => {
    const found = await tx.repos.apiTokens.findByHash(hash);
    if (!found) return err({ reason: 'unknown' as const });
    const { token, user } = found;
    const now = deps.clock();
    if (token.revokedAt) return err({ reason: 'revoked' as const });
    if (token.expiresAt.getTime() <= now.getTime()) return err({ reason: 'expired' as const });
    const since = new Date(now.getTime() - USE_AUDIT_INTERVAL_MS);
    const recorded = await tx.repos.apiTokens.recordUse(token.id, now, since);
    if (recorded) {
      await audit(tx.repos.audit, now, {
        actor: user,
        action: 'api-token.use',
        subject: `api-token:${token.id}`,
        ip: context.ip ?? null,
      });
    }
    const used = recorded ? { ...token, lastUsedAt: now } : token;
    return ok({ user, token: used, scopes: token.scopes });
  });
}
