/** The parts of a Temporal.Duration a TTL uses (Fedify never passes months or years). */
export interface DurationFields {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly milliseconds: number;
}

/** A Fedify TTL in milliseconds. */
export function ttlMs(ttl: DurationFields): number {
  return (
    (((ttl.days * 24 + ttl.hours) * 60 + ttl.minutes) * 60 + ttl.seconds) * 1000 + ttl.milliseconds
  );
}
