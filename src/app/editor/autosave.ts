/**
 * Autosave of what an editor has typed but not saved: one record per article and user, never a
 * revision, overwritten by each autosave and cleared by a save. The same records say who else
 * has the article open, for the editor's "also editing" notice.
 */
import { z } from 'zod';
import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { authorizeOnArticle } from '../auth/authorize.js';
import type { AppDeps } from '../deps.js';
import { AUTOSAVED_FIELDS } from './editor-form.js';
import type { EditorPresence } from './ports.js';

/** Someone seen on an article within this long is "also editing" it. */
export const EDITING_WINDOW_MS = 10 * 60 * 1000;

const text = (max: number) => z.string().max(max, `at most ${max} characters`);

/** The fields an autosave keeps, each bounded as the article's own rules bound it. */
export const autosaveFields = z
  .object({
    title: text(300),
    slug: text(200),
    excerpt: text(1000),
    standfirst: text(1000),
    body: text(2_000_000),
    categories: text(20_000),
    tags: text(20_000),
    trackback_to: text(50_000),
  })
  .partial()
  .strip();
export type AutosaveFields = z.output<typeof autosaveFields>;

export interface AutosaveResult {
  readonly savedAt: Date;
  readonly othersEditing: readonly EditorPresence[];
}

export interface PendingAutosave {
  readonly fields: AutosaveFields;
  readonly revision: number;
  readonly savedAt: Date;
}

type Deps = Pick<AppDeps, 'repos' | 'clock'>;

/** The article, when the user may edit it. */
async function editable(deps: Deps, user: Author, articleId: number) {
  const article = await deps.repos.articles.findById(articleId);
  if (!article || article.deletedAt) {
    return err(failure('not_found', `no article with id ${articleId}`));
  }
  const bylines = (await deps.repos.articles.bylines([article.id])).get(article.id) ?? [
    article.authorId,
  ];
  const may = authorizeOnArticle(user, 'edit', bylines);
  return may.ok ? ok(article) : may;
}

const others = (deps: Deps, articleId: number, userId: number) =>
  deps.repos.autosaves.othersSince(
    articleId,
    userId,
    new Date(deps.clock().getTime() - EDITING_WINDOW_MS),
  );

export async function autosaveArticle(
  deps: Deps,
  user: Author,
  req: { readonly articleId: number; readonly fields: unknown; readonly revision: unknown },
): Promise<Result<AutosaveResult, Failure>> {
  const article = await editable(deps, user, req.articleId);
  if (!article.ok) return article;
  const fields = autosaveFields.safeParse(req.fields);
  if (!fields.success) {
    const issue = fields.error.issues[0];
    return err(failure('invalid_input', `${issue?.path.join('.') || 'fields'}: ${issue?.message}`));
  }
  const revision = z.coerce.number().int().nonnegative().safeParse(req.revision);
  if (!revision.success) return err(failure('invalid_input', 'revision: not a revision number'));
  const now = deps.clock();
  await deps.repos.autosaves.save(
    {
      articleId: req.articleId,
      userId: user.id,
      fields: JSON.stringify(fields.data),
      revision: revision.data,
    },
    now,
  );
  return ok({ savedAt: now, othersEditing: await others(deps, req.articleId, user.id) });
}

/**
 * The editor opening an article: the user is marked present, and learns who else is, and
 * whether they left unsaved changes of their own.
 */
export async function openInEditor(
  deps: Deps,
  user: Author,
  articleId: number,
): Promise<
  Result<
    { readonly pending: PendingAutosave | null; readonly othersEditing: EditorPresence[] },
    Failure
  >
> {
  const article = await editable(deps, user, articleId);
  if (!article.ok) return article;
  const stored = await deps.repos.autosaves.find(articleId, user.id);
  await deps.repos.autosaves.touch(articleId, user.id, deps.clock());
  let pending: PendingAutosave | null = null;
  if (stored?.fields && stored.savedAt) {
    let json: unknown = null;
    try {
      json = JSON.parse(stored.fields);
    } catch {
      // A record this code did not write: offered as nothing rather than refused.
    }
    const fields = autosaveFields.safeParse(json);
    if (fields.success && AUTOSAVED_FIELDS.some((f) => fields.data[f] !== undefined)) {
      pending = { fields: fields.data, revision: stored.revision ?? 0, savedAt: stored.savedAt };
    }
  }
  return ok({ pending, othersEditing: await others(deps, articleId, user.id) });
}

export async function discardAutosave(
  deps: Deps,
  user: Author,
  articleId: number,
): Promise<Result<void, Failure>> {
  const article = await editable(deps, user, articleId);
  if (!article.ok) return article;
  await deps.repos.autosaves.clear(articleId, user.id);
  return ok(undefined);
}
