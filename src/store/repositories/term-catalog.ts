import type { Kysely, Transaction } from 'kysely';
import type { TermCatalog, TermListing } from '../../app/terms/ports.js';
import type { Term, TermKind } from '../../domain/article.js';
import type { Database } from '../schema.js';
import { toTerm } from './terms.js';

/** The admin's view of categories and tags (src/app/terms). */
export function termCatalog(db: Kysely<Database> | Transaction<Database>) {
  const slugHeldByOther = async (kind: string, slug: string, id: number) =>
    (await db
      .selectFrom('terms')
      .select('id')
      .where('kind', '=', kind)
      .where('slug', '=', slug)
      .where('id', '!=', id)
      .executeTakeFirst()) !== undefined;
  return {
    async list(kind: TermKind): Promise<TermListing[]> {
      const rows = await db
        .selectFrom('terms')
        .leftJoin('article_terms', 'article_terms.term_id', 'terms.id')
        .selectAll('terms')
        .select((eb) => eb.fn.count<string | number>('article_terms.article_id').as('n'))
        .where('terms.kind', '=', kind)
        .groupBy([
          'terms.id',
          'terms.kind',
          'terms.name',
          'terms.slug',
          'terms.parent_id',
          'terms.description',
        ])
        .orderBy('terms.name')
        .orderBy('terms.id')
        .execute();
      return rows.map(({ n, ...r }) => ({ ...toTerm(r), articleCount: Number(n) }));
    },
    async findById(id: number): Promise<Term | undefined> {
      const row = await db.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toTerm(row);
    },
    async insert(input): Promise<Term | undefined> {
      const row = await db
        .insertInto('terms')
        .values({
          kind: input.kind,
          name: input.name,
          slug: input.slug,
          parent_id: input.parentId,
          description: input.description,
        })
        .onConflict((oc) => oc.columns(['kind', 'slug']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row && toTerm(row);
    },
    async update(id, change): Promise<boolean> {
      const current = await db
        .selectFrom('terms')
        .select(['kind'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) return true;
      if (change.slug !== undefined && (await slugHeldByOther(current.kind, change.slug, id)))
        return false;
      const values: Partial<Record<'name' | 'slug' | 'parent_id' | 'description', unknown>> = {};
      if (change.name !== undefined) values.name = change.name;
      if (change.slug !== undefined) values.slug = change.slug;
      if (change.parentId !== undefined) values.parent_id = change.parentId;
      if (change.description !== undefined) values.description = change.description;
      if (Object.keys(values).length === 0) return true;
      await db
        .updateTable('terms')
        .set(values as { name?: string })
        .where('id', '=', id)
        .execute();
      return true;
    },
    async ancestors(id: number): Promise<number[]> {
      const seen: number[] = [];
      let at: number | null = id;
      // A walk, not a recursive query: hierarchies are shallow, and a cycle in old data ends it.
      while (at !== null) {
        const row: { parent_id: number | null } | undefined = await db
          .selectFrom('terms')
          .select('parent_id')
          .where('id', '=', at)
          .executeTakeFirst();
        const parent: number | null = row?.parent_id ?? null;
        if (parent === null || seen.includes(parent) || parent === id) break;
        seen.push(parent);
        at = parent;
      }
      return seen;
    },
    async delete(id: number): Promise<void> {
      const row = await db
        .selectFrom('terms')
        .select('parent_id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return;
      await db
        .updateTable('terms')
        .set({ parent_id: row.parent_id })
        .where('parent_id', '=', id)
        .execute();
      await db.deleteFrom('article_terms').where('term_id', '=', id).execute();
      await db.deleteFrom('terms').where('id', '=', id).execute();
    },
  } satisfies TermCatalog;
}
