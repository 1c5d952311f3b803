import { err, ok, type Result } from '../domain/result.js';
import { unreachable, type Refusal } from './guard-refusal.js';

export interface UrlPolicy {
  /** Destination ports allowed, or `'any'`. */
  readonly allowedPorts: readonly number[] | 'any';
}

/** A refused URL and the URL to report it under (the parsed one, or the raw text). */
export interface UrlRefusal {
  readonly refusal: Refusal;
  readonly url: string;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/**
 * Parses an absolute URL (or one relative to `base`, for a Location header) and applies the
 * URL-level policy. Addresses are judged later, at connect time, on the address actually used.
 */
export function validateUrl(
  raw: string,
  policy: UrlPolicy,
  base?: string,
): Result<URL, UrlRefusal> {
  let url: URL;
  try {
    // WHATWG URL parsing normalises IPv4 spellings (2130706433, 0x7f.1, 0177.0.0.1) to dotted quads
    // and IPv6 literals to their compressed form, so the connect-time check sees one spelling.
    url = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch {
    return refuse({ code: 'invalid_url', message: 'not a valid absolute URL' }, raw);
  }
  const href = url.href;
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined) {
    const message = `scheme ${url.protocol} is not http or https`;
    return refuse({ code: 'scheme_not_allowed', message }, href);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse({ code: 'userinfo_not_allowed', message: 'URL carries credentials' }, href);
  }
  if (url.hostname === '') {
    return refuse({ code: 'invalid_url', message: 'URL has no host' }, href);
  }
  const port = url.port === '' ? defaultPort : Number(url.port);
  if (policy.allowedPorts !== 'any' && !policy.allowedPorts.includes(port)) {
    return refuse(unreachable('port_not_allowed', `port ${port} is not allowed`), href);
  }
  url.hash = '';
  return ok(url);
}

const refuse = (refusal: Refusal, url: string) => err({ refusal, url });

/** Key for per-host limits: lower-cased, without IPv6 brackets or the trailing root dot. */
export function hostKey(hostname: string): string {
  const bare =
    hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return bare.toLowerCase().replace(/\.$/, '');
}

/** Checks a port list given to the fetcher (a configuration error fails at construction). */
export function validatePorts(ports: readonly number[] | 'any'): Result<typeof ports, string> {
  if (ports === 'any') return ok(ports);
  const bad = ports.filter((p) => !Number.isInteger(p) || p < 1 || p > 65_535);
  if (ports.length === 0) return err('is empty (use "any" to allow every port)');
  return bad.length === 0 ? ok(ports) : err(`not a port: ${bad.join(', ')}`);
}
