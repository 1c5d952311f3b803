/**
 * An article's outbound linkback ledger (what we notified, how it answered) and sending again, on
 * the use cases of `newsdesk linkbacks outbound|resend`. An author sees the ledger of the
 * articles they hold a byline on; editors and owners every article's.
 */
import { z } from 'zod';
import { articleFor } from '../../../../app/articles/article-access.js';
import { outboundLedger, resendLinkbacks } from '../../../../app/linkbacks/index.js';
import type { OutboundLinkback } from '../../../../app/linkbacks/send-ports.js';
import type { Author } from '../../../../domain/article.js';
import { failure } from '../../../../domain/failures.js';
import { can } from '../../../../domain/permissions.js';
import { err, ok } from '../../../../domain/result.js';
import type { AdminApiDeps } from '../deps.js';
import { defineRoute, type ApiRouteGroup } from '../route-table.js';
import { idParams, iso, isoOrNull } from '../schemas.js';

export const adminOutboundLinkback = z
  .object({
    id: z.number().int(),
    kind: z.enum(['link', 'trackback']),
    targetUrl: z.string(),
    protocol: z.enum(['webmention', 'pingback', 'trackback']).nullable(),
    endpoint: z.string().nullable(),
    status: z.enum(['queued', 'sent', 'failed', 'gave_up', 'no_endpoint', 'skipped']),
    httpStatus: z.number().int().nullable(),
    statusUrl: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    linked: z.boolean(),
    sentAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AdminOutboundLinkback' });

const rowJson = (r: OutboundLinkback): z.input<typeof adminOutboundLinkback> => ({
  id: r.id,
  kind: r.kind,
  targetUrl: r.targetUrl,
  protocol: r.protocol,
  endpoint: r.endpoint,
  status: r.status,
  httpStatus: r.httpStatus,
  statusUrl: r.statusUrl,
  attempts: r.attempts,
  lastError: r.lastError,
  nextAttemptAt: isoOrNull(r.nextAttemptAt),
  linked: r.linked,
  sentAt: isoOrNull(r.sentAt),
  updatedAt: iso(r.updatedAt),
});

/** The article, when the caller may see its ledger: any of them with edit-any, else their own. */
async function ledgerArticle(deps: AdminApiDeps, user: Author, id: number) {
  const found = await articleFor(deps.app, user, { id, kind: 'article', verb: 'read' });
  if (!found.ok) return found;
  if (!can(user.role, 'article.edit-any') && !found.value.bylines.includes(user.id)) {
    return err(failure('forbidden', `a ${user.role} sees the ledger of their own articles only`));
  }
  return found;
}

const getLedger = defineRoute({
  method: 'get',
  path: '/articles/{id}/linkbacks',
  operationId: 'getOutboundLedger',
  summary: 'Every page the article notified (Webmention, Pingback, TrackBack) and its answer',
  action: 'linkbacks.ledger',
  scope: 'read',
  params: idParams,
  response: z.object({ articleId: z.number().int(), items: z.array(adminOutboundLinkback) }),
  refusals: ['not_found'],
  async handle({ deps, caller, params }) {
    const found = await ledgerArticle(deps, caller.user, params.id);
    if (!found.ok) return found;
    const ledger = await outboundLedger(deps.app, String(params.id));
    if (!ledger.ok) return ledger;
    return ok({ body: { articleId: params.id, items: ledger.value.rows.map(rowJson) } });
  },
});

const resend = defineRoute({
  method: 'post',
  path: '/articles/{id}/linkbacks/resend',
  operationId: 'resendLinkbacks',
  summary: 'Queues the article’s targets (or one of them) again, attempts reset',
  action: 'linkbacks.ledger',
  scope: 'write',
  params: idParams,
  body: {
    kind: 'json',
    schema: z
      .object({
        target: z
          .string()
          .max(2000)
          .optional()
          .meta({ description: 'Only this target URL of the ledger.' }),
      })
      .strict(),
  },
  response: z.object({
    queued: z.number().int(),
    planned: z
      .boolean()
      .meta({ description: 'True when the ledger was empty and the links are worked out afresh.' }),
  }),
  refusals: ['not_found', 'forbidden'],
  async handle({ deps, caller, params, body }) {
    const found = await ledgerArticle(deps, caller.user, params.id);
    if (!found.ok) return found;
    const r = await resendLinkbacks(deps.send, String(params.id), body.target);
    return r.ok ? ok({ body: r.value }) : r;
  },
});

export const LINKBACK_ROUTES: ApiRouteGroup = {
  name: 'linkbacks',
  description: 'Each article’s outbound linkback ledger, and sending again.',
  routes: [getLedger, resend],
};
