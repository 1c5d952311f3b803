import type { AppDeps } from '../deps.js';
import type { Random } from './verify-schedule.js';
import type { SendSchedule } from './send-schedule.js';
import type { OutboundFetcher } from './send-ports.js';

/** What the sending use cases need beyond the app's common dependencies. */
export interface SendDeps extends Pick<
  AppDeps,
  'repos' | 'uow' | 'clock' | 'logger' | 'siteUrl' | 'timezone'
> {
  /** The guarded fetcher (src/net): every discovery GET and every notification POST. */
  readonly fetch: OutboundFetcher;
  /** The site's name, sent as TrackBack's `blog_name` and to ping services. */
  readonly siteTitle: string;
  readonly schedule?: SendSchedule;
  /** For the jitter (default Math.random). */
  readonly random?: Random;
}
