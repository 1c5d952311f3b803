/**
 * Telling update services that the site changed (the `ping-update-service` job), off unless
 * configured: `weblogUpdates.extendedPing(name, url, changedUrl, feedUrl)` to each ping service
 * (falling back to `weblogUpdates.ping(name, url)` when the service does not know the extended
 * method), and `hub.mode=publish` to each WebSub hub for the site's home page. A failure that
 * may pass throws, so the queue retries with its own backoff; a refusal is logged and dropped.
 */
import {
  basicPingCall,
  extendedPingCall,
  updatePingVerdict,
  websubPublishBody,
  XMLRPC_CONTENT_TYPE,
  type ReceiverAnswer,
  type SendVerdict,
} from '../../linkback/index.js';
import { articleUrl } from '../articles/create-article.js';
import type { Logger } from '../ports.js';
import type { SendDeps } from './send-deps.js';
import { updateServicePayload } from './send-jobs.js';
import { ANSWER_MAX_BYTES, SEND_TIMEOUT_MS } from './send-one.js';

export class UpdateServiceRetry extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpdateServiceRetry';
  }
}

/** The topic a hub is told about: the home page (the feed, once the site has one). */
export const updateTopic = (siteUrl: string): string => `${siteUrl}/`;

export async function runUpdateServiceJob(
  deps: SendDeps,
  payload: unknown,
  helpers: { readonly logger: Logger },
): Promise<SendVerdict> {
  const job = updateServicePayload.parse(payload);
  const home = updateTopic(deps.siteUrl);
  const post = async (
    body: string,
    contentType: string,
  ): Promise<SendVerdict & { unknownMethod?: boolean }> => {
    const res = await deps.fetch({
      url: job.service,
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
      accept: ['*/*'],
      maxBytes: ANSWER_MAX_BYTES,
      maxRedirects: 0,
      timeoutMs: SEND_TIMEOUT_MS,
    });
    if (!res.ok) {
      const transient = ['rate_limited', 'unreachable', 'timeout', 'network_error'];
      return transient.includes(res.error.code)
        ? { kind: 'retry', error: res.error.code }
        : { kind: 'refused', error: res.error.code };
    }
    const answer: ReceiverAnswer = {
      status: res.value.status,
      header: (name) => res.value.headers.get(name),
      body: res.value.body,
    };
    if (job.kind === 'websub') {
      const s = answer.status;
      if (s >= 200 && s < 300) return { kind: 'sent' };
      return s === 429 || s >= 500
        ? { kind: 'retry', error: `http_${s}` }
        : { kind: 'refused', error: `http_${s}` };
    }
    return updatePingVerdict(answer, deps.clock());
  };

  let verdict: SendVerdict & { unknownMethod?: boolean };
  if (job.kind === 'websub') {
    verdict = await post(websubPublishBody(home), 'application/x-www-form-urlencoded');
  } else {
    const article = await deps.repos.articles.findById(job.articleId);
    const changed = article ? articleUrl(deps, article) : home;
    verdict = await post(
      extendedPingCall(deps.siteTitle, home, changed, home),
      XMLRPC_CONTENT_TYPE,
    );
    if (verdict.kind === 'refused' && verdict.unknownMethod) {
      verdict = await post(basicPingCall(deps.siteTitle, home), XMLRPC_CONTENT_TYPE);
    }
  }
  const log = { service: job.service, kind: job.kind, result: verdict.kind };
  if (verdict.kind === 'retry') throw new UpdateServiceRetry(`${job.service}: ${verdict.error}`);
  if (verdict.kind === 'refused')
    helpers.logger.warn({ ...log, error: verdict.error }, 'update service refused the ping');
  else helpers.logger.info(log, 'update service pinged');
  return verdict;
}
