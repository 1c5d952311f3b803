/**
 * The editor's preview: the body drawn by the very renderer and sanitiser the article page's body
 * comes from (deps.markup.article, with the same library pictures), so what the preview shows is
 * what publishing shows.
 */
import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { TrustedHtml } from '../../domain/trusted-html.js';
import { authorize, authorizeOnArticle } from '../auth/authorize.js';
import { createArticleInput } from '../articles/create-article.js';
import type { AppDeps } from '../deps.js';
import { resolveArticleMedia } from '../media/article-media.js';

export interface Preview {
  readonly html: TrustedHtml;
  /** A problem publishing would refuse (an unknown library image), shown beside the preview. */
  readonly problem: string | null;
}

type Deps = Pick<AppDeps, 'repos' | 'markup'>;

/** The body as the article page would show it, with `featuredId` as its featured image. */
export async function previewBody(
  deps: Deps,
  markdown: string,
  featuredId: number | null,
): Promise<Result<Preview, Failure>> {
  const body = createArticleInput.shape.bodyMarkdown.safeParse(markdown.replace(/\r\n?/g, '\n'));
  if (!body.success) {
    return err(failure('invalid_input', `body: ${body.error.issues[0]?.message}`));
  }
  const media = await resolveArticleMedia(deps.repos, body.data, featuredId, false);
  const html = deps.markup.article(body.data, {
    media: media.ok ? media.value.pictures : new Map(),
    eagerFirstImage: !(media.ok ? media.value.featured : featuredId),
  });
  return ok({ html, problem: media.ok ? null : media.error.message });
}

/** The preview of an unsaved article: for anyone who may write one. */
export function previewNew(
  deps: Deps,
  user: Author,
  markdown: string,
  featuredId: number | null,
): Promise<Result<Preview, Failure>> {
  const may = authorize(user, 'article.create');
  if (!may.ok) return Promise.resolve(may);
  return previewBody(deps, markdown, featuredId);
}

/** The preview of an article's new body: for who may edit it, with its featured image. */
export async function previewArticle(
  deps: Deps,
  user: Author,
  articleId: number,
  markdown: string,
): Promise<Result<Preview, Failure>> {
  const article = await deps.repos.articles.findById(articleId);
  if (!article || article.deletedAt) {
    return err(failure('not_found', `no article with id ${articleId}`));
  }
  const bylines = (await deps.repos.articles.bylines([article.id])).get(article.id) ?? [
    article.authorId,
  ];
  const may = authorizeOnArticle(user, 'edit', bylines);
  if (!may.ok) return may;
  return previewBody(deps, markdown, article.featuredMediaId ?? null);
}
