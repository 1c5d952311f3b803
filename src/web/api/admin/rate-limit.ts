/**
 * Per-caller request quotas of the admin API, announced in the headers of the IETF httpapi
 * "RateLimit header fields" draft, structured-field form (draft-ietf-httpapi-ratelimit-headers-09
 * §2, §3): `RateLimit-Policy: "default";q=600;w=60` and `RateLimit: "default";r=599;t=42`.
 *
 * Fixed windows, counted in this process's memory: with several server processes each counts on
 * its own (a caller gets up to N times the quota), and a restart forgets the counts. A fixed
 * window is what lets the answer say exactly how many requests remain (`r`) and when the quota
 * resets (`t`), which a sliding log cannot state so simply.
 */
export interface QuotaDecision {
  readonly allowed: boolean;
  /** Requests left in this window after this one. */
  readonly remaining: number;
  /** Seconds until the window resets (at least 1). */
  readonly resetSeconds: number;
}

export interface FixedWindowQuota {
  readonly limit: number;
  readonly windowSeconds: number;
  take(key: string): QuotaDecision;
}

export function fixedWindowQuota(opts: {
  readonly limit: number;
  readonly windowSeconds: number;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Keys tracked at most; beyond it, windows that ended are dropped, then the oldest. */
  readonly maxKeys?: number;
}): FixedWindowQuota {
  const windowMs = opts.windowSeconds * 1000;
  const maxKeys = opts.maxKeys ?? 50_000;
  const windows = new Map<string, { start: number; count: number }>();

  const evict = (now: number) => {
    for (const [key, w] of windows) if (w.start + windowMs <= now) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };

  return {
    limit: opts.limit,
    windowSeconds: opts.windowSeconds,
    take(key) {
      const now = opts.now();
      let w = windows.get(key);
      if (!w || w.start + windowMs <= now) {
        if (!w && windows.size >= maxKeys) evict(now);
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      const resetSeconds = Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
      if (w.count >= opts.limit) return { allowed: false, remaining: 0, resetSeconds };
      w.count++;
      return { allowed: true, remaining: opts.limit - w.count, resetSeconds };
    },
  };
}

/** The policy's name in both headers. */
export const POLICY_NAME = 'default';

export function rateLimitPolicyHeader(quota: Pick<FixedWindowQuota, 'limit' | 'windowSeconds'>) {
  return `"${POLICY_NAME}";q=${quota.limit};w=${quota.windowSeconds}`;
}

export function rateLimitHeader(d: QuotaDecision) {
  return `"${POLICY_NAME}";r=${d.remaining};t=${d.resetSeconds}`;
}
