/**
 * One notification to one target (the `send-linkback` job): discover the endpoint with a
 * single GET of the linked page (W3C Webmention §3.1.2; no HEAD first), then POST to it —
 * Webmention, else Pingback; a TrackBack ping URL the editor listed is POSTed to directly.
 * Everything goes through the guarded fetcher, so an endpoint on a private address, a redirect
 * loop or an endless body is refused or capped there.
 *
 * The job queues its own next run, in the transaction that records the attempt, rather than
 * throwing for the queue's backoff (the shape verification uses, run-verification-job.ts):
 * - our own outbound budget refused the request → the same step again after a jittered,
 *   growing delay, no attempt spent (after `maxDeferrals` in a row one counts);
 * - a 5xx, a network error, a Pingback fault 0 or 50 → a capped exponential backoff; a 429 →
 *   after its `Retry-After`; past `maxAttempts` the row says `gave_up`;
 * - any other 4xx, a final fault, a TrackBack error → `failed`, never retried.
 */
import { isLive, type Article } from '../../domain/article.js';
import {
  discoverLinkbackEndpoint,
  pingbackCall,
  pingbackVerdict,
  TRACKBACK_CONTENT_TYPE,
  trackbackBody,
  trackbackVerdict,
  WEBMENTION_CONTENT_TYPE,
  webmentionBody,
  webmentionVerdict,
  XMLRPC_CONTENT_TYPE,
  type ReceiverAnswer,
  type SendVerdict,
} from '../../linkback/index.js';
import { articleUrl } from '../articles/create-article.js';
import type { Logger } from '../ports.js';
import { loadSiteSettings } from '../site-settings.js';
import type { SendDeps } from './send-deps.js';
import { sendJob, sendPayload, type SendPayload } from './send-jobs.js';
import type {
  OutboundFailure,
  OutboundLinkback,
  OutboundOutcome,
  OutboundProtocol,
  OutboundResponse,
  OutboundStatus,
} from './send-ports.js';
import {
  DEFAULT_SEND_SCHEDULE,
  sendBackoffMs,
  sendDeferralMs,
  type SendSchedule,
} from './send-schedule.js';

/** Bytes of a linked page read for discovery: the `<head>` is nearly always in the first KiB. */
export const DISCOVERY_MAX_BYTES = 256 * 1024;
/** Bytes of a receiver's answer read: a status page URL, a fault, a TrackBack `<response>`. */
export const ANSWER_MAX_BYTES = 64 * 1024;
/** Time for one discovery GET or one notification POST (WordPress's TrackBack client: 10 s). */
export const SEND_TIMEOUT_MS = 10_000;

/** Fetch failures that say nothing final about the target (it may answer next time). */
const TRANSIENT_FAILURES = new Set(['unreachable', 'timeout', 'network_error']);

export type SendResult =
  | { readonly kind: 'stale' }
  | { readonly kind: 'deferred'; readonly delayMs: number }
  | { readonly kind: 'retry'; readonly delayMs: number; readonly error: string }
  | { readonly kind: 'done'; readonly status: OutboundStatus; readonly error?: string };

interface Run {
  readonly deps: SendDeps;
  readonly row: OutboundLinkback;
  readonly job: SendPayload;
  readonly schedule: SendSchedule;
  readonly jobId: string;
  readonly now: Date;
}

export async function runSendLinkbackJob(
  deps: SendDeps,
  payload: unknown,
  helpers: { readonly jobId: string; readonly logger: Logger },
): Promise<SendResult> {
  const job = sendPayload.parse(payload);
  const row = await deps.repos.outboundLinkbacks.find(job.outboundId);
  if (!row || row.round !== job.round || row.status !== 'queued') return { kind: 'stale' };
  const run: Run = {
    deps: { ...deps, logger: helpers.logger },
    row,
    job,
    schedule: deps.schedule ?? DEFAULT_SEND_SCHEDULE,
    jobId: helpers.jobId,
    now: deps.clock(),
  };
  const article = await deps.repos.articles.findById(row.articleId);
  const settings = await loadSiteSettings(deps.repos.settings);
  if (!article || !article.linkbacksSend || !settings.linkbacks.send) {
    return finish(run, { status: 'skipped', error: 'sending_off' });
  }
  const result = await attempt(run, article);
  if (result.kind !== 'done' && result.kind !== 'stale') {
    helpers.logger.info(
      { outboundId: row.id, target: row.targetUrl, result: result.kind, delayMs: result.delayMs },
      'linkback notification will run again',
    );
  }
  return result;
}

