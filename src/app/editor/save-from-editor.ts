/**
 * The editor's save: the form read field by field (editor-form.ts), the role checked on the
 * article (the "-own" or "-any" permission), then the same use cases the CLI and the API call:
 * createArticle, updateArticle (with the revision the form was loaded at, so a save over someone
 * else's newer one is refused), setFeaturedImage, correctArticle, unpublishArticle.
 */
import type { Article, Author } from '../../domain/article.js';
import type { FailureCode } from '../../domain/failures.js';
import { canOnArticle } from '../../domain/permissions.js';
import { err, ok, type Result } from '../../domain/result.js';
import { utcToZonedLocal } from '../../domain/zoned-time.js';
import { authorize, authorizeOnArticle } from '../auth/authorize.js';
import { correctArticle } from '../articles/correct-article.js';
import { createArticle } from '../articles/create-article.js';
import { diffRevisions } from '../articles/revisions.js';
import type { SnapshotDiff } from '../articles/revision-diff.js';
import { unpublishArticle } from '../articles/unpublish-article.js';
import { updateArticle, type ArticleChanges } from '../articles/update-article.js';
import type { AppDeps } from '../deps.js';
import { setFeaturedImage } from '../media/featured-image.js';
import {
  fieldOfFailure,
  parseEditorForm,
  type EditorAction,
  type EditorInput,
  type EditorValues,
  type FieldErrors,
} from './editor-form.js';

/** Someone else saved the article after the form was loaded. */
export interface EditConflict {
  readonly revision: number;
  readonly editorName: string;
  readonly at: Date;
  /** From the revision the form was loaded at to the article as it is now. */
  readonly diff: SnapshotDiff | null;
}

export interface EditorRefusal {
  readonly code: FailureCode;
  readonly message: string;
  readonly fields: FieldErrors;
  readonly conflict?: EditConflict;
}

export interface EditorSaved {
  readonly article: Article;
  readonly url: string;
  /** What happened, for the page after the redirect. */
  readonly done: 'created' | 'saved' | 'published' | 'scheduled' | 'unpublished' | 'unchanged';
}

export interface EditorSaveRequest {
  readonly user: Author;
  readonly values: EditorValues;
  readonly action: Exclude<EditorAction, 'preview'>;
}

type Outcome = Result<EditorSaved, EditorRefusal>;

const refusal = (
  code: FailureCode,
  message: string,
  fields: FieldErrors = {},
  conflict?: EditConflict,
): { readonly ok: false; readonly error: EditorRefusal } =>
  err({ code, message, fields, ...(conflict ? { conflict } : {}) });

const CHECK_FIELDS = 'Some fields need attention: see the messages beside them.';

/** A use case's failure, its message put beside the field it names. */
function refusedBy(f: { code: FailureCode; message: string }) {
  const { field, message } = fieldOfFailure(f.message);
  return refusal(f.code, field === 'form' ? f.message : CHECK_FIELDS, { [field]: message });
}

function parsed(deps: Pick<AppDeps, 'timezone'>, values: EditorValues) {
  const { input, errors } = parseEditorForm(values, deps.timezone);
  return input ? ok(input) : refusal('invalid_input', CHECK_FIELDS, errors);
}

/** Writers must keep their own byline unless they may edit anyone's articles. */
function keepsOwnByline(user: Author, input: EditorInput) {
  return input.bylines.includes(user.id) || canOnArticle(user.role, 'edit', false);
}
const OWN_BYLINE = 'keep your own byline: without it you could not edit the article again';

