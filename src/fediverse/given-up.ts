import type { KvStore, RetryPolicy } from '@fedify/fedify';
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

const ZERO = TemporalPolyfill.Duration.from({ seconds: 0 }) as unknown as Temporal.Duration;

/** The inbox a delivery error names (an HTTP answer's, or a transport error's URL). */
function inboxOf(error: Error): string | null {
  const e = error as { inbox?: unknown; url?: unknown };
  const at = e.inbox ?? e.url;
  return at instanceof URL ? at.href : typeof at === 'string' ? at : null;
}

/**
 * An error's message with the messages of its causes (`fetch failed: Headers Timeout Error`), so
 * a transport failure says what failed; a message repeated by its cause is said once.
 */
export function errorText(error: Error): string {
  const parts: string[] = [];
  let at: unknown = error;
  for (let depth = 0; at instanceof Error && depth < 5; depth++) {
    if (at.message && parts.at(-1) !== at.message) parts.push(at.message);
    at = at.cause;
  }
  return parts.join(': ');
}

/**
 * Notes a delivery's last failed attempt, which Fedify only logs. Fedify's retry policy decides
 * whether it queues a failed delivery again; when it will not (`policy` gives null for this
 * attempt), a failure seen by `onOutboxError` while the message ran is final and `givenUp` is
 * called. Failures are matched to the running message by activity id and inbox: one message is
 * run by one worker at a time, so the match is exact.
 */
export function lastAttemptWatch(
  policy: RetryPolicy,
  givenUp: (f: GivenUpDelivery) => Promise<void> | undefined,
) {
  const failures = new Map<string, string>();
  const keyOf = (activityId: string | null, inbox: string) => `${activityId ?? ''} ${inbox}`;
  return {
    onOutboxError(error: Error, activityId: string | null): void {
      const inbox = inboxOf(error);
      if (inbox !== null) failures.set(keyOf(activityId, inbox), errorText(error));
    },
    async run(message: Record<string, unknown>, process: () => Promise<void>): Promise<void> {
      const inbox = message['type'] === 'outbox' ? message['inbox'] : undefined;
      const activityId = typeof message['activityId'] === 'string' ? message['activityId'] : null;
      const attempt = typeof message['attempt'] === 'number' ? message['attempt'] : 0;
      try {
        await process();
      } finally {
        if (typeof inbox === 'string') {
          const key = keyOf(activityId, inbox);
          const error = failures.get(key);
          failures.delete(key);
          if (error !== undefined && policy({ attempts: attempt, elapsedTime: ZERO }) === null) {
            await givenUp({
              inbox,
              activityId,
              activityType:
                typeof message['activityType'] === 'string' ? message['activityType'] : '?',
              attempts: attempt + 1,
              error: error.slice(0, 500),
              at: new Date().toISOString(),
            });
          }
        }
      }
    },
  };
}
