import type { Kysely, Selectable } from 'kysely';
import type { TermsRepository } from '../../app/articles/ports.js';
import type { Term, TermKind } from '../../domain/article.js';
import type { Database } from '../schema.js';
import { compiledOnce } from './compiled-query.js';

type TermRow = Selectable<Database['terms']>;

export const toTerm = (r: TermRow): Term => ({
  id: r.id,
  kind: r.kind as TermKind,
  name: r.name,
  slug: r.slug,
  parentId: r.parent_id,
  description: r.description,
});

export function termsRepository(db: Kysely<Database>) {
  const termsOf = (ids: readonly number[]) =>
    db
      .selectFrom('article_terms')
      .innerJoin('terms', 'terms.id', 'article_terms.term_id')
      .selectAll('terms')
      .select('article_terms.article_id')
      .where('article_terms.article_id', 'in', ids)
      .orderBy('terms.name');
  /** An article page asks for one article's terms: that query is compiled once. */
  const termsOfOne = compiledOnce<[number], TermRow & { article_id: number }>(db, () =>
    termsOf([0]),
  );
  return {
    async findBySlug(kind: TermKind, slug: string): Promise<Term | undefined> {
      const row = await db
        .selectFrom('terms')
        .selectAll()
        .where('kind', '=', kind)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toTerm(row);
    },
    /** Returns the term with this slug, creating it when absent (safe under races). */
    async ensure(
      kind: TermKind,
      name: string,
      slug: string,
      parentId: number | null = null,
    ): Promise<Term> {
      await db
        .insertInto('terms')
        .values({ kind, name, slug, parent_id: parentId, description: '' })
        .onConflict((oc) => oc.columns(['kind', 'slug']).doNothing())
        .execute();
      const row = await db
        .selectFrom('terms')
        .selectAll()
        .where('kind', '=', kind)
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      return toTerm(row);
    },
    async attach(articleId: number, termIds: readonly number[]): Promise<void> {
      if (termIds.length === 0) return;
      await db
        .insertInto('article_terms')
        .values(termIds.map((term_id) => ({ article_id: articleId, term_id })))
        .onConflict((oc) => oc.columns(['article_id', 'term_id']).doNothing())
        .execute();
    },
    async forArticles(articleIds: readonly number[]): Promise<Map<number, Term[]>> {
      const map = new Map<number, Term[]>();
      if (articleIds.length === 0) return map;
      const [only] = articleIds;
      const rows =
        articleIds.length === 1 && only !== undefined
          ? await termsOfOne(only)
          : await termsOf(articleIds).execute();
      for (const r of rows) {
        const list = map.get(r.article_id) ?? [];
        list.push(toTerm(r));
        map.set(r.article_id, list);
      }
      return map;
    },
    /** The term and all its descendants (category archives include subcategories). */
    async withDescendants(termId: number): Promise<number[]> {
      // `union` (not `union all`) drops rows already found, so a cycle of parents ends.
      const rows = await db
        .withRecursive('tree(id)', (qb) =>
          qb
            .selectFrom('terms')
            .select('terms.id')
            .where('terms.id', '=', termId)
            .union(
              qb
                .selectFrom('terms')
                .innerJoin('tree', 'tree.id', 'terms.parent_id')
                .select('terms.id'),
            ),
        )
        .selectFrom('tree')
        .select('tree.id')
        .execute();
      const ids = rows.map((r) => r.id).filter((id) => id !== termId);
      return [termId, ...ids.sort((a, b) => a - b)];
    },
    async replace(articleId: number, termIds: readonly number[]): Promise<void> {
      let drop = db.deleteFrom('article_terms').where('article_id', '=', articleId);
      if (termIds.length > 0) drop = drop.where('term_id', 'not in', termIds);
      await drop.execute();
      await this.attach(articleId, termIds);
    },
  } satisfies TermsRepository;
}
