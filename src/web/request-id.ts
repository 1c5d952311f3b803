import { randomUUID } from 'node:crypto';

/** What a forwarded request id may look like: short, and nothing that could split a header. */
const WELL_FORMED = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The id of a request: the caller's `X-Request-Id` when it is well formed (a proxy in front set
 * it, so its logs and ours join), else a fresh UUID. Echoed in the response and in its log line.
 */
export function requestIdOf(header: string | readonly string[] | undefined): string {
  const given = typeof header === 'string' ? header : undefined;
  return given !== undefined && WELL_FORMED.test(given) ? given : randomUUID();
}
