/**
 * The ports use cases depend on, owned here and implemented outside app/ (src/store, src/render,
 * src/net, src/adapters); the composition root (src/main) passes the implementations in. Each
 * area's own ports sit beside it (`articles/ports.ts`, `linkbacks/ports.ts`, …).
 */
import type { TrustedHtml } from '../domain/trusted-html.js';
import type { TermCatalog } from './terms/ports.js';
import type { ApiTokensRepository } from './api-tokens/ports.js';
import type { ArticleEvent, ArticleEventsRepository } from './articles/events.js';
import type {
  ArticlesRepository,
  CorrectionsRepository,
  RevisionsRepository,
  TermsRepository,
} from './articles/ports.js';
import type {
  AuditRepository,
  CredentialsRepository,
  SessionsRepository,
  SetupTokensRepository,
} from './auth/ports.js';
import type { DiscussionRepository } from './discussion/ports.js';
import type { FediverseRepository } from './fediverse/ports.js';
import type { ImportRepository } from './import/ports.js';
import type { PairThrottleRepository } from './linkbacks/ports.js';
import type { PictureModel } from './media/picture.js';
import type { MediaRepository } from './media/ports.js';
import type { OutboundLinkbackRepository } from './linkbacks/send-ports.js';
import type { OutboxRepository } from './notifications/ports.js';
import type { ReaderQueries } from './reader/ports.js';
import type { SearchIndex } from './search/ports.js';
import type { UsersRepository } from './users/ports.js';
import type { WebhooksRepository } from './webhooks/ports.js';
import type { ArticleBrowser } from './articles/browse-ports.js';
import type { DiscussionEvent } from './discussion/events.js';
import type { AutosavesRepository } from './editor/ports.js';
import type { ArticlePageReads } from './public-content/ports.js';

/** The current time. Tests pass a pinned clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The part of a pino logger we use, so tests can pass a recording one. */
export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  child: () => silentLogger,
};

/** A job to run later, durably. Mirrors the job queue's enqueue request. */
export interface JobRequest {
  readonly task: string;
  readonly payload: { readonly [key: string]: unknown };
  readonly runAt?: Date;
  readonly dedupeKey?: string;
  readonly maxAttempts?: number;
  /** With dedupeKey: queue nothing if a job with the key was queued after this one (jobs/contract). */
  readonly yieldToJobsAfter?: string;
}

/**
 * A transaction with the repositories and the job queue bound to it: rows and the jobs that
 * concern them commit together or not at all.
 */
export interface TxContext<R> {
  readonly repos: R;
  enqueue(job: JobRequest): Promise<void>;
  /** Logs an article event and runs its subscribers, in this transaction (articles/events.ts). */
  emit(event: ArticleEvent): Promise<void>;
  /** Runs the discussion-event subscribers, in this transaction (discussion/events.ts). */
  emitDiscussion(event: DiscussionEvent): Promise<void>;
}

export interface UnitOfWork<R> {
  run<T>(work: (tx: TxContext<R>) => Promise<T>): Promise<T>;
}

/** A throttle: at most `limit` hits per key in any window of `windowMs`. */
export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /** Records one hit for `key` if it is within `limit` hits per `windowMs`; otherwise refuses. */
  take(key: string, limit: number, windowMs: number): RateDecision;
}

/** What an article body's Markdown may draw besides itself (app/media/article-media.ts). */
export interface ArticleMarkupOptions {
  /** Library images the body names as `![alt](media:ID)`, drawn as `<picture>`. */
  readonly media?: ReadonlyMap<number, PictureModel>;
  /** The first image loads eagerly (nothing above the body is an image); the rest lazily. */
  readonly eagerFirstImage?: boolean;
}

/** Markdown to sanitised HTML (src/render implements it). */
export interface Markup {
  /** Staff-written article bodies: inline HTML allowed, then sanitised. */
  article(markdown: string, options?: ArticleMarkupOptions): TrustedHtml;
  /** Visitors' comments: a small subset, no raw HTML, links marked nofollow ugc. */
  visitor(markdown: string): TrustedHtml;
}

/** Small JSON values by key (site settings, per-site secrets). */
export interface SettingsRepository {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Inserts only when absent; returns the stored value either way (safe under races). */
  getOrInit<T>(key: string, init: () => T): Promise<T>;
  /**
   * The stored value through `parse` (undefined when absent), parsed once per stored text and
   * shared by every caller until the text changes: callers must not change what it returns.
   */
  parsed?<T>(key: string, parse: (value: unknown) => T): Promise<T>;
}

/** Every repository over one connection or one transaction (src/store implements them). */
export interface Repositories {
  readonly articles: ArticlesRepository;
  readonly revisions: RevisionsRepository;
  readonly corrections: CorrectionsRepository;
  readonly articleEvents: ArticleEventsRepository;
  readonly users: UsersRepository;
  readonly terms: TermsRepository;
  readonly discussion: DiscussionRepository;
  readonly settings: SettingsRepository;
  readonly outbox: OutboxRepository;
  readonly pairThrottle: PairThrottleRepository;
  readonly outboundLinkbacks: OutboundLinkbackRepository;
  /** The full-text index, written in the transaction of each article change. */
  readonly search: SearchIndex;
  /** Feeds, sitemaps, related articles, navigation. */
  readonly reader: ReaderQueries;
  readonly imports: ImportRepository;
  readonly sessions: SessionsRepository;
  readonly credentials: CredentialsRepository;
  readonly setupTokens: SetupTokensRepository;
  readonly audit: AuditRepository;
  readonly media: MediaRepository;
  readonly webhooks: WebhooksRepository;
  /** Fediverse replies' origins and reactions (app/fediverse). */
  readonly fediverse: FediverseRepository;
  /** Categories and tags as the admin manages them (src/app/terms). */
  readonly termCatalog: TermCatalog;
  readonly apiTokens: ApiTokensRepository;
  /** The admin's article list with its filters (app/articles/browse-articles.ts). */
  readonly articleBrowser: ArticleBrowser;
  /** The admin editor's autosaves and who has an article open (src/app/editor). */
  readonly autosaves: AutosavesRepository;
  /** The article page's article, bylines, terms, notes and reactions in one read each. */
  readonly articlePages: ArticlePageReads;
}
