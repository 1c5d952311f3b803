/**
 * A correction or an update note: dated, shown on the article's page, marked up for news readers
 * (schema.org `correction`), and moving the article's public modification date. The note is kept
 * as a revision of its own (reason 'correction'), so the history says when it was made and by whom.
 */
import { z } from 'zod';
import type { Article, Correction } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, type Result } from '../../domain/result.js';
import type { Revision } from '../../domain/revision.js';
import type { AppDeps } from '../deps.js';
import { articleUrl, inputFailure } from './create-article.js';
import { storedSnapshot } from './snapshot.js';
import { lockArticle, Refusal, refusalsAsFailures } from './update-article.js';

export const correctArticleInput = z.object({
  articleId: z.number().int().positive(),
  editorId: z.number().int().positive(),
  kind: z.enum(['correction', 'update']).default('correction'),
  note: z
    .string()
    .trim()
    .min(1, 'a note is required')
    .max(2000, 'a note is at most 2000 characters')
    .refine((s) => !s.includes('\u0000'), 'a note cannot contain NUL characters'),
  expectedRevision: z.number().int().positive().optional(),
});
export type CorrectArticleInput = z.input<typeof correctArticleInput>;

export interface CorrectedArticle {
  readonly article: Article;
  readonly url: string;
  readonly correction: Correction;
  readonly revision: Revision;
}

export async function correctArticle(
  deps: AppDeps,
  raw: CorrectArticleInput,
): Promise<Result<CorrectedArticle, Failure>> {
  const parsed = correctArticleInput.safeParse(raw);
  if (!parsed.success) return err(inputFailure(parsed.error));
  const input = parsed.data;
  const now = deps.clock();
  return refusalsAsFailures(() =>
    deps.uow.run(async ({ repos, emit }) => {
      const article = await lockArticle(repos, input.articleId, input.expectedRevision);
      if (article.status !== 'published') {
        throw new Refusal(
          failure(
            'invalid_input',
            `article ${article.id} is not published (${article.status}); a correction note is for what readers have seen: edit the ${article.status} article instead`,
          ),
        );
      }
      const correction = await repos.corrections.add(
        { articleId: article.id, kind: input.kind, note: input.note, editorId: input.editorId },
        now,
      );
      const revision = await repos.revisions.add(
        {
          articleId: article.id,
          editorId: input.editorId,
          reason: 'correction',
          changed: [],
          snapshot: await storedSnapshot(repos, article),
        },
        now,
      );
      const url = articleUrl(deps, article);
      await emit({
        type: 'article.updated',
        articleId: article.id,
        kind: article.kind,
        actorId: input.editorId,
        at: now,
        url,
        changed: [],
        silent: false,
      });
      return { article, url, correction, revision };
    }),
  );
}
