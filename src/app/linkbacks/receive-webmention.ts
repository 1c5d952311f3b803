/**
 * Webmention receiver, synchronous part (W3C Webmention §3.2.1): validate, map
 * the target to one of our articles with linkbacks open, then, in one transaction, take the
 * pair's repeat window in the store (shared by every app process), store a pending row and queue
 * its verification. A request refused or failing after the window was taken rolls it back with
 * the rest, so only an accepted request uses it up. The answer is 201 with a status URL.
 */
import { err, ok, type Result } from '../../domain/result.js';
import { normalizeSourceUrl, validateWebmentionRequest } from '../../linkback/index.js';
import { ownArticleId, targetByUrl } from '../discussion/target.js';
import type { Repositories, UnitOfWork } from '../ports.js';
import { PAIR_THROTTLE_MS, type ReceiverDeps } from './deps.js';
import { registerLinkback } from './register-linkback.js';
import { statusToken } from './status-token.js';

/**
 * The refusals a sender can get, in webmention.io's vocabulary (the spec leaves the error body
 * to the receiver, W3C Webmention §3.2.3), plus ours for throttling. The README's table lists
 * them; a test keeps the two in step.
 */
export const WEBMENTION_ERROR_CODES = [
  'invalid_content_type',
  'invalid_request',
  'invalid_source',
  'invalid_target',
  'same_source_target',
  'target_not_found',
  'target_not_supported',
  'rate_limited',
] as const;
export type WebmentionErrorCode = (typeof WEBMENTION_ERROR_CODES)[number];

export interface WebmentionError {
  readonly code: WebmentionErrorCode;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

export interface WebmentionAccepted {
  readonly itemId: number;
  /** Path of the status page (`/webmention/status/<token>`). */
  readonly statusPath: string;
}

export interface WebmentionInput {
  readonly form: { readonly source?: string; readonly target?: string };
  readonly contentType: string | undefined;
  readonly clientIp: string | null;
  readonly userAgent: string | null;
}

const fail = (code: WebmentionErrorCode, message: string, retryAfterSeconds?: number) =>
  err<WebmentionError>({ code, message, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });

export async function receiveWebmention(
  deps: ReceiverDeps,
  input: WebmentionInput,
): Promise<Result<WebmentionAccepted, WebmentionError>> {
  const request = validateWebmentionRequest(input.form, input.contentType);
  if (!request.ok) return fail(request.error.code, request.error.message);
  const { source, target } = request.value;

  const resolved = await targetByUrl(deps, target);
  switch (resolved.kind) {
    case 'foreign':
      return fail('invalid_target', 'The target is not on this site.');
    case 'not-supported':
      return fail('target_not_supported', 'Only article pages accept webmentions.');
    case 'not-found':
    case 'gone':
      return fail('target_not_found', 'The target does not name one of our articles.');
    case 'article':
      break;
  }
  const { article, state, settings } = resolved.target;
  if ((await ownArticleId(deps, source)) === article.id) {
    return fail('same_source_target', 'The source and the target are the same article.');
  }

  const pair = `webmention ${normalizeSourceUrl(source.href)} ${article.id}`;
  const now = deps.clock();
  let accepted: Accepted;
  try {
    accepted = await deps.uow.run(async (tx) => {
      const decision = await tx.repos.pairThrottle.take(pair, PAIR_THROTTLE_MS, now);
      if (!decision.allowed) throw new Refusal({ throttled: decision.retryAfterSeconds });
      // Registration joins this transaction: the row, its job and the pair's window commit together.
      const joined: UnitOfWork<Repositories> = { run: (work) => work(tx) };
      const outcome = await registerLinkback(
        { ...deps, repos: tx.repos, uow: joined },
        {
          protocol: 'webmention',
          article,
          linkbacksOpen: state.linkbacks.open,
          settings: settings.linkbacks,
          source,
          target,
          clientIp: input.clientIp,
          userAgent: input.userAgent,
          verifyMode: 'always',
        },
      );
      if (outcome.kind === 'closed') throw new Refusal('closed');
      // A blocked source is answered like any other (its row is spam, never fetched or shown).
      return { itemId: outcome.itemId, token: await statusToken(tx, outcome.itemId) };
    });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    if (error.why === 'closed') {
      return fail('target_not_supported', 'This article does not accept webmentions any more.');
    }
    return fail(
      'rate_limited',
      'This source was just sent for this target; try again later.',
      error.why.throttled,
    );
  }
  await deps.repos.pairThrottle.sweep(now).catch((error: unknown) => {
    deps.logger.warn({ err: error }, 'could not sweep ended pair-throttle windows');
  });
  return ok({ itemId: accepted.itemId, statusPath: `/webmention/status/${accepted.token}` });
}

interface Accepted {
  readonly itemId: number;
  readonly token: string;
}

/** Thrown inside the transaction to roll it back (the pair's window included) and refuse. */
class Refusal extends Error {
  constructor(readonly why: 'closed' | { readonly throttled: number }) {
    super('webmention refused');
  }
}
