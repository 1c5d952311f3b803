import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  ArticleEvent,
  ArticleEventsRepository,
  ArticleEventType,
  LoggedArticleEvent,
} from '../../app/articles/events.js';
import type { Database } from '../schema.js';
import { fromDb, toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;

const toLogged = (r: Selectable<Database['article_events']>): LoggedArticleEvent => ({
  id: r.id,
  articleId: r.article_id,
  type: r.type as ArticleEventType,
  actorId: r.actor_id,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  createdAt: fromDb(r.created_at),
});

export function articleEventsRepository(db: Db) {
  return {
    async record(event: ArticleEvent): Promise<void> {
      const { type, articleId, actorId, at, ...detail } = event;
      await db
        .insertInto('article_events')
        .values({
          article_id: articleId,
          type,
          actor_id: actorId,
          detail: JSON.stringify(detail),
          created_at: toDb(at),
        })
        .execute();
    },
    async forArticle(articleId: number): Promise<LoggedArticleEvent[]> {
      const rows = await db
        .selectFrom('article_events')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('id')
        .execute();
      return rows.map(toLogged);
    },
    async recent(limit: number): Promise<LoggedArticleEvent[]> {
      const rows = await db
        .selectFrom('article_events')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toLogged);
    },
  } satisfies ArticleEventsRepository;
}
