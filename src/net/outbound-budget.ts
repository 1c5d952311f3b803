export interface BudgetLimits {
  /** Requests in flight to one host at once. */
  readonly perHostConcurrency: number;
  /** Requests started per rolling window, all hosts together. */
  readonly globalPerWindow: number;
  /** Requests started per rolling window to one host. */
  readonly perHostPerWindow: number;
  readonly windowMs: number;
}

export type BudgetDecision =
  | { readonly granted: true; readonly release: () => void }
  | { readonly granted: false; readonly reason: string };

export interface OutboundBudget {
  /** Takes a slot for one request to `host` now, or says why not; never waits. */
  tryAcquire(host: string): BudgetDecision;
}

/**
 * Caps what we send so the site cannot be used as a reflector (PROTOCOLS.md §8 #4: pingback DDoS):
 * a per-host in-flight limit plus rolling-window counts, globally and per host. Refusal is
 * immediate; callers (jobs) retry later with backoff rather than queueing here.
 */
export function createOutboundBudget(limits: BudgetLimits, now: () => number): OutboundBudget {
  const inFlight = new Map<string, number>();
  const globalStarts: number[] = [];
  const hostStarts = new Map<string, number[]>();

  const prune = (starts: number[], at: number): void => {
    while (starts.length > 0 && (starts[0] ?? 0) <= at - limits.windowMs) starts.shift();
  };

  return {
    tryAcquire(host) {
      const at = now();
      const running = inFlight.get(host) ?? 0;
      if (running >= limits.perHostConcurrency) {
        return { granted: false, reason: `${running} requests to ${host} already in flight` };
      }
      prune(globalStarts, at);
      if (globalStarts.length >= limits.globalPerWindow) {
        return { granted: false, reason: 'global outbound budget spent for this minute' };
      }
      const starts = hostStarts.get(host) ?? [];
      prune(starts, at);
      if (starts.length >= limits.perHostPerWindow) {
        return { granted: false, reason: `outbound budget for ${host} spent for this minute` };
      }
      globalStarts.push(at);
      starts.push(at);
      hostStarts.set(host, starts);
      sweep(hostStarts, at);
      inFlight.set(host, running + 1);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        const left = (inFlight.get(host) ?? 1) - 1;
        if (left > 0) inFlight.set(host, left);
        else inFlight.delete(host);
      };
      return { granted: true, release };
    },
  };

  /** Drops hosts whose window emptied, so a crawl over many hosts does not grow the map forever. */
  function sweep(map: Map<string, number[]>, at: number): void {
    if (map.size < 1024) return;
    for (const [key, starts] of map) {
      prune(starts, at);
      if (starts.length === 0) map.delete(key);
    }
  }
}
