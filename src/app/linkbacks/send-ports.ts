/**
 * What sending linkbacks needs from outside app/: the outbound ledger (one row per article and
 * target, src/store implements it) and a fetcher that can also POST (src/net's guarded fetcher
 * satisfies it; nothing else may reach the network).
 */
import type { Result } from '../../domain/result.js';

export type OutboundProtocol = 'webmention' | 'pingback' | 'trackback';

/**
 * - queued: waiting for its job (a first try, a retry after a 5xx, a deferral by our own limits);
 * - sent: the receiver accepted it (any 2xx for Webmention, a success or fault 48 for Pingback,
 *   `<error>0</error>` for TrackBack);
 * - failed: refused for good (a 4xx, a final fault, a TrackBack error, a refused address…);
 * - gave_up: kept failing (5xx, network errors, 429) until the attempts ran out;
 * - no_endpoint: the page advertises neither a Webmention endpoint nor a Pingback server;
 * - skipped: nothing to send (a Pingback for a removed link or a deleted article: Pingback 1.0
 *   can neither update nor retract; the article stopped sending).
 */
export type OutboundStatus = 'queued' | 'sent' | 'failed' | 'gave_up' | 'no_endpoint' | 'skipped';

export const OUTBOUND_STATUSES: readonly OutboundStatus[] = [
  'queued',
  'sent',
  'failed',
  'gave_up',
  'no_endpoint',
  'skipped',
];

/** `link`: a page the body links to. `trackback`: a TrackBack ping URL the editor listed. */
export type OutboundKind = 'link' | 'trackback';

export interface OutboundLinkback {
  readonly id: number;
  readonly articleId: number;
  readonly kind: OutboundKind;
  readonly targetUrl: string;
  /** Null until discovery has found one (or for a page without endpoint). */
  readonly protocol: OutboundProtocol | null;
  readonly endpoint: string | null;
  readonly status: OutboundStatus;
  /** The receiver's (or the linked page's) last HTTP status; null without an answer. */
  readonly httpStatus: number | null;
  /** The Webmention status page the receiver returned in `Location` (201). */
  readonly statusUrl: string | null;
  /** Genuine attempts for the current round (a refusal by our own limits is not one). */
  readonly attempts: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: Date | null;
  /** The article state this row was last queued for. */
  readonly contentHash: string | null;
  /** True while the article's body links to the target. */
  readonly linked: boolean;
  readonly round: number;
  /** When a notification to this target last succeeded. */
  readonly sentAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One target to queue (again) for the current article state. */
export interface OutboundEntry {
  readonly targetUrl: string;
  readonly kind: OutboundKind;
  readonly linked: boolean;
  readonly contentHash: string;
}

/** What one attempt (or the end of the attempts) leaves in the row. */
export interface OutboundOutcome {
  readonly status: OutboundStatus;
  readonly attempts: number;
  readonly httpStatus?: number | null;
  readonly statusUrl?: string | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: Date | null;
  /** Set when this attempt succeeded. */
  readonly sentAt?: Date;
}

export interface OutboundLinkbackRepository {
  /**
   * Queues each entry: inserts the row, or resets an existing one (status queued, attempts 0,
   * the new hash and linked flag, round + 1). Returns the rows as they now are.
   */
  queue(
    articleId: number,
    entries: readonly OutboundEntry[],
    now: Date,
  ): Promise<OutboundLinkback[]>;
  /** Queues existing rows again by id, keeping their hash (a resend by hand). */
  requeue(ids: readonly number[], now: Date): Promise<OutboundLinkback[]>;
  find(id: number): Promise<OutboundLinkback | undefined>;
  /** The article's ledger, in the order rows were created. */
  forArticle(articleId: number): Promise<OutboundLinkback[]>;
  /** Records the endpoint discovery found, if the row is still in `round`. */
  recordEndpoint(
    id: number,
    round: number,
    found: { protocol: OutboundProtocol; endpoint: string } | null,
    now: Date,
  ): Promise<boolean>;
  /** Records an attempt's outcome if the row is still in `round`; false when it moved on. */
  recordOutcome(id: number, round: number, outcome: OutboundOutcome, now: Date): Promise<boolean>;
}

export interface OutboundRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Allowed media types of a 2xx body (`*\/*`: any). */
  readonly accept?: readonly string[];
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  readonly timeoutMs?: number;
}

export interface OutboundResponse {
  readonly status: number;
  /** After redirects. */
  readonly url: string;
  readonly contentType: string;
  readonly body: string;
  readonly truncated: boolean;
  readonly headers: {
    get(name: string): string | null;
    entries(): readonly (readonly [string, string])[];
  };
}

/**
 * Why no response came back. `rate_limited` is our own outbound budget (nothing was sent: the
 * job defers); `unreachable`, `timeout` and `network_error` may pass; the rest are refusals
 * (`invalid_url`, `scheme_not_allowed`, `userinfo_not_allowed`, `too_many_redirects`,
 * `unsupported_content_type`).
 */
export interface OutboundFailure {
  readonly code: string;
}

export type OutboundFetcher = (
  request: OutboundRequest,
) => Promise<Result<OutboundResponse, OutboundFailure>>;
