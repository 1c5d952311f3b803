import autocannon from 'autocannon';

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly headers?: Record<string, string>;
}

/** autocannon's own default, stated: a request slower than this counts as a timeout. */
const TIMEOUT_S = 10;

export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Requests sent, finished or not (a load stops with some in flight). */
  readonly sent: number;
}

const summarise = (r: autocannon.Result): LoadResult => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  max: r.latency.max,
  requests: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  sent: r.requests.sent,
});

/** Loads one URL for a fixed time on loopback (keep-alive, no pipelining). */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    pipelining: 1,
    timeout: TIMEOUT_S,
    headers: opts.headers ?? {},
  });
  return summarise(result);
}

/** A short load whose result is thrown away: JIT, caches and connections warm up. */
export async function warmUp(opts: Omit<LoadOptions, 'seconds'>, seconds = 1): Promise<void> {
  await load({ ...opts, seconds });
}

/** A load that runs until `stop()` is called; the result arrives then. */
export function openEndedLoad(opts: Omit<LoadOptions, 'seconds'>): {
  stop(): Promise<LoadResult>;
} {
  let settle: (r: LoadResult) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const done = new Promise<LoadResult>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: opts.url,
      connections: opts.connections,
      duration: 3600,
      pipelining: 1,
      timeout: TIMEOUT_S,
      headers: opts.headers ?? {},
    },
    (error, result) => (error ? fail(error) : settle(summarise(result))),
  );
  return {
    stop() {
      instance.stop();
      return done;
    },
  };
}

/** Sends `amount` POSTs, each with the body `bodyFor(n)` for n = 0, 1, …; resolves when done. */
export async function postMany(opts: {
  readonly url: string;
  readonly connections: number;
  readonly amount: number;
  readonly contentType: string;
  readonly bodyFor: (n: number) => string;
}): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    amount: opts.amount,
    pipelining: 1,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': opts.contentType },
        setupRequest: (request) => ({ ...request, body: opts.bodyFor(n++) }),
      },
    ],
  });
  return summarise(result);
}
