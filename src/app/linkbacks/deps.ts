import type { AppDeps } from '../deps.js';
import type { RateLimiter } from '../ports.js';
import type { SourceFetcher } from './ports.js';

/** What the linkback use cases need beyond the app's common dependencies. */
export interface LinkbackDeps extends Pick<
  AppDeps,
  'repos' | 'uow' | 'clock' | 'logger' | 'siteUrl' | 'timezone'
> {
  /** The guarded fetcher (src/net): the only way a source or author page is read. */
  readonly fetch: SourceFetcher;
}

/** Receivers also throttle repeats of one (source, target) pair, in this process. */
export interface ReceiverDeps extends LinkbackDeps {
  readonly throttle: RateLimiter;
}

/** webmention.io's rule: one request per (source, target) pair per 30 s (case B41). */
export const PAIR_THROTTLE_MS = 30_000;
