import { Agent } from 'undici';
import { err, type Result } from '../domain/result.js';
import { validateAllowList } from './classify-address.js';
import { directConnector } from './direct-connector.js';
import { finishResponse } from './finish-response.js';
import { findRefusal } from './guard-refusal.js';
import { createGuardedConnect } from './guarded-connect.js';
import { createOutboundBudget } from './outbound-budget.js';
import { ACCEPT_ENCODING } from './read-body.js';
import { callerHeaders, headersForNextHop, isRedirect, nextRequest } from './redirect-rules.js';
import { systemResolver } from './system-resolver.js';
import type {
  FetchFailure,
  FetchRequest,
  FetchResponse,
  FetcherOptions,
  GuardedFetcher,
} from './types.js';
import { hostKey, validateUrl } from './validate-url.js';

/** Defaults from PROTOCOLS.md §8 #14 (≈5 s, 1 MB decoded, ≤ 5 redirects, HTML/XHTML/JSON/text). */
export const FETCH_DEFAULTS = {
  connectTimeoutMs: 3_000,
  timeoutMs: 5_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  accept: ['text/html', 'application/xhtml+xml', 'application/json', 'text/plain'],
  perHostConcurrency: 2,
  globalPerMinute: 300,
  perHostPerMinute: 30,
} as const;

/**
 * Builds the product's only outbound HTTP client. Throws once, at construction, if `allowList`
 * holds something that is not a CIDR (a configuration error); every request-time problem is
 * returned as a FetchFailure value.
 */
export function createFetcher(options: FetcherOptions): GuardedFetcher {
  const allowList = options.allowList ?? [];
  const checked = validateAllowList(allowList);
  if (!checked.ok) throw new TypeError(`createFetcher: allowList ${checked.error}`);
  const s = { ...FETCH_DEFAULTS, ...definedOnly(options) };
  const urlPolicy =
    options.allowedPorts === undefined ? {} : { allowedPorts: options.allowedPorts };
  const agent = new Agent({
    connect: createGuardedConnect({
      resolve: options.resolve ?? systemResolver,
      connect: options.connect ?? directConnector,
      policy: { allowLoopback: options.allowLoopback ?? false, allowList },
      connectTimeoutMs: s.connectTimeoutMs,
    }),
  });
  const budget = createOutboundBudget(
    {
      perHostConcurrency: s.perHostConcurrency,
      globalPerWindow: s.globalPerMinute,
      perHostPerWindow: s.perHostPerMinute,
      windowMs: 60_000,
    },
    options.now ?? Date.now,
  );

  async function follow(
    req: FetchRequest,
    signal: AbortSignal,
    timedOut: () => boolean,
  ): Promise<Result<FetchResponse, FetchFailure>> {
    const first = validateUrl(req.url, urlPolicy);
    if (!first.ok) return first;
    let url = first.value;
    let method = req.method ?? 'GET';
    let body = req.body;
    const accept = req.accept ?? s.accept;
    let headers: Record<string, string> = {
      accept: accept.join(', '),
      ...callerHeaders(req.headers),
      'user-agent': s.userAgent,
      'accept-encoding': ACCEPT_ENCODING,
    };
    const maxRedirects = req.maxRedirects ?? s.maxRedirects;
    const redirects: string[] = [];
    for (;;) {
      const slot = budget.tryAcquire(hostKey(url));
      if (!slot.granted) return err({ code: 'rate_limited', message: slot.reason, url: url.href });
      try {
        const res = await agent.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method,
          headers,
          body: body ?? null,
          signal,
        });
        const location = [res.headers['location']].flat()[0];
        if (!isRedirect(res.statusCode) || location === undefined) {
          return await finishResponse(
            {
              url: url.href,
              method,
              status: res.statusCode,
              headers: res.headers,
              body: res.body,
              redirects,
            },
            { accept, maxBytes: req.maxBytes ?? s.maxBytes },
          );
        }
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        if (redirects.length >= maxRedirects) {
          const message = `more than ${maxRedirects} redirects`;
          return err({ code: 'too_many_redirects', message, url: url.href });
        }
        // Location may be relative (RFC 9110 §10.2.2): resolve against the URL that sent it.
        const next = validateUrl(location, urlPolicy, url.href);
        if (!next.ok) return next;
        const rule = nextRequest(res.statusCode, method, body);
        headers = headersForNextHop(
          headers,
          next.value.origin === url.origin,
          rule.body !== undefined,
        );
        redirects.push(url.href);
        url = next.value;
        method = rule.method;
        body = rule.body;
      } catch (error) {
        return err(toFailure(error, url.href, timedOut, req.signal));
      } finally {
        slot.release();
      }
    }
  }

  const fetcher = async (req: FetchRequest): Promise<Result<FetchResponse, FetchFailure>> => {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), req.timeoutMs ?? s.timeoutMs);
    const signal =
      req.signal === undefined ? deadline.signal : AbortSignal.any([deadline.signal, req.signal]);
    try {
      return await follow(req, signal, () => deadline.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  };
  return Object.assign(fetcher, { close: () => agent.close() });
}

function toFailure(
  error: unknown,
  url: string,
  timedOut: () => boolean,
  callerSignal: AbortSignal | undefined,
): FetchFailure {
  const refusal = findRefusal(error);
  if (refusal !== null) return { ...refusal.detail, url };
  if (timedOut()) return { code: 'timeout', message: 'total time limit exceeded', url };
  if (callerSignal?.aborted === true) return { code: 'timeout', message: 'aborted by caller', url };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'network_error', message, url };
}

/** Drops keys whose value is undefined so they do not override the defaults. */
function definedOnly<T extends object>(value: T): T {
  const kept = Object.entries(value).filter(([, v]) => v !== undefined);
  // Object.fromEntries forgets the key types; the filter only removes keys, so T still holds.
  return Object.fromEntries(kept) as T;
}
