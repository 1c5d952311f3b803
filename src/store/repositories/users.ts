import type { Kysely, Selectable } from 'kysely';
import type { NewUser, UsersRepository } from '../../app/users/ports.js';
import type { Author, UserRole } from '../../domain/article.js';
import type { Database } from '../schema.js';
import { compiledOnce } from './compiled-query.js';
import { toDb } from './time.js';

type UserRow = Selectable<Database['users']>;

export const toAuthor = (r: UserRow): Author => ({
  id: r.id,
  email: r.email,
  name: r.name,
  slug: r.slug,
  role: r.role as UserRole,
  bio: r.bio,
  url: r.url,
});

export function usersRepository(db: Kysely<Database>) {
  // Read on every article page: built and compiled once (compiled-query.ts).
  const byId = compiledOnce<[number], UserRow>(db, (d) =>
    d.selectFrom('users').selectAll().where('id', '=', 0),
  );
  const bylines = compiledOnce<[number], UserRow>(db, (d) =>
    d
      .selectFrom('article_authors')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .selectAll('users')
      .where('article_authors.article_id', '=', 0)
      .orderBy('article_authors.position'),
  );
  return {
    /** The new user, or null when the email or the slug was taken meanwhile (a racing insert). */
    async insert(u: NewUser, now: Date): Promise<Author | null> {
      const row = await db
        .insertInto('users')
        .values({
          email: u.email,
          name: u.name,
          slug: u.slug,
          role: u.role,
          password_hash: u.passwordHash,
          bio: u.bio ?? '',
          url: u.url ?? null,
          created_at: toDb(now),
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toAuthor(row) : null;
    },
    async findByEmail(email: string): Promise<Author | undefined> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row && toAuthor(row);
    },
    async findBySlug(slug: string): Promise<Author | undefined> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toAuthor(row);
    },
    async findById(id: number): Promise<Author | undefined> {
      const [row] = await byId(id);
      return row && toAuthor(row);
    },
    async findByIds(ids: readonly number[]): Promise<Author[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
      return rows.map(toAuthor);
    },
    async bylinesOf(articleId: number): Promise<Author[]> {
      return (await bylines(articleId)).map(toAuthor);
    },
    async listByRoles(roles: readonly UserRole[]): Promise<Author[]> {
      if (roles.length === 0) return [];
      const rows = await db.selectFrom('users').selectAll().where('role', 'in', roles).execute();
      return rows.map(toAuthor);
    },
    async slugTaken(slug: string): Promise<boolean> {
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row !== undefined;
    },
    async count(): Promise<number> {
      const r = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  } satisfies UsersRepository;
}
