import { Hono, type Context } from 'hono';
import {
  receiveWebmention,
  webmentionStatus,
  type ReceiverDeps,
  type WebmentionErrorCode,
  type WebmentionStatus,
} from '../../app/linkbacks/index.js';
import type { FailureCode } from '../../domain/failures.js';
import { mediaType } from '../../linkback/index.js';
import type { ClientIp } from '../client-ip.js';
import { refuseJson, statusFor } from '../errors.js';
import { CSS_HREF } from '../assets.js';
import type { SiteContextSource } from '../error-page.js';
import { renderPage } from '../render-page.js';
import { clientLimit, type ClientLimit } from './client-limit.js';
import { protocolGuard } from './protocol-guard.js';

/** Two form fields of at most a few KB each: anything bigger is not a Webmention. */
export const WEBMENTION_MAX_BYTES = 16 * 1024;

/** Webmention's codes → the failure catalogue's; web/errors.ts turns those into statuses. */
export const WEBMENTION_FAILURE: Readonly<Record<WebmentionErrorCode, FailureCode>> = {
  invalid_content_type: 'invalid_input',
  invalid_request: 'invalid_input',
  invalid_source: 'invalid_input',
  invalid_target: 'invalid_input',
  same_source_target: 'invalid_input',
  target_not_found: 'invalid_input',
  target_not_supported: 'invalid_input',
  rate_limited: 'rate_limited',
};

const refuse = (c: Context, code: WebmentionErrorCode, description: string) =>
  refuseJson(c, WEBMENTION_FAILURE[code], description, code);

/** `POST /webmention` and `GET /webmention/status/:token` (mounted at /webmention). */
export function webmentionApp(deps: {
  readonly receiver: ReceiverDeps;
  readonly clientIp: ClientIp;
  readonly limit: ClientLimit;
  readonly site: SiteContextSource;
}): Hono {
  const app = new Hono();
  const tooLarge = (c: Context) =>
    refuseJson(c, 'payload_too_large', `The body is larger than ${WEBMENTION_MAX_BYTES} bytes.`);
  const tooMany = (c: Context) =>
    refuse(c, 'rate_limited', 'Too many webmentions from this address; try again later.');
  app.use(...protocolGuard({ maxBytes: WEBMENTION_MAX_BYTES, tooLarge }));
  app.use('/', clientLimit('webmention', deps.limit, tooMany));

  app.post('/', async (c) => {
    const contentType = c.req.header('content-type');
    const isForm = mediaType(contentType) === 'application/x-www-form-urlencoded';
    const params = isForm ? new URLSearchParams(await c.req.text()) : new URLSearchParams();
    const result = await receiveWebmention(deps.receiver, {
      form: {
        source: params.get('source') ?? undefined,
        target: params.get('target') ?? undefined,
      },
      contentType,
      clientIp: deps.clientIp(c),
      userAgent: c.req.header('user-agent') ?? null,
    });
    if (!result.ok) {
      if (result.error.retryAfterSeconds)
        c.header('Retry-After', String(result.error.retryAfterSeconds));
      return refuse(c, result.error.code, result.error.message);
    }
    const location = `${deps.receiver.siteUrl}${result.value.statusPath}`;
    c.header('Location', location);
    return c.json({ status: 'queued', location }, 201);
  });

  app.on(['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'], '/', (c) => {
    c.header('Allow', 'POST');
    return c.text(
      'This is a Webmention endpoint: POST source and target (W3C Webmention).',
      statusFor('method_not_allowed'),
    );
  });

  app.get('/status/:token', async (c) => {
    const status = await webmentionStatus(deps.receiver, c.req.param('token'));
    const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
    c.header('Vary', 'Accept');
    if (wantsJson) {
      return status
        ? c.json({ ...status, updatedAt: status.updatedAt.toISOString() })
        : refuseJson(c, 'not_found', 'No such webmention.');
    }
    // The site's own page (doctype, lang, landmarks, stylesheet), never indexed.
    const html = await renderPage(
      await deps.site(),
      CSS_HREF,
      {
        title: 'Webmention status',
        description: 'Where a webmention sent to this site stands.',
        canonicalPath: c.req.path,
        robots: 'noindex',
      },
      <StatusPage status={status} />,
    );
    return c.html(html, status ? 200 : statusFor('not_found'));
  });
  return app;
}

const SENTENCE: Record<WebmentionStatus['state'], string> = {
  queued: 'Queued: the source has not been verified yet.',
  verified: 'Verified: the source links to the target.',
  rejected: 'Rejected.',
  deleted: 'Deleted: the source no longer links to the target, or is gone.',
};

function StatusPage({ status }: { status: WebmentionStatus | null }) {
  return (
    <section class="webmention-status">
      <h1>Webmention status</h1>
      {status === null ? (
        <p>No such webmention.</p>
      ) : (
        <dl>
          <dt>State</dt>
          <dd data-state={status.state}>{SENTENCE[status.state]}</dd>
          {status.reason ? (
            <>
              <dt>Reason</dt>
              <dd>{status.reason}</dd>
            </>
          ) : null}
          {status.state === 'verified' ? (
            <>
              <dt>Moderation</dt>
              <dd>{status.moderation}</dd>
            </>
          ) : null}
          <dt>Source</dt>
          <dd>{status.source}</dd>
          <dt>Target</dt>
          <dd>{status.target}</dd>
          <dt>Updated</dt>
          <dd>{status.updatedAt.toISOString()}</dd>
        </dl>
      )}
    </section>
  );
}
