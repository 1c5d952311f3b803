/**
 * A federating site served over HTTP on 127.0.0.1 with the product's own discussion thread, its
 * workers, and an independent Fedify peer that has looked the site actor up: the setup of the
 * end-to-end fediverse tests. close() stops them in the reverse order.
 */
import type { Actor } from '@fedify/vocab';
import type { WorkerHandle } from '../../src/jobs/contract.js';
import type { Runtime } from '../../src/main/runtime.js';
import { startHttpServer, type RunningServer } from '../../src/main/server.js';
import { siteFediverseThread } from '../../src/main/site-thread.js';
import { startFediPeer, type FediPeer } from './fedi-peer.js';
import { startFediRuntime } from './fedi-runtime.js';
import { freePort } from './wait.js';

export interface FederatedSite {
  readonly rt: Runtime;
  /** `http://127.0.0.1:<port>`, the site URL. */
  readonly base: string;
  /** The environment the runtime was configured from (for CLI commands against it). */
  readonly env: Record<string, string>;
  readonly peer: FediPeer;
  /** The site actor as the peer resolved it. */
  readonly site: Actor;
  close(): Promise<void>;
}

export async function startFederatedSite(): Promise<FederatedSite> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const fedi = await startFediRuntime({
    siteUrl: base,
    fediverseThread: siteFediverseThread,
    workers: 0,
  });
  let server: RunningServer | undefined;
  let workers: WorkerHandle | undefined;
  let peer: FediPeer | undefined;
  const close = async () => {
    await workers?.stop();
    await peer?.close();
    await server?.close();
    await fedi.close();
  };
  try {
    server = await startHttpServer(fedi.rt, '127.0.0.1', port);
    workers = await fedi.rt.startWorkers(4);
    peer = await startFediPeer();
    const site = await peer.lookup(`acct:site@127.0.0.1:${port}`);
    return { rt: fedi.rt, base, env: fedi.env, peer, site, close };
  } catch (error) {
    await close();
    throw error;
  }
}
