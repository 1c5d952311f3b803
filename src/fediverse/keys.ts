import { exportJwk, generateCryptoKeyPair, importJwk, type KvStore } from '@fedify/fedify';

interface StoredPair {
  readonly privateKey: JsonWebKey;
  readonly publicKey: JsonWebKey;
}

/**
 * An actor's key pairs, RSA (draft-cavage signatures) and Ed25519 (RFC 9421, object proofs):
 * generated on first use and kept in the store, so a restart or a second process signs with the
 * same keys remote servers already cached. Two processes racing on the first use agree through
 * compare-and-swap: the loser reads the winner's keys.
 */
export async function actorKeyPairs(kv: KvStore, identifier: string): Promise<CryptoKeyPair[]> {
  const pairs: CryptoKeyPair[] = [];
  for (const algorithm of ['RSASSA-PKCS1-v1_5', 'Ed25519'] as const) {
    const key = ['newsdesk', 'keys', identifier, algorithm] as const;
    let stored = await kv.get<StoredPair>(key);
    if (stored === undefined) {
      const fresh = await generateCryptoKeyPair(algorithm);
      const candidate: StoredPair = {
        privateKey: await exportJwk(fresh.privateKey),
        publicKey: await exportJwk(fresh.publicKey),
      };
      const won = kv.cas
        ? await kv.cas(key, undefined, candidate)
        : (await kv.set(key, candidate), true);
      stored = won ? candidate : await kv.get<StoredPair>(key);
      if (stored === undefined) throw new Error(`fediverse: key pair for ${identifier} vanished`);
    }
    pairs.push({
      privateKey: await importJwk(stored.privateKey, 'private'),
      publicKey: await importJwk(stored.publicKey, 'public'),
    });
  }
  return pairs;
}
