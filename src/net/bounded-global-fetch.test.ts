import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { getGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedGlobalFetch } from './bounded-global-fetch.js';

const portOf = (s: Server | HttpServer) => {
  const a = s.address();
  return typeof a === 'object' && a ? a.port : 0;
};

/** The codes along an error's cause chain. */
const codesOf = (error: unknown): string[] => {
  const codes: string[] = [];
  for (let at = error; at instanceof Error; at = at.cause) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
};

describe('the global fetch bounded for one piece of work', () => {
  let silent: Server;
  let slow: HttpServer;
  let silentUrl = '';
  let slowUrl = '';
  const sockets: Socket[] = [];
  const bound = boundedGlobalFetch(150);

  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentUrl = `http://127.0.0.1:${portOf(silent)}/inbox`;
    // Answers, but well after the bound.
    slow = createHttpServer((req, res) => {
      req.resume();
      setTimeout(() => res.writeHead(200).end('late'), 1500);
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    slowUrl = `http://127.0.0.1:${portOf(slow)}/`;
  });

  afterAll(async () => {
    await bound.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
    slow.closeAllConnections();
    await new Promise<void>((r) => slow.close(() => r()));
  });

  it('fails a request inside the work whose server never answers, as a headers timeout', async () => {
    const error = await bound
      .run(() => fetch(silentUrl, { method: 'POST', body: '{}' }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TypeError);
    expect(codesOf(error)).toContain('UND_ERR_HEADERS_TIMEOUT');
  });

  it('leaves a request outside the work alone, even one made while the work runs', async () => {
    const inside = bound
      .run(() => fetch(slowUrl))
      .then(
        () => 'answered',
        (e: unknown) => codesOf(e).join(','),
      );
    const outside = fetch(slowUrl).then((r) => r.text());
    expect(await outside).toBe('late');
    expect(await inside).toContain('UND_ERR_HEADERS_TIMEOUT');
  });

  it('installs one scoping dispatcher per process, whatever the number of bounds', async () => {
    const other = boundedGlobalFetch(5_000);
    await bound.run(async () => undefined);
    const installed = getGlobalDispatcher();
    expect(await other.run(() => fetch(slowUrl).then((r) => r.text()))).toBe('late');
    expect(getGlobalDispatcher()).toBe(installed);
    await other.close();
  });

  it('refuses a bound that is not a positive whole number of milliseconds', () => {
    for (const ms of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => boundedGlobalFetch(ms), String(ms)).toThrow(RangeError);
    }
  });
});
