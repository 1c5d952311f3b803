import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  OutboundKind,
  OutboundLinkback,
  OutboundLinkbackRepository,
  OutboundProtocol,
  OutboundStatus,
} from '../../app/linkbacks/send-ports.js';
import type { Database } from '../schema.js';
import { fromDb, fromDbOrNull, toDb, toDbOrNull } from './time.js';

type Row = Selectable<Database['outbound_linkbacks']>;

const PROTOCOLS = new Set<string>(['webmention', 'pingback', 'trackback']);
const STATUSES = new Set<string>(['queued', 'sent', 'failed', 'gave_up', 'no_endpoint', 'skipped']);

const toRecord = (r: Row): OutboundLinkback => ({
  id: r.id,
  articleId: r.article_id,
  kind: (r.kind === 'trackback' ? 'trackback' : 'link') satisfies OutboundKind,
  targetUrl: r.target_url,
  protocol: r.protocol && PROTOCOLS.has(r.protocol) ? (r.protocol as OutboundProtocol) : null,
  endpoint: r.endpoint,
  // A status this code does not know (a newer version wrote it) reads as queued.
  status: STATUSES.has(r.status) ? (r.status as OutboundStatus) : 'queued',
  httpStatus: r.http_status,
  statusUrl: r.status_url,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: fromDbOrNull(r.next_attempt_at),
  contentHash: r.content_hash,
  linked: r.linked === 1,
  round: r.round,
  sentAt: fromDbOrNull(r.sent_at),
  createdAt: fromDb(r.created_at),
  updatedAt: fromDb(r.updated_at),
});

/** Error text from receivers is theirs: keep the ledger's copy short. */
const clip = (text: string | null): string | null => (text === null ? null : text.slice(0, 500));

/** The outbound linkback ledger: one row per (article, target URL). */
export function outboundLinkbacksRepository(db: Kysely<Database>) {
  const byId = (id: number) =>
    db.selectFrom('outbound_linkbacks').selectAll().where('id', '=', id).executeTakeFirst();
  const reset = (now: Date) => ({
    status: 'queued',
    attempts: 0,
    http_status: null,
    last_error: null,
    next_attempt_at: toDb(now),
    round: sql<number>`round + 1`,
    updated_at: toDb(now),
  });
  return {
    async queue(articleId, entries, now) {
      const out: OutboundLinkback[] = [];
      for (const e of entries) {
        // Insert, or reset the row the (article, target) pair already has; the unique
        // constraint decides atomically, so two planners racing cannot make two rows.
        const row = await db
          .insertInto('outbound_linkbacks')
          .values({
            article_id: articleId,
            target_url: e.targetUrl,
            kind: e.kind,
            protocol: e.kind === 'trackback' ? 'trackback' : null,
            endpoint: e.kind === 'trackback' ? e.targetUrl : null,
            status: 'queued',
            attempts: 0,
            last_error: null,
            status_url: null,
            http_status: null,
            next_attempt_at: toDb(now),
            content_hash: e.contentHash,
            linked: e.linked ? 1 : 0,
            round: 1,
            sent_at: null,
            created_at: toDb(now),
            updated_at: toDb(now),
          })
          .onConflict((oc) =>
            oc.columns(['article_id', 'target_url']).doUpdateSet({
              ...reset(now),
              round: sql<number>`outbound_linkbacks.round + 1`,
              content_hash: e.contentHash,
              linked: e.linked ? 1 : 0,
            }),
          )
          .returningAll()
          .executeTakeFirstOrThrow();
        out.push(toRecord(row));
      }
      return out;
    },
    async requeue(ids, now) {
      if (ids.length === 0) return [];
      await db.updateTable('outbound_linkbacks').set(reset(now)).where('id', 'in', ids).execute();
      const rows = await db
        .selectFrom('outbound_linkbacks')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },
    async find(id) {
      const row = await byId(id);
      return row && toRecord(row);
    },
    async forArticle(articleId) {
      const rows = await db
        .selectFrom('outbound_linkbacks')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },
    async recordEndpoint(id, round, found, now) {
      const result = await db
        .updateTable('outbound_linkbacks')
        .set({
          protocol: found?.protocol ?? null,
          endpoint: found?.endpoint ?? null,
          updated_at: toDb(now),
        })
        .where('id', '=', id)
        .where('round', '=', round)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async recordOutcome(id, round, o, now) {
      const result = await db
        .updateTable('outbound_linkbacks')
        .set({
          status: o.status,
          attempts: o.attempts,
          ...(o.httpStatus === undefined ? {} : { http_status: o.httpStatus }),
          ...(o.statusUrl === undefined ? {} : { status_url: o.statusUrl }),
          last_error: clip(o.lastError),
          next_attempt_at: toDbOrNull(o.nextAttemptAt),
          ...(o.sentAt ? { sent_at: toDb(o.sentAt) } : {}),
          updated_at: toDb(now),
        })
        .where('id', '=', id)
        .where('round', '=', round)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  } satisfies OutboundLinkbackRepository;
}