export async function createFromEditor(deps: AppDeps, req: EditorSaveRequest): Promise<Outcome> {
  const allowed = authorize(req.user, 'article.create');
  if (!allowed.ok) return refusal('forbidden', allowed.error.message);
  const read = parsed(deps, req.values);
  if (!read.ok) return read;
  const input = read.value;
  if (!keepsOwnByline(req.user, input)) {
    return refusal('invalid_input', CHECK_FIELDS, { coauthors: OWN_BYLINE });
  }
  if (req.action === 'unpublish') return refusal('invalid_input', 'a new article is not published');
  if (req.action !== 'save') {
    const may = authorizeOnArticle(req.user, 'publish', input.bylines);
    if (!may.ok) return refusal('forbidden', may.error.message);
  }
  if (req.action === 'schedule' && !input.publishAt) {
    return refusal('invalid_input', CHECK_FIELDS, { publish_at: 'choose when to publish' });
  }
  const [authorId = req.user.id, ...coAuthorIds] = input.bylines;
  const created = await createArticle(deps, {
    title: input.title,
    bodyMarkdown: input.bodyMarkdown,
    standfirst: input.standfirst,
    authorId,
    coAuthorIds,
    categories: input.categories,
    tags: input.tags,
    publish:
      req.action === 'publish'
        ? { kind: 'now' }
        : req.action === 'schedule' && input.publishAt
          ? { kind: 'at', at: input.publishAt }
          : { kind: 'draft' },
    comments: input.commentsOpen,
    linkbacks: input.linkbacksOpen,
    trackbackTo: input.trackbackTo,
    sendLinkbacks: input.sendLinkbacks,
    ...(input.excerpt ? { excerpt: input.excerpt } : {}),
    ...(input.slug ? { slug: input.slug } : {}),
    ...(input.unpublishAt ? { unpublishAt: input.unpublishAt } : {}),
    ...(input.featuredMediaId ? { featuredMediaId: input.featuredMediaId } : {}),
  });
  if (!created.ok) return refusedBy(created.error);
  let article = created.value.article;
  // createArticle opens the discussion without close dates; they are a second, small save.
  if (input.commentsCloseAt || input.linkbacksCloseAt) {
    const dated = await updateArticle(deps, {
      articleId: article.id,
      editorId: req.user.id,
      changes: { commentsCloseAt: input.commentsCloseAt, linkbacksCloseAt: input.linkbacksCloseAt },
      silent: true,
    });
    if (!dated.ok) return refusedBy(dated.error);
    article = dated.value.article;
  }
  return ok({
    article,
    url: created.value.url,
    done:
      article.status === 'published'
        ? 'published'
        : article.status === 'scheduled'
          ? 'scheduled'
          : 'created',
  });
}

/** True when the form's minute-precision time means something else than the stored one. */
function movedTime(deps: Pick<AppDeps, 'timezone'>, stored: Date | null, typed: Date | null) {
  const local = (d: Date | null) => (d ? utcToZonedLocal(d, deps.timezone) : '');
  return local(stored) !== local(typed);
}

function changesOf(
  deps: Pick<AppDeps, 'timezone'>,
  before: Article,
  input: EditorInput,
  action: EditorSaveRequest['action'],
): ArticleChanges {
  const publish: ArticleChanges['publish'] =
    action === 'publish'
      ? { kind: 'now' }
      : action === 'schedule' && input.publishAt
        ? { kind: 'at', at: input.publishAt }
        : action === 'save' &&
            before.status === 'scheduled' &&
            input.publishAt &&
            movedTime(deps, before.publishedAt, input.publishAt)
          ? { kind: 'at', at: input.publishAt }
          : undefined;
  const dates = {
    ...(movedTime(deps, before.unpublishAt, input.unpublishAt)
      ? { unpublishAt: input.unpublishAt }
      : {}),
    ...(movedTime(deps, before.comments.closesAt, input.commentsCloseAt)
      ? { commentsCloseAt: input.commentsCloseAt }
      : {}),
    ...(movedTime(deps, before.linkbacks.closesAt, input.linkbacksCloseAt)
      ? { linkbacksCloseAt: input.linkbacksCloseAt }
      : {}),
  };
  return {
    title: input.title,
    // An emptied slug keeps the article's: a permalink is not taken away by a blank field.
    ...(input.slug ? { slug: input.slug } : {}),
    bodyMarkdown: input.bodyMarkdown,
    standfirst: input.standfirst,
    excerpt: input.excerpt,
    categories: input.categories,
    tags: input.tags,
    bylines: input.bylines,
    commentsOpen: input.commentsOpen,
    linkbacksOpen: input.linkbacksOpen,
    trackbackTo: input.trackbackTo,
    sendLinkbacks: input.sendLinkbacks,
    ...dates,
    ...(publish ? { publish } : {}),
  };
}

async function conflictOf(
  deps: AppDeps,
  articleId: number,
  expected: number,
): Promise<EditConflict | null> {
  const latest = await deps.repos.revisions.latest(articleId);
  if (!latest || latest.number === expected) return null;
  const [editor] = latest.editorId ? await deps.repos.users.findByIds([latest.editorId]) : [];
  const diff = await diffRevisions(deps, { articleId, from: expected, to: 'current' });
  return {
    revision: latest.number,
    editorName: editor?.name ?? 'someone',
    at: latest.createdAt,
    diff: diff.ok ? diff.value.diff : null,
  };
}

