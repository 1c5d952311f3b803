import { createArticle, type CreateArticleInput } from '../../src/app/articles/create-article.js';
import type { AppDeps } from '../../src/app/deps.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { Author } from '../../src/domain/article.js';

export async function anAuthor(deps: AppDeps, name = 'Ada Reporter'): Promise<Author> {
  const email = `${name
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '')}@example.org`;
  const r = await addUser(deps, { email, name, role: 'author' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function anArticle(
  deps: AppDeps,
  author: Author,
  over: Partial<CreateArticleInput> = {},
) {
  const r = await createArticle(deps, {
    title: 'A story',
    bodyMarkdown: 'Some *body* text.',
    authorId: author.id,
    publish: { kind: 'now' },
    ...over,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
