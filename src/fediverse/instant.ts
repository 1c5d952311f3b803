import { Temporal as TemporalPolyfill } from '@js-temporal/polyfill';

/**
 * An instant as Fedify's vocabulary takes it. Node has no global Temporal yet: Fedify runs on the
 * polyfill, whose class is the runtime value; its declared type differs from lib's only in name.
 */
export function instantAt(ms: number): Temporal.Instant {
  return TemporalPolyfill.Instant.fromEpochMilliseconds(ms) as unknown as Temporal.Instant;
}
