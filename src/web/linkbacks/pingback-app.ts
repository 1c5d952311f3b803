import { Hono, type Context } from 'hono';
import { receivePingback, type ReceiverDeps } from '../../app/linkbacks/index.js';
import { encodeFault, encodeMethodResponse, PINGBACK_FAULT } from '../../linkback/index.js';
import { statusFor } from '../errors.js';
import type { ClientIp } from '../client-ip.js';
import { clientLimit, type ClientLimit } from './client-limit.js';
import { protocolGuard } from './protocol-guard.js';

/** A pingback.ping call is a few hundred bytes; 64 KB is generous (the Pingback 1.0 erratum of 2007-01-16 asks for limits). */
export const PINGBACK_MAX_BYTES = 64 * 1024;

const xml = (c: Context, body: string, status: 200 | 400 | 413 | 429 = 200) =>
  c.body(body, status, { 'Content-Type': 'text/xml; charset=utf-8' });

/**
 * `POST /xmlrpc`: XML-RPC with one method, pingback.ping (no system.multicall, so one request is one call). Faults
 * travel with HTTP 200 as XML-RPC requires; two refusals happen at the HTTP level instead: a
 * body over the cap (413) and any DOCTYPE/ENTITY (400, before the parser sees it: no entity expansion, case E63).
 */
export function pingbackApp(deps: {
  readonly receiver: ReceiverDeps;
  readonly clientIp: ClientIp;
  readonly limit: ClientLimit;
}): Hono {
  const app = new Hono();
  const tooLarge = (c: Context) =>
    xml(
      c,
      encodeFault(PINGBACK_FAULT.generic, 'Request too large.'),
      statusFor('payload_too_large'),
    );
  const tooMany = (c: Context) =>
    xml(
      c,
      encodeFault(PINGBACK_FAULT.upstreamError, 'Too many pingbacks from this address; try later.'),
      statusFor('rate_limited'),
    );
  app.use(...protocolGuard({ maxBytes: PINGBACK_MAX_BYTES, tooLarge }));
  app.use('/', clientLimit('pingback', deps.limit, tooMany));

  app.post('/', async (c) => {
    const body = new TextDecoder().decode(await c.req.arrayBuffer());
    const answer = await receivePingback(deps.receiver, {
      body,
      clientIp: deps.clientIp(c),
      userAgent: c.req.header('user-agent') ?? null,
    });
    if (answer.ok) return xml(c, encodeMethodResponse(answer.message));
    const status = answer.forbiddenDtd ? statusFor('invalid_input') : 200;
    return xml(c, encodeFault(answer.faultCode, answer.message), status);
  });
  app.all('/', (c) => {
    c.header('Allow', 'POST');
    return c.text('XML-RPC server accepts POST requests only.', statusFor('method_not_allowed'));
  });
  return app;
}
