import type { Socket } from 'node:net';
import type { Result } from '../domain/result.js';

/**
 * Stable failure codes of the guarded fetcher; the web and job layers map them, never the message.
 *
 * `unreachable` covers every way a source can fail before a connection is established: a port
 * outside `allowedPorts`, a refused address class, a name that does not resolve, and a socket
 * that could not be opened (refused, unroutable, connect timeout). They are reported alike, with
 * the same message and nothing else, so that a sender who reads our answer cannot tell an
 * internal name from a missing one, or a closed port from an open one. Operators get the cause
 * through `FetcherOptions.onUnreachable`.
 */
export type FetchFailureCode =
  | 'invalid_url'
  | 'scheme_not_allowed'
  | 'userinfo_not_allowed'
  | 'unreachable'
  | 'too_many_redirects'
  | 'timeout'
  | 'unsupported_content_type'
  | 'rate_limited'
  | 'network_error';

/** The whole message of every `unreachable` failure. */
export const UNREACHABLE_MESSAGE = 'source unreachable';

export interface FetchFailure {
  readonly code: FetchFailureCode;
  /** For operators and logs; never shown to the party that supplied the URL. */
  readonly message: string;
  /** The URL of the hop that failed (after redirects, if any were followed). */
  readonly url: string;
}

/** Why a fetch was `unreachable`: for operators' logs only, never for the party that sent the URL. */
export type UnreachableCause =
  'port_not_allowed' | 'address_refused' | 'dns_failure' | 'connect_failed';

export interface UnreachableEvent {
  /** The URL of the hop that failed. */
  readonly url: string;
  readonly cause: UnreachableCause;
  /** The refused range, the resolver's error, the socket error. */
  readonly detail: string;
  /** The address that was refused or could not be reached, when one was resolved. */
  readonly address?: string;
}

/** PURGE is for the edge-cache purger (Varnish); nothing else sends it. */
export type FetchMethod = 'GET' | 'HEAD' | 'POST' | 'PURGE';

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
  /**
   * True when the body went on past the byte cap: `body` and `bytes` hold the first `maxBytes`
   * (decoded) and the rest was never read. A link found in them is really there; a link not found
   * may lie beyond the cap.
   */
  readonly truncated: boolean;
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
  /**
   * Destination ports allowed (default 80, 443 and 8080; config: NEWSDESK_FETCH_ALLOWED_PORTS).
   * `'any'` lifts the check: for tests whose loopback servers listen on random ports.
   */
  readonly allowedPorts?: readonly number[] | 'any';
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
  /** Requests started per rolling minute to one host name. */
  readonly perHostPerMinute?: number;
  /**
   * Requests started per rolling minute to one connected IP address, whatever name led to it
   * (default: the per-host figure). Both this and the per-host budget must allow a request.
   */
  readonly perAddressPerMinute?: number;
  /** Told the cause of each `unreachable` failure (for a debug log); must not throw. */
  readonly onUnreachable?: (event: UnreachableEvent) => void;
  /** Told how every fetch ended (for metrics); must not throw. */
  readonly onOutcome?: (outcome: FetchOutcome) => void;
}

/** How one fetch ended: `ok` with the final status, or the failure code. */
export interface FetchOutcome {
  readonly result: 'ok' | FetchFailureCode;
  readonly status?: number;
}
