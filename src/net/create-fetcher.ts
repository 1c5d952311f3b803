import type { Agent } from 'undici';
import { err, type Result } from '../domain/result.js';
import { validateAllowList } from './classify-address.js';
import { directConnector } from './direct-connector.js';
import { finishResponse } from './finish-response.js';
import { FETCH_DEFAULTS } from './fetch-defaults.js';
import { findRefusal, toFetchFailure } from './guard-refusal.js';
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
import { hostKey, validatePorts, validateUrl, type UrlRefusal } from './validate-url.js';

export { FETCH_DEFAULTS } from './fetch-defaults.js';

/**
 * Builds the product's only outbound HTTP client. Throws once, at construction, if `allowList`
 * holds something that is not a CIDR or `allowedPorts` something that is not a port (a
 * configuration error); every request-time problem is returned as a FetchFailure value.
 *
 * Each fetcher owns its outbound budget: a client that must not be starved by linkback traffic
 * (a spam-check service) gets a fetcher of its own.
 */
export function createFetcher(options: FetcherOptions): GuardedFetcher {
  const allowList = options.allowList ?? [];
  const checked = validateAllowList(allowList);
  if (!checked.ok) throw new TypeError(`createFetcher: allowList ${checked.error}`);
  const s = { ...FETCH_DEFAULTS, ...definedOnly(options) };
  const ports = validatePorts(s.allowedPorts);
  if (!ports.ok) throw new TypeError(`createFetcher: allowedPorts ${ports.error}`);
  const urlPolicy = { allowedPorts: s.allowedPorts };
  const onUnreachable = options.onUnreachable;
  const budget = createOutboundBudget(
    {
      perHostConcurrency: s.perHostConcurrency,
      globalPerWindow: s.globalPerMinute,
      perHostPerWindow: s.perHostPerMinute,
      perAddressPerWindow: options.perAddressPerMinute ?? s.perHostPerMinute,
      windowMs: 60_000,
    },
    options.now ?? Date.now,
  );
  const connect = createGuardedConnect({
    resolve: options.resolve ?? systemResolver,
    connect: options.connect ?? directConnector,
    policy: { allowLoopback: options.allowLoopback ?? false, allowList },
    connectTimeoutMs: s.connectTimeoutMs,
    budget,
  });
  // undici is loaded on the first request, not at boot: it is the largest module the server
  // would otherwise hold (about 25 MiB resident), and a server that only serves pages never needs it.
  let agent: Promise<Agent> | undefined;
  const agentOnce = () => (agent ??= import('undici').then((u) => new u.Agent({ connect })));
  const refused = ({ refusal, url }: UrlRefusal) =>
    err(toFetchFailure(refusal, url, onUnreachable));

  async function follow(
    req: FetchRequest,
    signal: AbortSignal,
    timedOut: () => boolean,
  ): Promise<Result<FetchResponse, FetchFailure>> {
    const first = validateUrl(req.url, urlPolicy);
    if (!first.ok) return refused(first.error);
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
      // Admission spends nothing: the budget is spent in the connect step, once the address
      // has passed, so a URL refused before any socket opens costs no one anything.
      const slot = budget.admit(hostKey(url.hostname));
      if (!slot.granted) return err({ code: 'rate_limited', message: slot.reason, url: url.href });
      try {
        const res = await (
          await agentOnce()
        ).request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method,
          headers,
          body: body ?? null,
          signal,
          // One connection per request: every request passes the connect step, so its address
          // is judged and counted (a kept-alive socket would let requests skip both).
          reset: true,
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
        if (!next.ok) return refused(next.error);
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
        return err(toFailure(error, url.href, timedOut, req.signal, onUnreachable));
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
      const result = await follow(req, signal, () => deadline.signal.aborted);
      options.onOutcome?.(
        result.ok ? { result: 'ok', status: result.value.status } : { result: result.error.code },
      );
      return result;
    } finally {
      clearTimeout(timer);
    }
  };
  return Object.assign(fetcher, {
    close: async () => {
      if (agent) await (await agent).close();
    },
  });
}

function toFailure(
  error: unknown,
  url: string,
  timedOut: () => boolean,
  callerSignal: AbortSignal | undefined,
  onUnreachable: FetcherOptions['onUnreachable'],
): FetchFailure {
  const guard = findRefusal(error);
  if (guard !== null) return toFetchFailure(guard.refusal, url, onUnreachable);
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