async function attempt(run: Run, article: Article): Promise<SendResult> {
  const { row, deps, now } = run;
  const source = articleUrl(deps, article);
  const live = isLive(article, now) && article.withdrawnAt === null;
  if (row.kind === 'trackback') {
    if (!live) return finish(run, { status: 'skipped', error: 'article_not_live' });
    const excerpt = article.excerpt;
    const body = trackbackBody({
      url: source,
      title: article.title,
      excerpt,
      blogName: deps.siteTitle,
    });
    return notify(run, 'trackback', row.targetUrl, TRACKBACK_CONTENT_TYPE, body);
  }
  let protocol = row.protocol;
  let endpoint = row.endpoint;
  if (run.job.step === 'discover' || protocol === null || endpoint === null) {
    const page = await deps.fetch({
      url: row.targetUrl,
      method: 'GET',
      // Any type: an image's Link header still names an endpoint (its body is never parsed).
      accept: ['*/*'],
      maxBytes: DISCOVERY_MAX_BYTES,
      timeoutMs: SEND_TIMEOUT_MS,
    });
    if (!page.ok) return fetchFailed(run, page.error, 'discover');
    const res = page.value;
    if (res.status < 200 || res.status >= 300) {
      return settle(run, httpOnly(res), 'discover');
    }
    const found = discoverLinkbackEndpoint({
      targetUrl: row.targetUrl,
      finalUrl: res.url,
      headers: res.headers.entries(),
      contentType: res.contentType,
      body: res.body,
    });
    if (!(await deps.repos.outboundLinkbacks.recordEndpoint(row.id, row.round, found, now))) {
      return { kind: 'stale' };
    }
    if (found === null) {
      return finish(run, { status: 'no_endpoint', httpStatus: res.status, error: null });
    }
    protocol = found.protocol;
    endpoint = found.endpoint;
  }
  if (protocol === 'pingback') {
    // Pingback 1.0 can neither update nor retract a ping: a removed link or a deleted article
    // has nothing to send, and a page already pinged needs no second ping (it answers 48).
    if (!live || !row.linked)
      return finish(run, { status: 'skipped', error: 'pingback_cannot_update' });
    if (row.protocol === 'pingback' && row.sentAt !== null) {
      return finish(run, { status: 'sent', error: null, note: 'already_pinged' });
    }
    return notify(
      run,
      'pingback',
      endpoint,
      XMLRPC_CONTENT_TYPE,
      pingbackCall(source, row.targetUrl),
    );
  }
  return notify(
    run,
    'webmention',
    endpoint,
    WEBMENTION_CONTENT_TYPE,
    webmentionBody(source, row.targetUrl),
  );
}

async function notify(
  run: Run,
  protocol: OutboundProtocol,
  endpoint: string,
  contentType: string,
  body: string,
): Promise<SendResult> {
  const res = await run.deps.fetch({
    url: endpoint,
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    accept: ['*/*'],
    maxBytes: ANSWER_MAX_BYTES,
    // A redirected POST is unspecified (a 301/302 would turn it into a GET): not followed.
    maxRedirects: 0,
    timeoutMs: SEND_TIMEOUT_MS,
  });
  if (!res.ok) return fetchFailed(run, res.error, 'notify');
  const answer: ReceiverAnswer = {
    status: res.value.status,
    header: (name) => res.value.headers.get(name),
    body: res.value.body,
  };
  const verdict =
    protocol === 'webmention'
      ? webmentionVerdict(answer, endpoint, run.now)
      : protocol === 'pingback'
        ? pingbackVerdict(answer, run.now)
        : trackbackVerdict(answer, run.now);
  return settle(run, { verdict, httpStatus: res.value.status }, 'notify');
}

function httpOnly(res: OutboundResponse): { verdict: SendVerdict; httpStatus: number } {
  const status = res.status;
  const error = `target_http_${status}`;
  if (status === 429 || status >= 500)
    return { verdict: { kind: 'retry', error }, httpStatus: status };
  return { verdict: { kind: 'refused', error }, httpStatus: status };
}

