/** Read-only figures for operators: readiness and the metrics endpoint (src/main/metrics.ts). */
import { Migrator, sql } from 'kysely';
import type { Store } from './database.js';
import { migrations } from './migrations/index.js';

export interface DiscussionCount {
  readonly kind: string;
  readonly status: string;
  readonly count: number;
}

/** Discussion items per kind and moderation status. */
export async function discussionCounts(store: Store): Promise<DiscussionCount[]> {
  const rows = await store.db
    .selectFrom('discussion_items')
    .select((eb) => ['kind', 'status', eb.fn.countAll<number | bigint>().as('n')])
    .groupBy(['kind', 'status'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.n) }));
}

export type SchemaState =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'database_unreachable' | 'migrations_pending';
      readonly detail: string;
    };

/**
 * Whether the database answers and every migration this build knows has run: what /readyz
 * reports. Reads only (Kysely's migration table); never migrates.
 */
export async function schemaState(store: Store): Promise<SchemaState> {
  try {
    await sql`select 1`.execute(store.db);
  } catch (error) {
    return { ok: false, reason: 'database_unreachable', detail: messageOf(error) };
  }
  try {
    const schema =
      store.caps.dialect === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s
        : undefined;
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => migrations(store.caps) },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const pending = (await migrator.getMigrations()).filter((m) => m.executedAt === undefined);
    if (pending.length > 0) {
      return {
        ok: false,
        reason: 'migrations_pending',
        detail: pending.map((m) => m.name).join(', '),
      };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: 'database_unreachable', detail: messageOf(error) };
  }
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
