import { err, ok, type Result } from '../domain/result.js';
import type { FetchFailure } from './types.js';

export interface UrlPolicy {
  /** Destination ports allowed; undefined means any. */
  readonly allowedPorts?: readonly number[];
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
): Result<URL, FetchFailure> {
  let url: URL;
  try {
    // WHATWG URL parsing normalises IPv4 spellings (2130706433, 0x7f.1, 0177.0.0.1) to dotted quads
    // and IPv6 literals to their compressed form, so the connect-time check sees one spelling.
    url = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch {
    return err({ code: 'invalid_url', message: 'not a valid absolute URL', url: raw });
  }
  const href = url.href;
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined) {
    return err({
      code: 'scheme_not_allowed',
      message: `scheme ${url.protocol} is not http or https`,
      url: href,
    });
  }
  if (url.username !== '' || url.password !== '') {
    return err({ code: 'userinfo_not_allowed', message: 'URL carries credentials', url: href });
  }
  if (url.hostname === '') {
    return err({ code: 'invalid_url', message: 'URL has no host', url: href });
  }
  const port = url.port === '' ? defaultPort : Number(url.port);
  if (policy.allowedPorts !== undefined && !policy.allowedPorts.includes(port)) {
    return err({ code: 'port_not_allowed', message: `port ${port} is not allowed`, url: href });
  }
  url.hash = '';
  return ok(url);
}

/** Key for per-host limits: lower-cased, without brackets or the trailing root dot. */
export function hostKey(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, '');
}
