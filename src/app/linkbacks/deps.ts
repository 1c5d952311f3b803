import type { AppDeps } from '../deps.js';
import type { SourceFetcher } from './ports.js';

/** What the linkback use cases need beyond the app's common dependencies. */
export interface LinkbackDeps extends Pick<
  AppDeps,
  'repos' | 'uow' | 'clock' | 'logger' | 'siteUrl' | 'timezone'
> {
  /** The guarded fetcher (src/net): the only way a source or author page is read. */
  readonly fetch: SourceFetcher;
}

/**
 * What the receivers need: the same as verification. (The pair throttle is a repository in the
 * store, `repos.pairThrottle`, so that every app process shares it.)
 */
export type ReceiverDeps = LinkbackDeps;

/** webmention.io's rule: one request per (source, target) pair per 30 s (case B41). */
export const PAIR_THROTTLE_MS = 30_000;
