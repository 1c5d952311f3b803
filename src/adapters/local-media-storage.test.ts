import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidMediaKey, localMediaStorage } from './local-media-storage.js';

const dirs: string[] = [];
function fresh() {
  const root = mkdtempSync(join(tmpdir(), 'newsdesk-storage-'));
  dirs.push(root);
  return { root, storage: localMediaStorage(join(root, 'media')) };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('local-disk media storage', () => {
  it('writes, reads and deletes objects by key, leaving no temporary file behind', async () => {
    const { root, storage } = fresh();
    await storage.put('0123456789abcdef/640.webp', Buffer.from('one'), 'image/webp');
    await storage.put('0123456789abcdef/640.webp', Buffer.from('two'), 'image/webp');
    expect(Buffer.from((await storage.get('0123456789abcdef/640.webp'))!).toString()).toBe('two');
    expect(await storage.has('0123456789abcdef/640.webp')).toBe(true);
    expect(readdirSync(join(root, 'media', '0123456789abcdef'))).toEqual(['640.webp']);
    expect(await storage.get('0123456789abcdef/320.webp')).toBeNull();
    await storage.deletePrefix('0123456789abcdef');
    expect(await storage.has('0123456789abcdef/640.webp')).toBe(false);
    await storage.deletePrefix('0123456789abcdef');
  });

  it.each([
    '../outside/640.jpg',
    '0123456789abcdef/../../x.jpg',
    '0123456789abcdef/640.jpg/../../../etc/passwd',
    '/etc/passwd',
    '0123456789abcdef/640.svg',
    '0123456789abcdef/640.jpg\0',
    '0123456789ABCDEF/640.jpg',
    '0123456789abcdef\\..\\640.jpg',
    '',
  ])('refuses the key %j for every operation', async (key) => {
    const { root, storage } = fresh();
    writeFileSync(join(root, 'outside.jpg'), 'secret');
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidMediaKey);
    await expect(storage.has(key)).rejects.toBeInstanceOf(InvalidMediaKey);
    await expect(storage.put(key, Buffer.from('x'), 'image/jpeg')).rejects.toBeInstanceOf(
      InvalidMediaKey,
    );
    expect(readdirSync(root)).toEqual(['outside.jpg']);
  });

  it('refuses a prefix that is not a content hash', async () => {
    const { storage } = fresh();
    for (const prefix of ['..', '', '.', '0123456789abcdef/..', '*']) {
      await expect(storage.deletePrefix(prefix)).rejects.toBeInstanceOf(InvalidMediaKey);
    }
  });
});
