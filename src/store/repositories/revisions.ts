import type { Kysely, Selectable, Transaction } from 'kysely';
import type { NewRevision, RevisionsRepository } from '../../app/articles/ports.js';
import type {
  ArticleSnapshot,
  Revision,
  RevisionReason,
  SnapshotField,
} from '../../domain/revision.js';
import type { Database } from '../schema.js';
import { fromDb, toDb } from './time.js';

type RevisionRow = Selectable<Database['article_revisions']>;
type Db = Kysely<Database> | Transaction<Database>;

/**
 * Revisions saved before snapshots existed kept only the title, body and excerpt; they read back
 * with the rest of the fields empty.
 */
function snapshotOf(r: RevisionRow): ArticleSnapshot {
  if (r.snapshot) return JSON.parse(r.snapshot) as ArticleSnapshot;
  return {
    title: r.title,
    slug: '',
    standfirst: '',
    bodySource: r.body_source,
    excerpt: r.excerpt,
    categories: [],
    tags: [],
    bylines: r.editor_id === null ? [] : [r.editor_id],
    commentsOpen: true,
    commentsCloseAt: null,
    linkbacksOpen: true,
    linkbacksCloseAt: null,
    publishedAt: null,
    unpublishAt: null,
    trackbackTo: [],
  };
}

const toRevision = (r: RevisionRow, number: number): Revision => ({
  id: r.id,
  articleId: r.article_id,
  number,
  editorId: r.editor_id,
  createdAt: fromDb(r.created_at),
  reason: r.reason as RevisionReason,
  changed: r.changed ? (r.changed.split(',') as SnapshotField[]) : [],
  snapshot: snapshotOf(r),
});

/** Revision numbers are positions in the article's history (1 = first), not row ids. */
export function revisionsRepository(db: Db) {
  const rows = (articleId: number) =>
    db
      .selectFrom('article_revisions')
      .selectAll()
      .where('article_id', '=', articleId)
      .orderBy('id')
      .execute();
  return {
    async add(rev: NewRevision, now: Date): Promise<Revision> {
      const row = await db
        .insertInto('article_revisions')
        .values({
          article_id: rev.articleId,
          title: rev.snapshot.title,
          body_source: rev.snapshot.bodySource,
          excerpt: rev.snapshot.excerpt,
          editor_id: rev.editorId,
          created_at: toDb(now),
          snapshot: JSON.stringify(rev.snapshot),
          changed: rev.changed.join(','),
          reason: rev.reason,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const count = await db
        .selectFrom('article_revisions')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('article_id', '=', rev.articleId)
        .where('id', '<=', row.id)
        .executeTakeFirstOrThrow();
      return toRevision(row, Number(count.n));
    },
    async list(articleId: number): Promise<Revision[]> {
      return (await rows(articleId)).map((r, i) => toRevision(r, i + 1));
    },
    async get(articleId: number, number: number): Promise<Revision | undefined> {
      if (!Number.isInteger(number) || number < 1) return undefined;
      const row = await db
        .selectFrom('article_revisions')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('id')
        .offset(number - 1)
        .limit(1)
        .executeTakeFirst();
      return row && toRevision(row, number);
    },
    async latest(articleId: number): Promise<Revision | undefined> {
      const all = await rows(articleId);
      const last = all.at(-1);
      return last && toRevision(last, all.length);
    },
  } satisfies RevisionsRepository;
}
