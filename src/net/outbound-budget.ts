export interface BudgetLimits {
  /** Requests in flight to one host name at once. */
  readonly perHostConcurrency: number;
  /** Requests started per rolling window, all destinations together. */
  readonly globalPerWindow: number;
  /** Requests started per rolling window to one host name. */
  readonly perHostPerWindow: number;
  /** Requests started per rolling window to one IP address, whatever name led there. */
  readonly perAddressPerWindow: number;
  readonly windowMs: number;
}

export type Admission =
  | { readonly granted: true; readonly release: () => void }
  | { readonly granted: false; readonly reason: string };

export type Spending =
  { readonly granted: true } | { readonly granted: false; readonly reason: string };

/**
 * Caps what we send so the site cannot be used as a reflector (a pingback flood aimed at a third
 * party). Two steps, so that a URL refused before any socket opens costs nothing:
 *
 * - `admit(host)`, before DNS: takes an in-flight slot for the host name and refuses at once when
 *   the global or the host's window is already full. It spends nothing from the windows.
 * - `spend(host, address)`, once the address has passed the policy and just before the socket is
 *   opened: counts one request against the global, host-name and address windows, only if all
 *   three have room. Keying by the address as well means many names pointing at one victim share
 *   one budget.
 *
 * Refusal is immediate; callers (jobs) retry later rather than queueing here.
 */
export interface OutboundBudget {
  admit(host: string): Admission;
  spend(host: string, address: string): Spending;
}

export function createOutboundBudget(limits: BudgetLimits, now: () => number): OutboundBudget {
  const inFlight = new Map<string, number>();
  const global = rollingCounts(limits.windowMs);
  const hosts = rollingCounts(limits.windowMs);
  const addresses = rollingCounts(limits.windowMs);

  /** Why the global or host window cannot take one more request, or null. */
  const windowsFull = (host: string, at: number): string | null => {
    if (global.count('', at) >= limits.globalPerWindow) {
      return 'global outbound budget spent for this minute';
    }
    if (hosts.count(host, at) >= limits.perHostPerWindow) {
      return `outbound budget for ${host} spent for this minute`;
    }
    return null;
  };

  return {
    admit(host) {
      const running = inFlight.get(host) ?? 0;
      if (running >= limits.perHostConcurrency) {
        return { granted: false, reason: `${running} requests to ${host} already in flight` };
      }
      const full = windowsFull(host, now());
      if (full !== null) return { granted: false, reason: full };
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

    spend(host, address) {
      const at = now();
      const full = windowsFull(host, at);
      if (full !== null) return { granted: false, reason: full };
      // The address stays out of the reason: with an allow list it may be an internal one.
      if (addresses.count(address, at) >= limits.perAddressPerWindow) {
        return { granted: false, reason: 'outbound budget for this address spent for this minute' };
      }
      global.add('', at);
      hosts.add(host, at);
      addresses.add(address, at);
      return { granted: true };
    },
  };
}

/** Start times per key within a rolling window; keys whose window empties are dropped. */
function rollingCounts(windowMs: number) {
  const starts = new Map<string, number[]>();
  const prune = (list: number[], at: number): void => {
    while (list.length > 0 && (list[0] ?? 0) <= at - windowMs) list.shift();
  };
  return {
    count(key: string, at: number): number {
      const list = starts.get(key);
      if (list === undefined) return 0;
      prune(list, at);
      if (list.length === 0) starts.delete(key);
      return list.length;
    },
    add(key: string, at: number): void {
      const list = starts.get(key) ?? [];
      list.push(at);
      starts.set(key, list);
      // A crawl over many hosts must not grow the map forever.
      if (starts.size < 1024) return;
      for (const [other, times] of starts) {
        prune(times, at);
        if (times.length === 0) starts.delete(other);
      }
    },
  };
}
