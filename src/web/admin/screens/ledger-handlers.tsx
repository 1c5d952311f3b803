/** The handlers of /admin/articles/:id/linkbacks: the ledger, and resend (POST then 303). */
import type { Context } from 'hono';
import { articleFor } from '../../../app/articles/article-access.js';
import { outboundLedger, resendLinkbacks } from '../../../app/linkbacks/send-ledger.js';
import { loadSiteSettings } from '../../../app/site-settings.js';
import type { Article } from '../../../domain/article.js';
import { failure, type Failure } from '../../../domain/failures.js';
import { ok } from '../../../domain/result.js';
import { statusFor } from '../../errors.js';
import type { ArticleScreenKit } from './articles-handlers.js';
import { LedgerPage } from './ledger-page.js';
import { pathId } from './path-ids.js';
import { RefusalPage } from './refusal.js';

/** Longer than any target the ledger can hold (URLs are capped well below it). */
const MAX_TARGET = 4096;

export function ledgerHandlers<C extends Context>(kit: ArticleScreenKit<C>) {
  const { app } = kit;
  const refuse = (c: C, f: Failure) =>
    kit.page(c, <RefusalPage frame={kit.frame(c)} failure={f} />, statusFor(f.code));
  const article = async (c: C) => {
    const id = pathId(c.req.param('id'), 'article id');
    if (!id.ok) return id;
    const found = await articleFor(app, kit.user(c), {
      id: id.value,
      verb: 'edit',
      liveNeedsPublish: false,
    });
    return found.ok ? ok(found.value.article) : found;
  };
  const show = async (
    c: C,
    a: Article,
    extra: { notice?: string; error?: string },
    status = 200,
  ) => {
    const ledger = await outboundLedger(app, String(a.id));
    if (!ledger.ok) return refuse(c, ledger.error);
    const settings = await loadSiteSettings(app.repos.settings);
    return kit.page(
      c,
      <LedgerPage
        frame={kit.frame(c)}
        article={ledger.value.article}
        rows={ledger.value.rows}
        canSend={a.linkbacksSend && settings.linkbacks.send}
        {...extra}
      />,
      status,
    );
  };
  return {
    'GET /articles/:id/linkbacks': async (c: C) => {
      const a = await article(c);
      if (!a.ok) return refuse(c, a.error);
      const queued = c.req.query('queued') ?? '';
      const notice =
        c.req.query('planned') === '1'
          ? 'The article’s links are queued to be worked out and sent.'
          : /^[0-9]{1,6}$/.test(queued)
            ? `${queued} target${queued === '1' ? '' : 's'} queued to be sent again.`
            : undefined;
      return show(c, a.value, notice ? { notice } : {});
    },
    'POST /articles/:id/linkbacks': async (c: C) => {
      const a = await article(c);
      if (!a.ok) return refuse(c, a.error);
      const target = kit.field(c, 'target');
      if (target.length > MAX_TARGET) {
        return refuse(c, failure('invalid_input', 'That target is longer than any in the ledger.'));
      }
      const result = await resendLinkbacks(app, String(a.value.id), target || undefined);
      if (!result.ok) {
        return show(c, a.value, { error: result.error.message }, statusFor(result.error.code));
      }
      const back = result.value.planned ? 'planned=1' : `queued=${result.value.queued}`;
      return c.redirect(`/admin/articles/${a.value.id}/linkbacks?${back}`, 303);
    },
  };
}
