// Receivers for the sending suites: a real HTTP server on 127.0.0.1 whose answer for each path
// a test scripts, recording every request and how many were in flight at once.
import type { IncomingMessage } from 'node:http';
import { execFileSync } from 'node:child_process';
import { startLoopbackServer, type LoopbackServer, type SeenRequest } from './net-kit.js';

export interface PeerAnswer {
  readonly status?: number;
  readonly headers?: Record<string, string | string[]>;
  readonly body?: string | Buffer;
  /** Answer after this many real milliseconds (to make requests overlap). */
  readonly delayMs?: number;
}

export type PeerRoute = (req: IncomingMessage, seen: SeenRequest) => PeerAnswer;

export interface Peer {
  readonly origin: string;
  readonly server: LoopbackServer;
  /** Scripts a path (without query); returns its absolute URL. */
  route(path: string, answer: PeerAnswer | PeerRoute): string;
  requests(path: string, method?: string): SeenRequest[];
  /** The most requests that were being answered at the same moment. */
  readonly maxInFlight: () => number;
  close(): Promise<void>;
}

export async function startPeer(): Promise<Peer> {
  const routes = new Map<string, PeerRoute>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await startLoopbackServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes.get(path);
    const seen = server.seen[server.seen.length - 1] as SeenRequest;
    const answer: PeerAnswer = route
      ? route(req, seen)
      : { status: 404, headers: { 'content-type': 'text/html' }, body: '<p>no</p>' };
    const send = () => {
      res.writeHead(answer.status ?? 200, {
        'content-type': 'text/html; charset=utf-8',
        ...answer.headers,
      });
      res.end(answer.body ?? '');
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs);
    else send();
  });
  return {
    origin: server.origin,
    server,
    route(path, answer) {
      routes.set(path, typeof answer === 'function' ? answer : () => answer);
      return `${server.origin}${path}`;
    },
    requests: (path, method) =>
      server.seen.filter(
        (r) =>
          (r.url.split('?')[0] ?? '') === path && (method === undefined || r.method === method),
      ),
    maxInFlight: () => maxInFlight,
    close: () => server.close(),
  };
}

/** A page advertising a Webmention endpoint in its `Link` header. */
export const webmentionPage = (endpoint: string): PeerAnswer => ({
  headers: { link: `<${endpoint}>; rel="webmention"` },
  body: '<!doctype html><title>A page</title><p>Hello</p>',
});

/** Parses an XML-RPC call with Python's own `xmlrpc.client`, as a stand-in for other servers. */
export function pythonXmlRpc(body: string): { method: string; params: unknown[] } {
  const out = execFileSync(
    'python3',
    [
      '-c',
      'import sys, json, xmlrpc.client\n' +
        'params, method = xmlrpc.client.loads(sys.stdin.buffer.read())\n' +
        'print(json.dumps({"method": method, "params": list(params)}))',
    ],
    { input: body, encoding: 'utf8' },
  );
  return JSON.parse(out) as { method: string; params: unknown[] };
}

/** Parses a form body with Python's `urllib.parse`, in the charset the Content-Type names. */
export function pythonForm(body: string, charset: string): Record<string, string[]> {
  const out = execFileSync(
    'python3',
    [
      '-c',
      'import sys, json, urllib.parse\n' +
        `print(json.dumps(urllib.parse.parse_qs(sys.stdin.buffer.read().decode("ascii"), encoding=${JSON.stringify(charset)}, strict_parsing=True)))`,
    ],
    { input: body, encoding: 'utf8' },
  );
  return JSON.parse(out) as Record<string, string[]>;
}

/** An XML-RPC response: a success string, or a fault. */
export const xmlRpcSuccess = (text: string): PeerAnswer => ({
  headers: { 'content-type': 'text/xml' },
  body: `<?xml version="1.0"?><methodResponse><params><param><value><string>${text}</string></value></param></params></methodResponse>`,
});
export const xmlRpcFault = (code: number, text = 'fault'): PeerAnswer => ({
  headers: { 'content-type': 'text/xml' },
  body: `<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>${code}</int></value></member><member><name>faultString</name><value><string>${text}</string></value></member></struct></value></fault></methodResponse>`,
});
