/**
 * The fetcher's destination rules as a question, for outbound HTTP that another client sends
 * (Fedify posts deliveries to inboxes with its own `fetch`): is this URL one we would connect to?
 * The URL rules first (scheme, credentials, port), then every address its host resolves to,
 * judged by the same table as the fetcher's connect-time check. A name that resolves to one
 * refused address is refused as a whole, as the fetcher would never pick a safe one on purpose.
 * This checks before the other client connects, so a name that changes its answer in between is
 * not caught here; the fetcher itself pins the address it checked.
 */
import { classifyAddress, type AddressPolicy } from './classify-address.js';
import type { Resolver } from './types.js';
import { hostKey, validateUrl } from './validate-url.js';

export interface DestinationPolicy extends AddressPolicy {
  readonly allowedPorts: readonly number[] | 'any';
  readonly resolve: Resolver;
}

/** Null when the URL may be reached; otherwise why not, in one line. */
export async function destinationRefusal(
  raw: string,
  policy: DestinationPolicy,
): Promise<string | null> {
  const checked = validateUrl(raw, { allowedPorts: policy.allowedPorts });
  if (!checked.ok) {
    const r = checked.error.refusal;
    return r.code === 'unreachable' ? r.detail : r.message;
  }
  const host = hostKey(checked.value.hostname);
  const literal = classifyAddress(host, policy);
  if (literal.allowed) return null;
  if (literal.range !== 'invalid') return `${host} is in a refused range (${literal.range})`;
  let answers;
  try {
    answers = await policy.resolve(host);
  } catch (error) {
    return `${host} does not resolve (${error instanceof Error ? error.message : String(error)})`;
  }
  if (answers.length === 0) return `${host} does not resolve`;
  for (const a of answers) {
    const verdict = classifyAddress(a.address, policy);
    if (!verdict.allowed)
      return `${host} resolves to ${a.address}, a refused range (${verdict.range})`;
  }
  return null;
}
