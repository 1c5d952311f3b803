import { describe, expect, it } from 'vitest';
import { formTokens } from './form-token.js';

function memorySettings() {
  const values = new Map<string, unknown>();
  /** Calls of the insert-if-absent, which is a write to the store even when the key exists. */
  let inits = 0;
  return {
    inits: () => inits,
    async get<T>(key: string): Promise<T | undefined> {
      return values.get(key) as T | undefined;
    },
    async getOrInit<T>(key: string, init: () => T): Promise<T> {
      inits++;
      if (!values.has(key)) values.set(key, init());
      return values.get(key) as T;
    },
  };
}

const limits = { minFillSeconds: 3, maxAgeSeconds: 3600 };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('form tokens', () => {
  it('accepts a token for the same article between the minimum fill time and the maximum age', async () => {
    const store = memorySettings();
    const tokens = formTokens(store);
    const token = await tokens.issue(7, t0);
    expect(await tokens.verify(token, 7, at(2.9), limits)).toBe('too-fast');
    expect(await tokens.verify(token, 7, at(3), limits)).toBe('ok');
    expect(await tokens.verify(token, 7, at(3600), limits)).toBe('ok');
    expect(await tokens.verify(token, 7, at(3601), limits)).toBe('expired');
    expect(await tokens.verify(token, 8, at(10), limits)).toBe('invalid');
    expect(store.inits()).toBe(1);
  });

  it('reuses a stored secret without writing it again', async () => {
    const store = memorySettings();
    const first = await formTokens(store).issue(7, t0);
    // Another process starting over the same settings reads the secret instead of inserting it.
    const again = formTokens(store);
    expect(await again.verify(first, 7, at(10), limits)).toBe('ok');
    expect(store.inits()).toBe(1);
  });

  it('refuses tampered, truncated and foreign tokens', async () => {
    const tokens = formTokens(memorySettings());
    const token = await tokens.issue(7, t0);
    const [id, issued, sig] = token.split('.');
    const earlier = `${id}.${Number(issued) - 60_000}.${sig}`;
    // Flip a middle character: the last base64url character carries 2 unused bits, so changing
    // it can decode to the same bytes.
    const flipped = `${id}.${issued}.${sig!.slice(0, 10)}${sig![10] === 'A' ? 'B' : 'A'}${sig!.slice(11)}`;
    const foreign = await formTokens(memorySettings()).issue(7, t0);
    for (const bad of [earlier, flipped, foreign, token.slice(0, -2), '', 'x.y.z', `${token}.`]) {
      expect(await tokens.verify(bad, 7, at(10), limits)).toBe('invalid');
    }
  });
});
