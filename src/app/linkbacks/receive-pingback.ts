/**
 * Pingback 1.0 server (Pingback 1.0 §3). Decisions 3 and 4 in docs/conformance.md: real fault codes, no
 * WordPress masking — except that a source we refuse to fetch (odd scheme, user info) is fault 0
 * with one fixed message.
 *
 * Answer first, verify in the queue: the cheap checks (-32700, -32601, -32602, 33, 32, 0, 49, 48)
 * run in the request; then the row and its verification job are committed together and the
 * answer is the success string below, before any fetch of the source. Pingback 1.0 lets a server
 * answer before it has checked the source (the faults 16, 17 and 50 are then never sent): a
 * source that takes longer than a sender's client waits (WordPress gives up after 3 s and never
 * pings again) is verified by the worker with its full timeout and retries, as a Webmention is,
 * instead of being rejected for good.
 */
import { PINGBACK_FAULT, readPingbackCall } from '../../linkback/index.js';
import type { PingbackFaultCode } from '../../linkback/index.js';
import { ownArticleId, targetByUrl } from '../discussion/target.js';
import type { ReceiverDeps } from './deps.js';
import { registerLinkback } from './register-linkback.js';

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

/** The answer to an accepted ping: the row is stored and its verification queued. */
export const PINGBACK_ACCEPTED_MESSAGE = (source: URL): string =>
  `Pingback from ${source.href} received; it will be verified and shown once approved.`;

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
    verifyMode: 'always',
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

  return { ok: true, message: PINGBACK_ACCEPTED_MESSAGE(source) };
}
