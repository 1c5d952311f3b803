/** The edge cache (a CDN or Varnish) as the purge job sees it; src/adapters implements it. */
import type { Result } from '../../domain/result.js';

export interface PurgeFailure {
  /** For operators: which edge, what it answered. Never shown to readers. */
  readonly message: string;
}

export interface EdgePurger {
  /** `varnish`, `fastly`, `cloudflare` or `none`; for logs and metrics. */
  readonly name: string;
  /** Drops every cached response tagged with any of `keys`; a failure is retried by the job. */
  purge(keys: readonly string[]): Promise<Result<void, PurgeFailure>>;
}
