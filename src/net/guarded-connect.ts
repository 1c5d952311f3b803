import { isIP, type Socket } from 'node:net';
import type { buildConnector } from 'undici';
import { canonicalAddress, classifyAddress, type AddressPolicy } from './classify-address.js';
import { GuardRefusal, unreachable } from './guard-refusal.js';
import type { OutboundBudget } from './outbound-budget.js';
import type { Connector, ResolvedAddress, Resolver } from './types.js';
import { hostKey } from './validate-url.js';

export interface GuardedConnectDeps {
  readonly resolve: Resolver;
  readonly connect: Connector;
  readonly policy: AddressPolicy;
  readonly connectTimeoutMs: number;
  /** Spent here, once the address is approved and before the socket opens. */
  readonly budget: OutboundBudget;
}

/**
 * The `connect` function handed to undici's Agent. Each new socket resolves the host once, judges
 * every answer, spends the outbound budget for the host name and the approved address, and
 * connects to that IP literal: the address checked is the address used, so a DNS answer that
 * changes between two lookups (rebinding, CVE-2022-3590) has nothing to change. Anything that
 * stops the socket from opening is `unreachable`; only a spent budget is told apart.
 */
export function createGuardedConnect(deps: GuardedConnectDeps): buildConnector.connector {
  return (options, callback) => {
    openGuarded(options, deps).then(
      (socket) => callback(null, socket),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}

async function openGuarded(
  options: buildConnector.Options,
  deps: GuardedConnectDeps,
): Promise<Socket> {
  const controller = new AbortController();
  const timedOut = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () =>
      reject(
        new GuardRefusal(
          unreachable(
            'connect_failed',
            `no connection to ${options.hostname} within ${deps.connectTimeoutMs} ms`,
          ),
        ),
      ),
    );
  });
  timedOut.catch(() => undefined);
  const timer = setTimeout(() => controller.abort(), deps.connectTimeoutMs);
  const attempt = resolveAndConnect(options, deps, controller.signal);
  try {
    return await Promise.race([attempt, timedOut]);
  } catch (error) {
    // A socket that arrives after the deadline is nobody's: close it.
    attempt.then(
      (late) => late.destroy(),
      () => undefined,
    );
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function resolveAndConnect(
  options: buildConnector.Options,
  deps: GuardedConnectDeps,
  signal: AbortSignal,
): Promise<Socket> {
  const hostname = options.hostname; // undici has already removed IPv6 brackets
  const protocol = options.protocol === 'https:' ? 'https:' : 'http:';
  const answers = await lookupOnce(hostname, deps.resolve);
  for (const answer of answers) {
    const verdict = classifyAddress(answer.address, deps.policy);
    if (!verdict.allowed) {
      // Any refused answer refuses the host: a name that mixes public and internal addresses is
      // either misconfigured or an attack, and picking the "good" one would hide that.
      const detail = `${hostname} resolves to ${answer.address} (${verdict.range})`;
      throw new GuardRefusal(unreachable('address_refused', detail, answer.address));
    }
  }
  const first = answers[0];
  const address = first === undefined ? null : canonicalAddress(first.address);
  if (address === null) {
    throw new GuardRefusal(unreachable('dns_failure', `no usable address for ${hostname}`));
  }
  const spent = deps.budget.spend(hostKey(hostname), address);
  if (!spent.granted) throw new GuardRefusal({ code: 'rate_limited', message: spent.reason });
  const port = options.port === '' ? (protocol === 'https:' ? 443 : 80) : Number(options.port);
  const family = isIP(address) === 6 ? 6 : 4;
  try {
    return await deps.connect({ hostname, address, family, port, protocol, signal });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GuardRefusal(unreachable('connect_failed', reason, address));
  }
}

/** IP literals are judged as they are; names go to the resolver exactly once. */
async function lookupOnce(
  hostname: string,
  resolve: Resolver,
): Promise<readonly ResolvedAddress[]> {
  const literalFamily = isIP(hostname);
  if (literalFamily !== 0) return [{ address: hostname, family: literalFamily === 6 ? 6 : 4 }];
  let answers: readonly ResolvedAddress[];
  try {
    answers = await resolve(hostname);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GuardRefusal(unreachable('dns_failure', `cannot resolve ${hostname}: ${reason}`));
  }
  if (answers.length === 0) {
    throw new GuardRefusal(unreachable('dns_failure', `${hostname} has no addresses`));
  }
  return answers;
}
