/**
 * Author actors are opt-in per user: an author whose slug is on this list is followable as
 * `@slug@host` and posts the articles that carry their byline. Kept in the site settings.
 */
import { err, ok, type Result } from '../../domain/result.js';
import { failure, type Failure } from '../../domain/failures.js';
import type { Repositories } from '../ports.js';

export const AUTHOR_ACTORS_SETTING = 'fediverse.authorActors';

/** The site actor's name: no author can take it. */
const RESERVED = new Set(['site']);

export async function authorActorSlugs(repos: Pick<Repositories, 'settings'>): Promise<string[]> {
  const value = await repos.settings.get<unknown>(AUTHOR_ACTORS_SETTING);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Turns an author's actor on or off; the author is named by slug. */
export async function setAuthorActor(
  deps: { readonly repos: Pick<Repositories, 'settings' | 'users'> },
  slug: string,
  on: boolean,
): Promise<Result<{ slug: string; on: boolean }, Failure>> {
  if (RESERVED.has(slug)) return err(failure('conflict', `"${slug}" is the site actor's name`));
  const user = await deps.repos.users.findBySlug(slug);
  if (user === undefined) return err(failure('not_found', `no user with slug ${slug}`));
  const current = new Set(await authorActorSlugs(deps.repos));
  if (on) current.add(user.slug);
  else current.delete(user.slug);
  await deps.repos.settings.set(AUTHOR_ACTORS_SETTING, [...current].sort());
  return ok({ slug: user.slug, on });
}
