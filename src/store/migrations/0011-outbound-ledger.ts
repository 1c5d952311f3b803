import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * The outbound linkback ledger (the `outbound_linkbacks` table of 0001) gets what sending
 * needs: the receiver's HTTP answer, when the next attempt is due, the content state a row was
 * last queued for (so unchanged content is not notified twice), whether the body still links
 * there (a removed link is notified once more), whether it is a TrackBack ping URL the editor
 * listed, when it was last sent, and a round number that tells a stale job from the current one.
 */
export function outboundLedgerMigration() {
  return {
    async up(db: AnyDb): Promise<void> {
      const table = () => db.schema.alterTable('outbound_linkbacks');
      // 'link': a page the body links to; 'trackback': a ping URL the editor listed.
      await table()
        .addColumn('kind', 'varchar(20)', (c) => c.notNull().defaultTo('link'))
        .execute();
      await table().addColumn('http_status', 'integer').execute();
      await table().addColumn('next_attempt_at', 'varchar(30)').execute();
      // The article state (URL, title, body; or "gone") this row was last queued for.
      await table().addColumn('content_hash', 'varchar(64)').execute();
      // 1 while the body links to the target; 0 once its removal has been queued.
      await table()
        .addColumn('linked', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // Bumped each time the row is queued again: a job for an older round does nothing.
      await table()
        .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await table().addColumn('sent_at', 'varchar(30)').execute();
    },
  };
}
