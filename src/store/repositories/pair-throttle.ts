import type { Kysely } from 'kysely';
import type { PairThrottleRepository } from '../../app/linkbacks/ports.js';
import type { Database } from '../schema.js';
import { fromDb, toDb } from './time.js';

/**
 * The linkback pair throttle in the store. `take` is one conditional upsert: it inserts the pair,
 * or renews a window that has ended, and returns the row only when it did. A concurrent request
 * for the same pair waits on the row (PostgreSQL) or the write lock (SQLite) and then sees the
 * window taken, so two processes cannot both accept the pair.
 */
export function pairThrottleRepository(db: Kysely<Database>) {
  return {
    async take(key, windowMs, now) {
      const nowIso = toDb(now);
      const taken = await db
        .insertInto('linkback_pair_throttle')
        .values({ pair_key: key, expires_at: toDb(new Date(now.getTime() + windowMs)) })
        .onConflict((oc) =>
          oc
            .column('pair_key')
            .doUpdateSet((eb) => ({ expires_at: eb.ref('excluded.expires_at') }))
            .where('linkback_pair_throttle.expires_at', '<=', nowIso),
        )
        .returning('pair_key')
        .executeTakeFirst();
      if (taken) return { allowed: true };
      const held = await db
        .selectFrom('linkback_pair_throttle')
        .select('expires_at')
        .where('pair_key', '=', key)
        .executeTakeFirst();
      const until = held ? fromDb(held.expires_at).getTime() : now.getTime() + windowMs;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)),
      };
    },
    async sweep(now) {
      await db.deleteFrom('linkback_pair_throttle').where('expires_at', '<=', toDb(now)).execute();
    },
  } satisfies PairThrottleRepository;
}
