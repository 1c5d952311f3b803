import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * How the comment and linkback routes learn the client's address; swap it for a trusted-proxy
 * reader.
 */
export type ClientIp = (c: Context) => string | null;

/**
 * The socket's peer address. Forwarded headers are not trusted: behind a reverse proxy every
 * comment would share the proxy's address (rate limits and IP blocklists then act on it).
 */
export const socketClientIp: ClientIp = (c) => {
  try {
    const address = getConnInfo(c).remote.address ?? null;
    return address?.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1') ?? null;
  } catch {
    return null; // not served by @hono/node-server (e.g. app.request in a test)
  }
};
