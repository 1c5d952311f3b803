import type { KvStore } from '@fedify/fedify';
import { Temporal as TemporalPolyfill } from '@js-temporal/polyfill';
import type { GivenUpDelivery } from './federation.js';

const PREFIX = ['newsdesk', 'deliveries-given-up'] as const;

/** How long a given-up delivery stays listed (`newsdesk fediverse deliveries --status failed`). */
const KEEP = TemporalPolyfill.Duration.from({ days: 30 }) as unknown as Temporal.Duration;

/**
 * The deliveries Fedify stopped retrying, kept in the store's key–value table: one entry per
 * inbox and activity (a later failure of the same replaces it), dropped after 30 days.
 */
export function givenUpBook(kv: KvStore) {
  return {
    add: (f: GivenUpDelivery) =>
      kv.set([...PREFIX, f.inbox, f.activityId ?? '-'], f, { ttl: KEEP }),
    async list(): Promise<GivenUpDelivery[]> {
      const out: GivenUpDelivery[] = [];
      for await (const entry of kv.list([...PREFIX])) out.push(entry.value as GivenUpDelivery);
      return out.sort((a, b) => b.at.localeCompare(a.at));
    },
  };
}