async function fetchFailed(
  run: Run,
  failure: OutboundFailure,
  step: SendPayload['step'],
): Promise<SendResult> {
  if (failure.code === 'rate_limited') return defer(run, step);
  const error =
    failure.code === 'too_many_redirects' && step === 'notify'
      ? 'endpoint_redirected'
      : failure.code;
  const verdict: SendVerdict = TRANSIENT_FAILURES.has(failure.code)
    ? { kind: 'retry', error }
    : { kind: 'refused', error };
  return settle(run, { verdict, httpStatus: null }, step);
}

/** Our own budget said no: nothing was sent, so no attempt is spent (up to maxDeferrals). */
async function defer(run: Run, step: SendPayload['step']): Promise<SendResult> {
  const { job, schedule, now } = run;
  const deferrals = (job.deferrals ?? 0) + 1;
  if (deferrals > schedule.maxDeferrals) {
    return settle(
      run,
      { verdict: { kind: 'retry', error: 'outbound_budget_busy' }, httpStatus: null },
      step,
    );
  }
  const delayMs = sendDeferralMs(deferrals, schedule, run.deps.random ?? Math.random);
  const next = sendJob(
    { outboundId: run.row.id, round: run.row.round, step, deferrals },
    now,
    delayMs,
  );
  const kept = await record(
    run,
    {
      status: 'queued',
      attempts: run.row.attempts,
      lastError: run.row.lastError,
      nextAttemptAt: new Date(now.getTime() + delayMs),
    },
    next,
  );
  return kept ? { kind: 'deferred', delayMs } : { kind: 'stale' };
}

async function settle(
  run: Run,
  { verdict, httpStatus }: { verdict: SendVerdict; httpStatus: number | null },
  step: SendPayload['step'],
): Promise<SendResult> {
  const { row, schedule, now } = run;
  if (verdict.kind === 'sent') {
    return finish(run, {
      status: 'sent',
      httpStatus,
      statusUrl: verdict.statusUrl ?? null,
      error: null,
      note: verdict.note,
    });
  }
  if (verdict.kind === 'refused')
    return finish(run, { status: 'failed', httpStatus, error: verdict.error });
  const attempts = row.attempts + 1;
  if (attempts >= schedule.maxAttempts) {
    return finish(run, { status: 'gave_up', httpStatus, error: verdict.error, attempts });
  }
  const delayMs =
    verdict.retryAfterMs ?? sendBackoffMs(attempts, schedule, run.deps.random ?? Math.random);
  const next = sendJob({ outboundId: row.id, round: row.round, step }, now, delayMs);
  const kept = await record(
    run,
    {
      status: 'queued',
      attempts,
      httpStatus,
      lastError: verdict.error,
      nextAttemptAt: new Date(now.getTime() + delayMs),
    },
    next,
  );
  return kept ? { kind: 'retry', delayMs, error: verdict.error } : { kind: 'stale' };
}

async function finish(
  run: Run,
  o: {
    status: OutboundStatus;
    httpStatus?: number | null;
    statusUrl?: string | null;
    error: string | null;
    note?: string | undefined;
    attempts?: number;
  },
): Promise<SendResult> {
  const { row, now } = run;
  const madeRequest = o.httpStatus !== undefined;
  const attempts = o.attempts ?? (madeRequest ? row.attempts + 1 : row.attempts);
  const kept = await record(run, {
    status: o.status,
    attempts,
    ...(o.httpStatus === undefined ? {} : { httpStatus: o.httpStatus }),
    ...(o.statusUrl === undefined ? {} : { statusUrl: o.statusUrl }),
    lastError: o.error ?? o.note ?? null,
    nextAttemptAt: null,
    ...(o.status === 'sent' && o.note !== 'already_pinged' ? { sentAt: now } : {}),
  });
  if (!kept) return { kind: 'stale' };
  return o.error
    ? { kind: 'done', status: o.status, error: o.error }
    : { kind: 'done', status: o.status };
}

/** Writes the outcome and the continuation together; false when the row moved to a new round. */
async function record(
  run: Run,
  outcome: OutboundOutcome,
  next?: ReturnType<typeof sendJob>,
): Promise<boolean> {
  const { row, now } = run;
  return run.deps.uow.run(async ({ repos, enqueue }) => {
    const kept = await repos.outboundLinkbacks.recordOutcome(row.id, row.round, outcome, now);
    if (kept && next) {
      // A job a planner queued for the row while this one ran is newer: it keeps the key.
      await enqueue(/^\d{1,19}$/.test(run.jobId) ? { ...next, yieldToJobsAfter: run.jobId } : next);
    }
    return kept;
  });
}
