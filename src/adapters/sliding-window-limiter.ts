/**
 * An in-process sliding-window rate limiter (the app's RateLimiter port), shared by the comment
 * limits and the linkback pair throttle. Its counts live in this process's memory: with several
 * server processes each one limits on its own (the effective limit is N times higher) and a
 * restart forgets them. Time comes from the injected clock so tests can pin it.
 */
import type { RateLimiter } from '../app/ports.js';

export interface SlidingWindowOptions {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Keys tracked at most; beyond it expired keys are swept, then the oldest dropped. */
  readonly maxKeys?: number;
}

export function slidingWindowLimiter(opts: SlidingWindowOptions): RateLimiter {
  const hits = new Map<string, number[]>();
  const maxKeys = opts.maxKeys ?? 50_000;

  const sweep = (now: number, windowMs: number) => {
    for (const [key, times] of hits) {
      if ((times[times.length - 1] ?? 0) <= now - windowMs) hits.delete(key);
    }
    for (const key of hits.keys()) {
      if (hits.size < maxKeys) break;
      hits.delete(key);
    }
  };

  return {
    take(key, limit, windowMs) {
      const now = opts.now();
      const recent = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        const oldest = recent[0] ?? now;
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
        };
      }
      if (!hits.has(key) && hits.size >= maxKeys) sweep(now, windowMs);
      recent.push(now);
      hits.set(key, recent);
      return { allowed: true };
    },
  } satisfies RateLimiter;
}
