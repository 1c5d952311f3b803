/**
 * Pingback 1.0 server (Pingback 1.0 §3). Decisions 3 and 4 in docs/conformance.md: real fault codes, no
 * WordPress masking — except that a source we refuse to fetch (private address, odd scheme) is
 * fault 0 with one fixed message, so the endpoint cannot map an internal network.
 *
 * Sync vs async: the cheap checks (33, 32, 0, 49, 48) run synchronously; then the row and a
 * delayed safety-net job are committed together, and the source is verified inline with a 3 s
 * fetch cap inside a 4 s answer budget, so 16/17/50 reach the sender. If the budget runs out
 * anyway (a slow database), the answer is a "queued" success and the verification finishes in
 * the background or, after a crash, in the job.
 */
import { PINGBACK_FAULT, readPingbackCall } from '../../linkback/index.js';
import type { PingbackFaultCode } from '../../linkback/index.js';
import { ownArticleId, targetByUrl } from '../discussion/target.js';
import type { ReceiverDeps } from './deps.js';
import { registerLinkback } from './register-linkback.js';
import { verifyLinkback, type VerifyOutcome } from './verify-linkback.js';

export type PingbackAnswer =
  | { readonly ok: true; readonly message: string }
  | {
      readonly ok: false;
      readonly faultCode: PingbackFaultCode;
      readonly message: string;
      /** A DOCTYPE/ENTITY body: refused at the HTTP level (400) rather than as a fault. */
      readonly forbiddenDtd?: boolean;
    };

export interface PingbackInput {
  readonly body: string;
  readonly clientIp: string | null;
  readonly userAgent: string | null;
}

export const PINGBACK_ANSWER_BUDGET_MS = 4_000;
export const PINGBACK_INLINE_FETCH_MS = 3_000;
/** When the safety-net job looks at a row the inline verification should have settled. */
const SAFETY_NET_DELAY_MS = 60_000;

const fault = (faultCode: PingbackFaultCode, message: string): PingbackAnswer => ({
  ok: false,
  faultCode,
  message,
});

export async function receivePingback(
  deps: ReceiverDeps,
  input: PingbackInput,
): Promise<PingbackAnswer> {
  const call = readPingbackCall(input.body);
  if (!call.ok) {
    const e = call.error;
    return {
      ...fault(e.faultCode, e.message),
      ...(e.reason === 'forbidden_dtd' ? { forbiddenDtd: true } : {}),
    };
  }
  const source = new URL(call.value.source);
  const target = new URL(call.value.target);

  const resolved = await targetByUrl(deps, target);
  switch (resolved.kind) {
    case 'foreign':
      return fault(PINGBACK_FAULT.targetNotUsable, 'The target is not on this site.');
    case 'not-supported':
      return fault(PINGBACK_FAULT.targetNotUsable, 'Only article pages accept pingbacks.');
    case 'not-found':
    case 'gone':
      return fault(PINGBACK_FAULT.targetNotFound, 'The target does not exist.');
    case 'article':
      break;
  }
  const { article, state, settings } = resolved.target;
  if ((await ownArticleId(deps, source)) === article.id) {
    return fault(PINGBACK_FAULT.generic, 'The source and the target are the same article.');
  }
  const registered = await registerLinkback(deps, {
    protocol: 'pingback',
    article,
    linkbacksOpen: state.linkbacks.open,
    settings: settings.linkbacks,
    source,
    target,
    clientIp: input.clientIp,
    userAgent: input.userAgent,
    verifyMode: 'if-pending',
    jobDelayMs: SAFETY_NET_DELAY_MS,
  });
  switch (registered.kind) {
    case 'closed':
      return fault(PINGBACK_FAULT.targetNotUsable, 'Pingbacks are closed for this article.');
    case 'blocked':
      return fault(PINGBACK_FAULT.accessDenied, 'Access denied.');
    case 'duplicate':
      return fault(PINGBACK_FAULT.alreadyRegistered, 'The pingback has already been registered.');
    default:
      break;
  }

  const inline = verifyLinkback(deps, registered.itemId, 'if-pending', {
    final: true,
    fetchAuthorPage: false,
    signal: AbortSignal.timeout(PINGBACK_INLINE_FETCH_MS),
  }).catch((error: unknown) => {
    deps.logger.error({ err: error, itemId: registered.itemId }, 'inline pingback verification');
    return null;
  });
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<'budget'>((resolve) => {
    timer = setTimeout(() => resolve('budget'), PINGBACK_ANSWER_BUDGET_MS);
  });
  const first = await Promise.race([inline, budget]);
  clearTimeout(timer);
  if (first === 'budget' || first === null) {
    return { ok: true, message: `Pingback from ${source.href} queued for verification.` };
  }
  return answerFor(first, source);
}

function answerFor(outcome: VerifyOutcome, source: URL): PingbackAnswer {
  const check = outcome.check;
  if (check === undefined) {
    return { ok: true, message: `Pingback from ${source.href} registered.` };
  }
  switch (check.kind) {
    case 'linked':
      return {
        ok: true,
        message: `Pingback from ${source.href} registered; it will appear once approved.`,
      };
    case 'gone':
      return fault(PINGBACK_FAULT.sourceNotFound, 'The source URL is gone.');
    case 'no-link':
      return fault(PINGBACK_FAULT.noLinkToTarget, 'The source does not link to the target.');
    case 'unavailable':
      return check.missing
        ? fault(PINGBACK_FAULT.sourceNotFound, 'The source URL does not exist.')
        : fault(PINGBACK_FAULT.upstreamError, 'Could not fetch the source; try again later.');
    case 'refused':
      return check.reason === 'too_many_redirects'
        ? fault(PINGBACK_FAULT.sourceNotFound, 'The source URL redirects too many times.')
        : fault(PINGBACK_FAULT.generic, 'The source URL cannot be used.');
  }
}
