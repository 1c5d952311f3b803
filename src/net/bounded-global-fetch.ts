/**
 * A bound on the global `fetch` of one piece of work, for a library that calls it with no signal
 * of ours. Fedify 2.3 posts deliveries that way: its `sendActivity` builds the request itself,
 * and neither `createFederation` nor `processQueuedTask` take a fetch, a signal or a timeout, so
 * an inbox that accepts the connection and never answers would hold the worker until undici's
 * default of 5 minutes. The only hook left is the dispatcher the global `fetch` uses. Once per
 * process we install one that sends each request through the dispatcher of the bounded work
 * running in this async context, if any, and otherwise exactly where it went before: nothing
 * outside that work changes. Each bound has an undici Agent of its own whose connect, headers and
 * body-idle timeouts are the bound, so a silent server fails the request with a transport error
 * (`fetch failed`, caused by undici's `UND_ERR_HEADERS_TIMEOUT`) instead of waiting.
 *
 * undici is loaded on the first bounded run, as the fetcher does (create-fetcher.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Dispatcher } from 'undici';

/** Marks the process's scoping dispatcher, so that several runtimes in one process share it. */
const SCOPED = Symbol.for('newsdesk.net.scoped-global-dispatcher');

type Scope = AsyncLocalStorage<Dispatcher>;

const scopeOf = (d: unknown): Scope | null =>
  typeof d === 'object' && d !== null && SCOPED in d ? (d as { [SCOPED]: Scope })[SCOPED] : null;

/** The process's dispatcher scope, its dispatcher installed as the global one on first use. */
async function globalScope(): Promise<{ scope: Scope; undici: typeof import('undici') }> {
  const undici = await import('undici');
  const current = undici.getGlobalDispatcher();
  const known = scopeOf(current);
  if (known) return { scope: known, undici };
  const scope: Scope = new AsyncLocalStorage<Dispatcher>();
  class ScopedDispatcher extends undici.Dispatcher {
    readonly [SCOPED] = scope;
    override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
      return (scope.getStore() ?? current).dispatch(options, handler);
    }
    // Closing the global dispatcher closes what it stands in for; a bound's Agent is its owner's.
    override close(callback: () => void): void;
    override close(): Promise<void>;
    override close(...args: [(() => void)?]): Promise<void> | void {
      return Reflect.apply(current.close, current, args) as Promise<void> | void;
    }
    override destroy(err: Error | null, callback: () => void): void;
    override destroy(callback: () => void): void;
    override destroy(err: Error | null): Promise<void>;
    override destroy(): Promise<void>;
    override destroy(...args: unknown[]): Promise<void> | void {
      return Reflect.apply(current.destroy, current, args) as Promise<void> | void;
    }
  }
  undici.setGlobalDispatcher(new ScopedDispatcher());
  return { scope, undici };
}

export interface BoundedGlobalFetch {
  /** Runs `work` with every global `fetch` it makes (and not another's) bounded. */
  run<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * `timeoutMs` bounds the connect, the wait for the response headers after the request was sent,
 * and each pause while the body is read.
 */
export function boundedGlobalFetch(timeoutMs: number): BoundedGlobalFetch {
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError('a fetch bound must be a positive whole number of milliseconds');
  }
  let ready: Promise<{ scope: Scope; agent: Dispatcher }> | undefined;
  const once = () =>
    (ready ??= globalScope().then(({ scope, undici }) => ({
      scope,
      agent: new undici.Agent({
        connect: { timeout: timeoutMs },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      }),
    })));
  return {
    async run(work) {
      const { scope, agent } = await once();
      return scope.run(agent, work);
    },
    async close() {
      if (ready) await (await ready).agent.close();
    },
  };
}
