import { Hono, type Context } from 'hono';
import { receiveTrackback, type LinkbackDeps } from '../../app/linkbacks/index.js';
import { encodeTrackbackResponse } from '../../linkback/index.js';
import type { ClientIp } from '../client-ip.js';
import { statusFor } from '../errors.js';
import { clientLimit, type ClientLimit } from './client-limit.js';
import { protocolGuard } from './protocol-guard.js';

/** title 250 + excerpt 252 + blog name + url, percent-encoded, fit easily. */
export const TRACKBACK_MAX_BYTES = 64 * 1024;

const xml = (c: Context, body: string, status: 200 | 413 | 429 = 200) =>
  c.body(body, status, { 'Content-Type': 'text/xml; charset=utf-8' });

/**
 * `POST /trackback/:articleId` (TrackBack 1.2). Answers are always the spec's XML, `error 0`
 * or `error 1` + an escaped message (with HTTP 200, as senders expect); a GET is a browser
 * following the ping URL and goes to the article.
 */
export function trackbackApp(deps: {
  readonly linkbacks: LinkbackDeps;
  readonly clientIp: ClientIp;
  readonly limit: ClientLimit;
}): Hono {
  const app = new Hono();
  const tooLarge = (c: Context) =>
    xml(
      c,
      encodeTrackbackResponse({ ok: false, message: 'The ping is too large.' }),
      statusFor('payload_too_large'),
    );
  const tooMany = (c: Context) =>
    xml(
      c,
      encodeTrackbackResponse({
        ok: false,
        message: 'Too many pings from this address; try later.',
      }),
      statusFor('rate_limited'),
    );
  app.use(...protocolGuard({ maxBytes: TRACKBACK_MAX_BYTES, tooLarge }));
  app.use('/:articleId', clientLimit('trackback', deps.limit, tooMany));

  const handle = async (c: Context, method: 'GET' | 'POST') => {
    const answer = await receiveTrackback(deps.linkbacks, {
      articleId: c.req.param('articleId') ?? '',
      method,
      body: method === 'POST' ? new Uint8Array(await c.req.arrayBuffer()) : new Uint8Array(),
      contentType: c.req.header('content-type'),
      clientIp: deps.clientIp(c),
      userAgent: c.req.header('user-agent') ?? null,
    });
    switch (answer.kind) {
      case 'redirect':
        return c.redirect(answer.location, 302);
      case 'accepted':
        return xml(c, encodeTrackbackResponse({ ok: true }));
      case 'error':
        return xml(c, encodeTrackbackResponse({ ok: false, message: answer.message }));
    }
  };
  app.get('/:articleId', (c) => handle(c, 'GET'));
  app.post('/:articleId', (c) => handle(c, 'POST'));
  return app;
}
