/**
 * The outbound ledger of one article, and sending again by hand (`newsdesk linkbacks outbound`
 * and `newsdesk linkbacks resend`).
 */
import type { Article } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { findArticleByReference } from '../moderation/find-article.js';
import { loadSiteSettings } from '../site-settings.js';
import type { SendDeps } from './send-deps.js';
import { planJob, sendJob } from './send-jobs.js';
import type { OutboundLinkback } from './send-ports.js';

export interface ArticleLedger {
  readonly article: Article;
  readonly rows: readonly OutboundLinkback[];
}

export async function outboundLedger(
  deps: Pick<SendDeps, 'repos'>,
  reference: string,
): Promise<Result<ArticleLedger, Failure>> {
  const article = await findArticleByReference(deps, reference);
  if (!article) return err(failure('not_found', `no article matches ${reference}`));
  return ok({ article, rows: await deps.repos.outboundLinkbacks.forArticle(article.id) });
}

export interface ResendResult {
  /** Ledger rows queued again. */
  readonly queued: number;
  /** True when the ledger was empty and the article's links are being worked out afresh. */
  readonly planned: boolean;
}

/**
 * Queues the article's targets again (or the one `target`), whatever they answered before, with
 * their attempts reset. Targets the body no longer links to are left alone unless named. With an
 * empty ledger, the article's links are planned as after a publish. It only queues jobs (the
 * workers send), so it needs no fetcher: the admin calls it as the CLI does.
 */
export async function resendLinkbacks(
  deps: Pick<SendDeps, 'repos' | 'uow' | 'clock'>,
  reference: string,
  target?: string,
): Promise<Result<ResendResult, Failure>> {
  const article = await findArticleByReference(deps, reference);
  if (!article) return err(failure('not_found', `no article matches ${reference}`));
  const settings = await loadSiteSettings(deps.repos.settings);
  if (!article.linkbacksSend || !settings.linkbacks.send) {
    return err(failure('forbidden', 'sending linkbacks is off for this article'));
  }
  const now = deps.clock();
  return deps.uow.run(async ({ repos, enqueue }) => {
    const ledger = await repos.outboundLinkbacks.forArticle(article.id);
    const chosen =
      target === undefined
        ? ledger.filter((r) => r.linked || r.kind === 'trackback')
        : ledger.filter((r) => r.targetUrl === target);
    if (target !== undefined && chosen.length === 0) {
      return err(failure('not_found', `the article's ledger has no target ${target}`));
    }
    if (target === undefined && ledger.length === 0) {
      await enqueue(planJob(article.id));
      return ok({ queued: 0, planned: true });
    }
    const rows = await repos.outboundLinkbacks.requeue(
      chosen.map((r) => r.id),
      now,
    );
    for (const row of rows) {
      await enqueue(sendJob({ outboundId: row.id, round: row.round, step: 'discover' }, now));
    }
    return ok({ queued: rows.length, planned: false });
  });
}
