/**
 * What receiving and verifying linkbacks need from outside app/: the linkback rows of the
 * discussion store, and a fetcher for source and author pages (src/net's guarded fetcher
 * satisfies it; nothing else may reach the network).
 */
import type {
  DiscussionItem,
  DiscussionType,
  LinkbackProtocol,
  ModerationStatus,
  VerificationState,
} from '../../domain/discussion-item.js';
import type { Result } from '../../domain/result.js';
import type { TrustedHtml } from '../../domain/trusted-html.js';
import type { RateDecision } from '../ports.js';

/** A linkback row with the columns only the receiver and verifier care about. */
export interface LinkbackRecord {
  readonly item: DiscussionItem;
  readonly sourceKey: string | null;
  /** When a verification last succeeded; null when it never has (a "new" linkback). */
  readonly verifiedAt: Date | null;
  readonly rawMf2: string | null;
  /** Since when an established source has answered 404 on every check; null when it answers. */
  readonly sourceMissingSince: Date | null;
}

/** What a new request for an existing linkback changes (protocol upgrade, new spelling). */
export interface LinkbackRequestPatch {
  readonly protocol: LinkbackProtocol;
  readonly sourceUrl: string;
  readonly targetUrl: string;
  readonly authorIp: string | null;
  readonly authorUserAgent: string | null;
  /** Only set when the row is re-opened (it had been rejected or deleted at its source). */
  readonly type?: DiscussionType;
  readonly verification?: VerificationState;
}

/** A linkback as first received, before verification. */
export interface NewLinkback {
  readonly articleId: number;
  readonly protocol: LinkbackProtocol;
  readonly type: DiscussionType;
  readonly status: ModerationStatus;
  readonly authorName: string;
  readonly authorIp: string | null;
  readonly authorUserAgent: string | null;
  readonly sourceUrl: string;
  readonly sourceKey: string;
  readonly targetUrl: string;
  readonly title: string | null;
  readonly contentHtml: TrustedHtml;
  readonly verification: VerificationState;
  readonly verificationError: string | null;
}

/** What a successful verification stores. */
export interface VerifiedLinkback {
  readonly type: DiscussionType;
  readonly title: string | null;
  readonly contentHtml: TrustedHtml;
  readonly authorName: string;
  readonly authorUrl: string | null;
  readonly authorPhoto: string | null;
  readonly rawMf2: string | null;
  readonly publishedAt: Date | null;
}

/** Linkback-only operations on the discussion store, in its connection or transaction. */
export interface LinkbackRepository {
  /**
   * Inserts unless a row for (article, source key) exists; the store decides atomically, so two
   * racing requests cannot both insert. Undefined when the row already existed.
   */
  insertLinkbackIfAbsent(linkback: NewLinkback, now: Date): Promise<LinkbackRecord | undefined>;
  findLinkback(id: number): Promise<LinkbackRecord | undefined>;
  findLinkbackBySource(articleId: number, sourceKey: string): Promise<LinkbackRecord | undefined>;
  /** A repeat request for the same (article, source): upgrade protocol, keep the row. */
  requestLinkbackAgain(id: number, patch: LinkbackRequestPatch, now: Date): Promise<LinkbackRecord>;
  /** Verified: stores the fields and clears any 404 streak (a hidden mention shows again). */
  recordLinkbackVerified(id: number, fields: VerifiedLinkback, now: Date): Promise<LinkbackRecord>;
  /** Verification failed for good (a new linkback); the row stays, hidden, with the reason. */
  recordLinkbackRejected(id: number, reason: string, now: Date): Promise<LinkbackRecord>;
  /** Keeps the verification state but notes why the last attempt did not change anything. */
  noteLinkbackError(id: number, reason: string | null, now: Date): Promise<LinkbackRecord>;
  /** An established source answered 404: notes the reason and when the streak began. */
  noteLinkbackMissing(id: number, since: Date, reason: string, now: Date): Promise<LinkbackRecord>;
  /** Hides an established mention whose source stayed missing (verification `rejected`). */
  hideLinkback(id: number, reason: string, now: Date): Promise<LinkbackRecord>;
  /**
   * Moves the row from `from` to `to` and records who did it, only if it still has status
   * `from` (compare and set, so a concurrent moderator's decision is never overwritten).
   * False when the status had changed.
   */
  changeLinkbackStatus(
    id: number,
    from: ModerationStatus,
    to: ModerationStatus,
    actor: string,
    reason: string | null,
    now: Date,
  ): Promise<boolean>;
  /** The status a row had when it was last marked deleted, if it ever was. */
  statusBeforeDeletion(id: number): Promise<ModerationStatus | undefined>;
}

/** A GET of a source or author page. */
export interface SourceRequest {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Allowed media types for a 2xx body (`type/subtype` or `type/*`). */
  readonly accept?: readonly string[];
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** Aborts the fetch; reported as `timeout`. */
  readonly signal?: AbortSignal;
}

export interface SourceResponse {
  readonly status: number;
  /** The URL that answered, after redirects. */
  readonly url: string;
  /** Media type without parameters, lower-cased; '' when absent. */
  readonly contentType: string;
  /** The body decoded to text. */
  readonly body: string;
  /** The page was longer than the fetch cap: `body` is its start. */
  readonly truncated: boolean;
}

/**
 * Why no response came back. Refusals (never fetched): `invalid_url`, `scheme_not_allowed`,
 * `userinfo_not_allowed`, `too_many_redirects`. `unreachable` stands alike for a refused address
 * or port, a name that does not resolve and a socket that would not open, so that a sender cannot
 * tell them apart. Answers we will not read: `unsupported_content_type`. Maybe transient:
 * `timeout`, `rate_limited` (our own outbound budget), `network_error`; codes the verifier does
 * not know are treated like `network_error`.
 */
export interface SourceFailure {
  readonly code: string;
}

export type SourceFetcher = (
  request: SourceRequest,
) => Promise<Result<SourceResponse, SourceFailure>>;

/**
 * The repeat throttle for one (source, target) pair, kept in the store so that every app process
 * on one database sees the same window. Called inside the transaction that accepts the request:
 * a request that is refused or fails afterwards rolls its hit back with everything else.
 */
export interface PairThrottleRepository {
  /**
   * Takes the pair's window from `now` for `windowMs` unless another request holds it; the store
   * decides atomically, so two racing requests cannot both be allowed.
   */
  take(key: string, windowMs: number, now: Date): Promise<RateDecision>;
  /** Deletes windows that ended before `now` (housekeeping; outside any transaction). */
  sweep(now: Date): Promise<void>;
}
