import type { Term, TermKind } from '../../domain/article.js';

/** A term in the admin's list: the term and how many articles it files. */
export interface TermListing extends Term {
  readonly articleCount: number;
}

/** The categories and tags as the admin, the API and `newsdesk term` manage them. */
export interface TermCatalog {
  list(kind: TermKind): Promise<TermListing[]>;
  findById(id: number): Promise<Term | undefined>;
  /** Inserts a term; `undefined` when the kind already has that slug. */
  insert(input: {
    kind: TermKind;
    name: string;
    slug: string;
    parentId: number | null;
    description: string;
  }): Promise<Term | undefined>;
  /** Changes name, slug, parent or description; `false` when another term of the kind holds the slug. */
  update(
    id: number,
    change: Partial<Pick<Term, 'name' | 'slug' | 'parentId' | 'description'>>,
  ): Promise<boolean>;
  /** The ids of the term's ancestors, nearest first (ends at a cycle if the data holds one). */
  ancestors(id: number): Promise<number[]>;
  /**
   * Deletes the term. Its articles lose it (their other terms stay); its child categories move
   * up to the deleted term's own parent.
   */
  delete(id: number): Promise<void>;
}
