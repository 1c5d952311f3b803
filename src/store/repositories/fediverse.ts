import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  FediverseRepository,
  NewReaction,
  StoredReaction,
} from '../../app/fediverse/ports.js';
import type { FediverseReactionKind } from '../../app/fediverse/thread-port.js';
import type { Database } from '../schema.js';
import { newItemRow, toItem } from './discussion.js';
import { compiledOnce } from './compiled-query.js';
import { fromDb, toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;
type ReactionRow = Selectable<Database['fediverse_reactions']>;

export const toReaction = (r: ReactionRow): StoredReaction => ({
  id: r.id,
  articleId: r.article_id,
  kind: r.kind as FediverseReactionKind,
  activityId: r.activity_id,
  actor: {
    id: r.actor_id,
    handle: r.actor_handle,
    name: r.actor_name,
    profileUrl: r.profile_url,
    iconUrl: r.icon_url,
  },
  createdAt: fromDb(r.created_at),
});

/** Items of an actor, or of every actor whose id is on the host (or a subdomain of it). */
const hostPatterns = (host: string) => [
  `https://${host}/%`,
  `http://${host}/%`,
  `https://%.${host}/%`,
  `http://%.${host}/%`,
];

export function fediverseRepository(db: Db): FediverseRepository {
  // Read on every article page: built and compiled once (compiled-query.ts).
  const reactionsOf = compiledOnce<[number], ReactionRow>(db, (d) =>
    d
      .selectFrom('fediverse_reactions')
      .selectAll()
      .where('article_id', '=', 0)
      .orderBy('created_at')
      .orderBy('id'),
  );
  return {
    async insertItem(item, origin, now) {
      const row = await db
        .insertInto('discussion_items')
        .values({
          ...newItemRow(item, now),
          object_id: origin.objectId,
          actor_id: origin.actorId,
          actor_handle: origin.handle,
        })
        .onConflict((oc) => oc.column('object_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toItem(row) : null;
    },
    async findByObjectId(objectId) {
      const row = await db
        .selectFrom('discussion_items')
        .selectAll()
        .where('object_id', '=', objectId)
        .executeTakeFirst();
      return row && toItem(row);
    },
    async updateContent(itemId, c, now) {
      const row = await db
        .updateTable('discussion_items')
        .set({
          content_html: c.contentHtml,
          content_source: c.contentSource,
          author_name: c.authorName,
          author_url: c.authorUrl,
          author_photo: c.authorPhoto,
          actor_handle: c.handle,
          source_url: c.sourceUrl,
          updated_at: toDb(now),
        })
        .where('id', '=', itemId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toItem(row);
    },
    async countApprovedByActor(actorId) {
      const r = await db
        .selectFrom('discussion_items')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('actor_id', '=', actorId)
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async visibleItemsOf(by) {
      let q = db
        .selectFrom('discussion_items')
        .selectAll()
        .where('kind', '=', 'fediverse')
        .where('status', 'in', ['pending', 'approved']);
      q =
        'actorId' in by
          ? q.where('actor_id', '=', by.actorId)
          : q.where((eb) => eb.or(hostPatterns(by.host).map((p) => eb('actor_id', 'like', p))));
      return (await q.orderBy('id').execute()).map(toItem);
    },
    async upsertReaction(r: NewReaction, now) {
      const existing = await db
        .selectFrom('fediverse_reactions')
        .selectAll()
        .where('article_id', '=', r.articleId)
        .where('kind', '=', r.kind)
        .where('actor_id', '=', r.actor.id)
        .executeTakeFirst();
      const values = {
        activity_id: r.activityId,
        actor_handle: r.actor.handle,
        actor_name: r.actor.name,
        profile_url: r.actor.profileUrl,
        icon_url: r.actor.iconUrl,
      };
      if (existing) {
        const same =
          existing.activity_id === values.activity_id &&
          existing.actor_handle === values.actor_handle &&
          existing.actor_name === values.actor_name &&
          existing.profile_url === values.profile_url &&
          existing.icon_url === values.icon_url;
        if (same) return toReaction(existing);
        const row = await db
          .updateTable('fediverse_reactions')
          .set(values)
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toReaction(row);
      }
      const row = await db
        .insertInto('fediverse_reactions')
        .values({
          ...values,
          article_id: r.articleId,
          kind: r.kind,
          actor_id: r.actor.id,
          actor_host: r.actorHost,
          created_at: toDb(now),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toReaction(row);
    },
    async findReaction(activityId) {
      const row = await db
        .selectFrom('fediverse_reactions')
        .selectAll()
        .where('activity_id', '=', activityId)
        .executeTakeFirst();
      return row && toReaction(row);
    },
    async deleteReaction(id) {
      await db.deleteFrom('fediverse_reactions').where('id', '=', id).execute();
    },
    async deleteReactionsOf(by) {
      let q = db.deleteFrom('fediverse_reactions');
      q =
        'actorId' in by
          ? q.where('actor_id', '=', by.actorId)
          : q.where((eb) =>
              eb.or([eb('actor_host', '=', by.host), eb('actor_host', 'like', `%.${by.host}`)]),
            );
      const rows = await q.returning('article_id').execute();
      return [...new Set(rows.map((r) => r.article_id))];
    },
    async reactionsFor(articleId) {
      return (await reactionsOf(articleId)).map(toReaction);
    },
  };
}
