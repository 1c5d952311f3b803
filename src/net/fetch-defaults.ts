/**
 * The outbound fetcher's defaults (config leaves a limit unset unless its variable is set): about 5 s per fetch, 1 MiB decoded, at most 5 redirects,
 * the ports web servers listen on, and budgets that keep us from being a reflector.
 */
export const FETCH_DEFAULTS = {
  connectTimeoutMs: 3_000,
  timeoutMs: 5_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  accept: ['text/html', 'application/xhtml+xml', 'application/json', 'text/plain'],
  allowedPorts: [80, 443, 8080],
  perHostConcurrency: 2,
  globalPerMinute: 300,
  perHostPerMinute: 30,
} as const;
