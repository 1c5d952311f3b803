/** What the user use cases need from storage. */
import type { Author, UserRole } from '../../domain/article.js';

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly slug: string;
  readonly role: UserRole;
  readonly passwordHash: string | null;
  readonly bio?: string;
  readonly url?: string | null;
}

export interface UsersRepository {
  /** The new user, or null when the email or the slug was taken meanwhile (a racing insert). */
  insert(user: NewUser, now: Date): Promise<Author | null>;
  findByEmail(email: string): Promise<Author | undefined>;
  findBySlug(slug: string): Promise<Author | undefined>;
  findById(id: number): Promise<Author | undefined>;
  findByIds(ids: readonly number[]): Promise<Author[]>;
  /** The users with a byline on the article, in byline order (one statement). */
  bylinesOf(articleId: number): Promise<Author[]>;
  listByRoles(roles: readonly UserRole[]): Promise<Author[]>;
  slugTaken(slug: string): Promise<boolean>;
  count(): Promise<number>;
}
