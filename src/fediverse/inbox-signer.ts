import { verifyRequest, type KeyCache } from '@fedify/fedify';
import type { CryptographicKey, Multikey } from '@fedify/vocab';
import type { DocumentLoader } from '@fedify/vocab-runtime';

/** Who signed an inbox request, once the signature verified: the key's owner (an actor id). */
export type InboxSigner = (request: Request) => Promise<string | null>;

/**
 * Verifies an inbox request's HTTP signature (RFC 9421 or draft-cavage, with its digest and clock
 * window, as Fedify's inbox does) and names its signer, so the per-actor rate counts only requests
 * that actor really signed: a forger naming someone else's key id gets null and spends nothing of
 * theirs. Fedify verifies again when it handles the request; the public keys fetched here are
 * kept for `keyTtlMs` so a sender's key is fetched once, not twice per request. Replays are
 * Fedify's to refuse (this check records nothing).
 */
export function inboxSigner(deps: {
  readonly documentLoader: DocumentLoader;
  readonly timeWindowSeconds: number;
  readonly now?: () => number;
  readonly keyTtlMs?: number;
  readonly maxKeys?: number;
}): InboxSigner {
  const now = deps.now ?? Date.now;
  const ttl = deps.keyTtlMs ?? 10 * 60_000;
  const max = deps.maxKeys ?? 5000;
  const keys = new Map<string, { key: CryptographicKey | Multikey; until: number }>();
  const keyCache: KeyCache = {
    get(keyId) {
      const hit = keys.get(keyId.href);
      if (hit === undefined || hit.until < now()) return Promise.resolve(undefined);
      return Promise.resolve(hit.key);
    },
    set(keyId, key) {
      // An unreachable key is not remembered: the next request tries again.
      if (key === null) return Promise.resolve();
      if (keys.size >= max) keys.delete(keys.keys().next().value ?? '');
      keys.set(keyId.href, { key, until: now() + ttl });
      return Promise.resolve();
    },
  };
  return async (request) => {
    try {
      const key = await verifyRequest(request, {
        documentLoader: deps.documentLoader,
        contextLoader: deps.documentLoader,
        timeWindow: { seconds: deps.timeWindowSeconds },
        keyCache,
      });
      if (key === null) return null;
      const owner = key.ownerId ?? (key.id ? new URL(key.id.href.replace(/#.*$/, '')) : null);
      return owner?.href ?? null;
    } catch {
      return null; // a malformed signature or an unreachable key: not verified, Fedify answers
    }
  };
}
