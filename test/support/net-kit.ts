// Helpers for tests that drive the guarded fetcher (src/net); production code never imports this.
import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import ipaddr from 'ipaddr.js';
import { directConnector } from '../../src/net/direct-connector.js';
import type {
  ConnectTarget,
  Connector,
  FetcherOptions,
  ResolvedAddress,
  Resolver,
  UnreachableEvent,
} from '../../src/net/types.js';

export const TEST_USER_AGENT = 'Newsdesk/0.1 (+https://site.example/)';

/**
 * The explicit opt-in a test makes to reach the kit's loopback servers: loopback addresses (as
 * NEWSDESK_FETCH_ALLOW_LOOPBACK=1 does) and any port, since those servers listen on random ones.
 * Production keeps both closed; a test that leaves this out gets the production policy.
 */
export const OPEN_TO_TEST_SERVERS = {
  allowLoopback: true,
  allowedPorts: 'any',
} as const satisfies Partial<FetcherOptions>;

/** Records what the fetcher tells operators about each `unreachable` failure. */
export function unreachableLog(): {
  onUnreachable: (event: UnreachableEvent) => void;
  events: UnreachableEvent[];
} {
  const events: UnreachableEvent[] = [];
  return { onUnreachable: (event) => void events.push(event), events };
}

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

/** A real HTTP server bound to 127.0.0.1 only; records every request it receives. */
export async function startLoopbackServer(handler: RequestListener): Promise<LoopbackServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listen(0, host) always yields an AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Records every connection attempt. Opens a real socket only to loopback addresses (the one
 * kind of address tests may contact); any other address is recorded and then fails, so a test
 * can prove what the fetcher *would* have contacted without ever contacting it.
 */
export function recordingConnector(): { connect: Connector; attempts: ConnectTarget[] } {
  const attempts: ConnectTarget[] = [];
  const connect: Connector = async (target) => {
    attempts.push(target);
    if (ipaddr.parse(target.address).range() !== 'loopback') {
      throw new Error(`test connector does not contact ${target.address}`);
    }
    return directConnector(target);
  };
  return { connect, attempts };
}

/**
 * A connector standing in for hosts on the internet. A connection to an `address:port` listed in
 * `open` is really made to that loopback port (so an "open port" answers); any other is recorded
 * and fails as a closed port does. Only loopback is ever contacted.
 */
export function simulatedInternet(open: Readonly<Record<string, number>>): {
  connect: Connector;
  attempts: ConnectTarget[];
} {
  const attempts: ConnectTarget[] = [];
  const connect: Connector = async (target) => {
    attempts.push(target);
    const loopbackPort = open[`${target.address}:${target.port}`];
    if (loopbackPort === undefined) {
      throw new Error(`connect ECONNREFUSED ${target.address}:${target.port}`);
    }
    return directConnector({ ...target, address: '127.0.0.1', family: 4, port: loopbackPort });
  };
  return { connect, attempts };
}

/** A connector that never connects until the fetcher gives up on it. */
export function hangingConnector(): { connect: Connector; attempts: ConnectTarget[] } {
  const attempts: ConnectTarget[] = [];
  const connect: Connector = (target) => {
    attempts.push(target);
    return new Promise((_, reject) => {
      target.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
  };
  return { connect, attempts };
}

const answer = (address: string): ResolvedAddress => ({
  address,
  family: address.includes(':') ? 6 : 4,
});

/**
 * A resolver that answers from a table, or from a queue per name (one entry per call, the last
 * entry repeating): the shape of a rebinding DNS server. Unknown names fail like NXDOMAIN.
 */
export function scriptedResolver(table: Readonly<Record<string, readonly (readonly string[])[]>>): {
  resolve: Resolver;
  calls: string[];
} {
  const calls: string[] = [];
  const resolve: Resolver = async (hostname) => {
    const script = table[hostname];
    const index = calls.filter((name) => name === hostname).length;
    calls.push(hostname);
    const answers = script?.[Math.min(index, script.length - 1)];
    if (answers === undefined) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    return answers.map(answer);
  };
  return { resolve, calls };
}
