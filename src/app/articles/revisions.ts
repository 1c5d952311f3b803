/** An article's revisions: listed, shown, compared, and restored (a restore is a new revision). */
import type { Article } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { ArticleSnapshot, Revision } from '../../domain/revision.js';
import type { AppDeps } from '../deps.js';
import { inputFailure } from './create-article.js';
import { diffSnapshots, type SnapshotDiff } from './revision-diff.js';
import { storedSnapshot } from './snapshot.js';
import { articleChanges, saveArticle, type UpdatedArticle } from './update-article.js';

type ReadDeps = Pick<AppDeps, 'repos'>;

async function existing(deps: ReadDeps, articleId: number): Promise<Result<Article, Failure>> {
  const article = await deps.repos.articles.findById(articleId);
  return article ? ok(article) : err(failure('not_found', `no article with id ${articleId}`));
}

async function revisionOf(
  deps: ReadDeps,
  articleId: number,
  number: number,
): Promise<Result<Revision, Failure>> {
  const found = await existing(deps, articleId);
  if (!found.ok) return found;
  const revision = await deps.repos.revisions.get(articleId, number);
  if (revision) return ok(revision);
  const count = (await deps.repos.revisions.latest(articleId))?.number ?? 0;
  return err(
    failure(
      'not_found',
      `article ${articleId} has no revision ${number} (it has ${count === 1 ? '1 revision' : `revisions 1 to ${count}`})`,
    ),
  );
}

/** The article's revisions, oldest (number 1) first. */
export async function listRevisions(
  deps: ReadDeps,
  articleId: number,
): Promise<Result<{ article: Article; revisions: Revision[] }, Failure>> {
  const found = await existing(deps, articleId);
  if (!found.ok) return found;
  return ok({ article: found.value, revisions: await deps.repos.revisions.list(articleId) });
}

export function showRevision(
  deps: ReadDeps,
  articleId: number,
  number: number,
): Promise<Result<Revision, Failure>> {
  return revisionOf(deps, articleId, number);
}

export interface RevisionComparison {
  /** The older side: a revision, or null before the first. */
  readonly from: Revision | null;
  /** The newer side: a revision, or the article as it is stored now. */
  readonly to: Revision | 'current';
  readonly diff: SnapshotDiff;
}

/**
 * `from` against `to`. Without `to`: what revision `from` changed (against the one before it).
 * `to: 'current'`: `from` against the article as it is now.
 */
export async function diffRevisions(
  deps: ReadDeps,
  req: { readonly articleId: number; readonly from: number; readonly to?: number | 'current' },
): Promise<Result<RevisionComparison, Failure>> {
  const newer = await revisionOf(deps, req.articleId, req.from);
  if (!newer.ok) return newer;
  if (req.to === undefined) {
    const previous =
      req.from > 1 ? ((await deps.repos.revisions.get(req.articleId, req.from - 1)) ?? null) : null;
    return ok({
      from: previous,
      to: newer.value,
      diff: await diffSnapshots(previous?.snapshot ?? null, newer.value.snapshot),
    });
  }
  let to: Revision | 'current';
  let after: ArticleSnapshot;
  if (req.to === 'current') {
    const article = await existing(deps, req.articleId);
    if (!article.ok) return article;
    to = 'current';
    after = await storedSnapshot(deps.repos, article.value);
  } else {
    const other = await revisionOf(deps, req.articleId, req.to);
    if (!other.ok) return other;
    to = other.value;
    after = other.value.snapshot;
  }
  return ok({ from: newer.value, to, diff: await diffSnapshots(newer.value.snapshot, after) });
}

const dateOf = (iso: string | null): Date | null => (iso ? new Date(iso) : null);

/**
 * Brings an old revision back as a new one (reason 'restore'), through the same save as an edit:
 * the old-permalink and event rules hold. A restore changes what the article says, never whether
 * it is public: a publication time is taken back only when it keeps the article's state (past for
 * a published article, future for a scheduled one), and an unpublish time only when still ahead.
 * Revisions from before snapshots existed bring back their title, body and excerpt.
 */
export async function restoreRevision(
  deps: AppDeps,
  req: {
    readonly articleId: number;
    readonly number: number;
    readonly editorId: number;
    readonly expectedRevision?: number;
  },
): Promise<Result<UpdatedArticle & { readonly restored: Revision }, Failure>> {
  const found = await revisionOf(deps, req.articleId, req.number);
  if (!found.ok) return found;
  const s = found.value.snapshot;
  const saved = await saveArticle(deps, {
    articleId: req.articleId,
    editorId: req.editorId,
    ...(req.expectedRevision === undefined ? {} : { expectedRevision: req.expectedRevision }),
    silent: false,
    reason: 'restore',
    plan(before, _current, now) {
      const legacy = s.slug === '';
      const at = dateOf(s.publishedAt);
      const keepsState =
        at !== null &&
        ((before.status === 'published' && at <= now) ||
          (before.status === 'scheduled' && at > now));
      const until = dateOf(s.unpublishAt);
      const published = keepsState ? at : before.publishedAt;
      const unpublishStillAhead =
        until === null || (until > now && (published === null || until > published));
      const raw = legacy
        ? { title: s.title, bodyMarkdown: s.bodySource, excerpt: s.excerpt }
        : {
            title: s.title,
            slug: s.slug,
            standfirst: s.standfirst,
            bodyMarkdown: s.bodySource,
            excerpt: s.excerpt,
            categories: [...s.categories],
            tags: [...s.tags],
            ...(s.bylines.length > 0 ? { bylines: [...s.bylines] } : {}),
            commentsOpen: s.commentsOpen,
            commentsCloseAt: dateOf(s.commentsCloseAt),
            linkbacksOpen: s.linkbacksOpen,
            linkbacksCloseAt: dateOf(s.linkbacksCloseAt),
            trackbackTo: [...s.trackbackTo],
            ...(keepsState && at ? { publish: { kind: 'at' as const, at } } : {}),
            ...(unpublishStillAhead ? { unpublishAt: until } : {}),
          };
      const parsed = articleChanges.safeParse(raw);
      return parsed.success ? parsed.data : inputFailure(parsed.error);
    },
  });
  return saved.ok ? ok({ ...saved.value, restored: found.value }) : saved;
}
