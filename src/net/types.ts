import type { Socket } from 'node:net';
import type { Result } from '../domain/result.js';

/** Stable failure codes of the guarded fetcher; the web and job layers map them, never the message. */
export type FetchFailureCode =
  | 'invalid_url'
  | 'scheme_not_allowed'
  | 'userinfo_not_allowed'
  | 'port_not_allowed'
  | 'address_refused'
  | 'dns_failure'
  | 'too_many_redirects'
  | 'timeout'
  | 'too_large'
  | 'unsupported_content_type'
  | 'rate_limited'
  | 'network_error';

export interface FetchFailure {
  readonly code: FetchFailureCode;
  /** For operators and logs; never shown to the party that supplied the URL. */
  readonly message: string;
  /** The URL of the hop that failed (after redirects, if any were followed). */
  readonly url: string;
  /** The refused or unreachable address, when one was resolved. */
  readonly address?: string;
}

export type FetchMethod = 'GET' | 'HEAD' | 'POST';

export interface FetchRequest {
  readonly url: string;
  readonly method?: FetchMethod;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Allowed media types (`type/subtype`, `type/*` or `*\/*`) for 2xx responses with a body. */
  readonly accept?: readonly string[];
  /** Cap on decoded body bytes (after gzip/deflate/br). */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** Total time for every hop, including DNS, connect and body. */
  readonly timeoutMs?: number;
  /** Caller cancellation (e.g. a job being shut down); reported as `timeout`. */
  readonly signal?: AbortSignal;
}

/** Lower-cased response headers; multi-valued ones (Link, Set-Cookie) stay separate in `getAll`. */
export interface ResponseHeaders {
  get(name: string): string | null;
  getAll(name: string): readonly string[];
  has(name: string): boolean;
  /** Every header line as received, names lower-cased, in order. */
  entries(): readonly (readonly [string, string])[];
}

export interface FetchResponse {
  readonly status: number;
  /** Final URL after redirects. */
  readonly url: string;
  readonly headers: ResponseHeaders;
  /** Media type without parameters, lower-cased; '' when absent. */
  readonly contentType: string;
  /** Body decoded per the Content-Type charset (UTF-8 when absent or unknown). */
  readonly body: string;
  readonly bytes: Uint8Array;
  /** Every URL that answered with a followed redirect, in order. */
  readonly redirects: readonly string[];
}

export type Fetcher = (req: FetchRequest) => Promise<Result<FetchResponse, FetchFailure>>;

/** A fetcher that owns pooled sockets; `close` releases them (shutdown, end of a test). */
export type GuardedFetcher = Fetcher & { close(): Promise<void> };

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Name resolution; the fetcher calls it exactly once per new connection. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** What the connector is asked to reach: an address that has already passed the policy. */
export interface ConnectTarget {
  /** Host name from the URL (for TLS SNI and certificate checks). */
  readonly hostname: string;
  readonly address: string;
  readonly family: 4 | 6;
  readonly port: number;
  readonly protocol: 'http:' | 'https:';
  /** Aborted when the connect timeout fires; the connector must then drop its socket. */
  readonly signal: AbortSignal;
}

/** Opens a connected (and for https, TLS-established) socket to exactly `target.address`. */
export type Connector = (target: ConnectTarget) => Promise<Socket>;

export interface FetcherOptions {
  /** Sent on every request, e.g. `Newsdesk/0.1 (+https://site.example/)`. */
  readonly userAgent: string;
  /** Opens 127.0.0.0/8 and ::1 only (config: NEWSDESK_FETCH_ALLOW_LOOPBACK=1). */
  readonly allowLoopback?: boolean;
  /** CIDRs opened explicitly, whatever range they fall in. */
  readonly allowList?: readonly string[];
  /** Destination ports allowed; undefined means any. */
  readonly allowedPorts?: readonly number[];
  readonly resolve?: Resolver;
  readonly connect?: Connector;
  /** Milliseconds clock used by the outbound budget. */
  readonly now?: () => number;
  readonly connectTimeoutMs?: number;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  readonly accept?: readonly string[];
  /** Requests in flight per host at once. */
  readonly perHostConcurrency?: number;
  /** Requests started per rolling minute, all hosts together. */
  readonly globalPerMinute?: number;
  /** Requests started per rolling minute to one host. */
  readonly perHostPerMinute?: number;
}
