/**
 * Signing in and out. Sessions live in the database (any app node can check one); the cookie holds
 * a random token and the store only its hash. Failed attempts are counted from the audit log, per
 * account and per address, so throttling holds across processes and restarts.
 */
import { hash as argon2id, verify } from '@node-rs/argon2';
import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { can } from '../../domain/permissions.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import { audit } from './audit.js';
import type { Session } from './ports.js';
import { newToken, tokenHash } from './session-token.js';

export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
/** A session is extended at most this often, so browsing does not write on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 20,
} as const;

export const SIGN_IN_FAILED = 'auth.sign-in-failed';

export interface SignInRequest {
  readonly email: string;
  readonly password: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export interface SignedIn {
  readonly user: Author;
  /** The cookie value; never stored. */
  readonly token: string;
  readonly expiresAt: Date;
}

type AuthDeps = Pick<AppDeps, 'repos' | 'clock' | 'uow'>;

// A hash of a random password, verified when the account does not exist, so that "no such user"
// takes as long as "wrong password" and the two cannot be told apart by timing. It is a constant
// of the process, made on first use.
let decoy: Promise<string> | null = null;
const decoyHash = (): Promise<string> => (decoy ??= argon2id(newToken()));

export async function signIn(
  deps: AuthDeps,
  req: SignInRequest,
): Promise<Result<SignedIn, Failure>> {
  const now = deps.clock();
  const email = req.email.trim().toLowerCase().slice(0, 320);
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs);
  const [byAccount, byAddress] = await Promise.all([
    deps.repos.audit.countSince(SIGN_IN_FAILED, since, { subject: email }),
    req.ip ? deps.repos.audit.countSince(SIGN_IN_FAILED, since, { ip: req.ip }) : 0,
  ]);
  if (byAccount >= SIGN_IN_LIMITS.perAccount || byAddress >= SIGN_IN_LIMITS.perAddress) {
    return err(
      failure('rate_limited', 'Too many failed sign-ins; wait a few minutes and try again.', {
        retryAfterSeconds: Math.ceil(SIGN_IN_LIMITS.windowMs / 1000),
      }),
    );
  }
  const found = await deps.repos.credentials.passwordHash(email);
  const hash = found?.hash ?? (await decoyHash());
  const good =
    req.password.length > 0 &&
    req.password.length <= 1000 &&
    (await verify(hash, req.password).catch(() => false));
  if (!found || !found.hash || !good || !can(found.user.role, 'admin.enter')) {
    await audit(deps.repos.audit, now, {
      actor: email || '(empty)',
      action: SIGN_IN_FAILED,
      subject: email,
      ip: req.ip,
    });
    return err(failure('unauthenticated', 'That email and password do not match an account.'));
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await deps.uow.run(async ({ repos }) => {
    await repos.sessions.create({
      tokenHash: tokenHash(token),
      userId: found.user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: req.ip,
      userAgent: req.userAgent?.slice(0, 500) ?? null,
    });
    await audit(repos.audit, now, { actor: found.user, action: 'auth.sign-in', ip: req.ip });
  });
  return ok({ user: found.user, token, expiresAt });
}

export interface ActiveSession {
  readonly user: Author;
  readonly session: Session;
}

/** The signed-in user a session cookie names, or undefined when it is unknown or expired. */
export async function resumeSession(
  deps: Pick<AppDeps, 'repos' | 'clock'>,
  token: string | undefined,
): Promise<ActiveSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const now = deps.clock();
  const hash = tokenHash(token);
  const found = await deps.repos.sessions.find(hash);
  if (!found) return undefined;
  if (found.session.expiresAt.getTime() <= now.getTime()) {
    await deps.repos.sessions.delete(hash);
    return undefined;
  }
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await deps.repos.sessions.touch(hash, now, new Date(now.getTime() + SESSION_IDLE_MS));
  }
  return found;
}

export async function signOut(
  deps: Pick<AppDeps, 'repos' | 'clock'>,
  token: string,
  user: Author,
  ip: string | null,
): Promise<void> {
  await deps.repos.sessions.delete(tokenHash(token));
  await audit(deps.repos.audit, deps.clock(), { actor: user, action: 'auth.sign-out', ip });
}

/** Ends every session of the user, on every device. */
export async function signOutEverywhere(
  deps: Pick<AppDeps, 'repos' | 'clock'>,
  user: Author,
  ip: string | null,
): Promise<number> {
  const n = await deps.repos.sessions.deleteForUser(user.id);
  await audit(deps.repos.audit, deps.clock(), {
    actor: user,
    action: 'auth.sign-out-everywhere',
    detail: { sessions: n },
    ip,
  });
  return n;
}