const conflictRefusal = (c: EditConflict) =>
  refusal(
    'conflict',
    `${c.editorName} saved a newer version (revision ${c.revision}) after you opened this article. Your text is kept below; compare it with theirs, then save again.`,
    {},
    c,
  );

export async function updateFromEditor(
  deps: AppDeps,
  req: EditorSaveRequest & { readonly articleId: number; readonly expectedRevision?: number },
): Promise<Outcome> {
  const before = await deps.repos.articles.findById(req.articleId);
  if (!before) return refusal('not_found', `no article with id ${req.articleId}`);
  if (before.deletedAt) return refusal('gone', `article ${before.id} is in the trash`);
  const bylines = (await deps.repos.articles.bylines([before.id])).get(before.id) ?? [
    before.authorId,
  ];
  const mayEdit = authorizeOnArticle(req.user, 'edit', bylines);
  if (!mayEdit.ok) return refusal('forbidden', mayEdit.error.message);
  // What readers see, or will at a set time, changes only with the right to publish it.
  if (before.status !== 'draft' || req.action !== 'save') {
    const may = authorizeOnArticle(req.user, 'publish', bylines);
    if (!may.ok) return refusal('forbidden', may.error.message);
  }
  const read = parsed(deps, req.values);
  if (!read.ok) return read;
  const input = read.value;
  if (!keepsOwnByline(req.user, input)) {
    return refusal('invalid_input', CHECK_FIELDS, { coauthors: OWN_BYLINE });
  }
  if (req.action === 'schedule' && !input.publishAt) {
    return refusal('invalid_input', CHECK_FIELDS, { publish_at: 'choose when to publish' });
  }
  if (req.expectedRevision !== undefined) {
    const conflict = await conflictOf(deps, before.id, req.expectedRevision);
    if (conflict) return conflictRefusal(conflict);
  }
  const willBe =
    req.action === 'unpublish' ? 'draft' : req.action === 'publish' ? 'published' : before.status;
  if (input.correction && willBe !== 'published') {
    return refusal('invalid_input', CHECK_FIELDS, {
      correction_note: `a correction note is for what readers have seen; this article is ${willBe === 'draft' ? 'a draft' : willBe}`,
    });
  }
  const featuredMoved = (before.featuredMediaId ?? null) !== input.featuredMediaId;
  if (featuredMoved && input.featuredMediaId !== null) {
    const item = await deps.repos.media.findById(input.featuredMediaId);
    if (!item) return refusal('invalid_input', CHECK_FIELDS, { featured: 'no such image' });
    if (willBe !== 'draft' && !item.alt.trim()) {
      return refusal('invalid_input', CHECK_FIELDS, {
        featured: `alt text is required before publishing: image ${item.id} has none`,
      });
    }
  }

  const saved = await updateArticle(deps, {
    articleId: before.id,
    editorId: req.user.id,
    changes: changesOf(deps, before, input, req.action),
    ...(req.expectedRevision === undefined ? {} : { expectedRevision: req.expectedRevision }),
    silent: input.silent,
  });
  if (!saved.ok) {
    // Another save landed between the check above and this one.
    if (saved.error.code === 'conflict' && req.expectedRevision !== undefined) {
      const conflict = await conflictOf(deps, before.id, req.expectedRevision);
      if (conflict) return conflictRefusal(conflict);
    }
    return refusedBy(saved.error);
  }
  let article = saved.value.article;
  let changed = saved.value.changed.length > 0 || article.status !== before.status;
  if (featuredMoved) {
    const set = await setFeaturedImage(deps, article.id, input.featuredMediaId);
    if (!set.ok) return refusedBy(set.error);
    article = set.value;
    changed = true;
  }
  if (input.correction) {
    const noted = await correctArticle(deps, {
      articleId: article.id,
      editorId: req.user.id,
      kind: input.correction.kind,
      note: input.correction.note,
    });
    if (!noted.ok) return refusedBy(noted.error);
    changed = true;
  }
  if (req.action === 'unpublish') {
    const down = await unpublishArticle(deps, { articleId: article.id, actorId: req.user.id });
    if (!down.ok) return refusedBy(down.error);
    article = down.value;
    changed = true;
  }
  await deps.repos.autosaves.clear(article.id, req.user.id);
  return ok({
    article,
    url: saved.value.url,
    done: !changed
      ? 'unchanged'
      : req.action === 'unpublish'
        ? 'unpublished'
        : article.status !== before.status && article.status === 'published'
          ? 'published'
          : article.status === 'scheduled' && req.action === 'schedule'
            ? 'scheduled'
            : 'saved',
  });
}
