/**
 * Pingback server, Pingback 1.0 §3, the request's own checks: decode the XML-RPC call and check its shape and
 * URLs. Mapping the target to an article, duplicates and fetching are the caller's steps.
 *
 * Fault choice: parse problems → -32700, anything but `pingback.ping` (including
 * `system.multicall`: one call per request, no amplification) → -32601, wrong arity or non-string params
 * → -32602, a source that is not a plain http(s) URL → 0 (case E66), a target that is not one →
 * 33 ("cannot be used as a target"). DOCTYPE/ENTITY is refused with fault 0 and its own
 * `reason`, so the web layer may answer HTTP 400 instead (case E63).
 */
import { err, ok, type Result } from '../../domain/result.js';
import { parseHttpUrl, parseSourceUrl } from '../url.js';
import { PINGBACK_FAULT, XMLRPC_FAULT, type PingbackFaultCode } from '../xmlrpc/fault-codes.js';
import { parseMethodCall } from '../xmlrpc/parse-method-call.js';
import { DEFAULT_XMLRPC_LIMITS, type XmlRpcLimits } from '../xmlrpc/types.js';

export interface PingbackCall {
  readonly source: string;
  readonly target: string;
}

export type PingbackRequestFailure =
  'parse_error' | 'forbidden_dtd' | 'unknown_method' | 'bad_params' | 'bad_source' | 'bad_target';

export interface PingbackRequestError {
  readonly faultCode: PingbackFaultCode;
  readonly message: string;
  readonly reason: PingbackRequestFailure;
}

const fail = (
  faultCode: PingbackFaultCode,
  reason: PingbackRequestFailure,
  message: string,
): { ok: false; error: PingbackRequestError } => err({ faultCode, reason, message });

export function readPingbackCall(
  body: string,
  limits: XmlRpcLimits = DEFAULT_XMLRPC_LIMITS,
): Result<PingbackCall, PingbackRequestError> {
  const call = parseMethodCall(body, limits);
  if (!call.ok) {
    if (call.error.code === 'forbidden_dtd') {
      return fail(PINGBACK_FAULT.generic, 'forbidden_dtd', call.error.message);
    }
    return fail(XMLRPC_FAULT.parseError, 'parse_error', `parse error: ${call.error.message}`);
  }

  const { methodName, params } = call.value;
  if (methodName !== 'pingback.ping') {
    return fail(
      XMLRPC_FAULT.methodNotFound,
      'unknown_method',
      `method ${cropMethodName(methodName)} not found`,
    );
  }
  const [source, target, ...extra] = params;
  if (source?.type !== 'string' || target?.type !== 'string' || extra.length > 0) {
    return fail(
      XMLRPC_FAULT.invalidParams,
      'bad_params',
      'pingback.ping takes exactly two string parameters: sourceURI, targetURI',
    );
  }

  const sourceUrl = parseSourceUrl(source.value);
  if (sourceUrl === null) {
    return fail(PINGBACK_FAULT.generic, 'bad_source', 'the source URI must be an http(s) URL');
  }
  const targetUrl = parseHttpUrl(target.value);
  if (targetUrl === null) {
    return fail(
      PINGBACK_FAULT.targetNotUsable,
      'bad_target',
      'the target URI must be an http(s) URL',
    );
  }
  return ok({ source: sourceUrl.href, target: targetUrl.href });
}

/** Longest method name echoed back in a fault; XML-RPC names are short, a body is not. */
export const METHOD_NAME_ECHO_MAX = 64;

function cropMethodName(name: string): string {
  return name.length <= METHOD_NAME_ECHO_MAX ? name : `${name.slice(0, METHOD_NAME_ECHO_MAX)}…`;
}
