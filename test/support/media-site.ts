import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaItem } from '../../src/domain/media.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { TestDialect } from './dialects.js';
import { startSite, type SiteHarness } from './site-harness.js';

export interface MediaSite extends SiteHarness {
  readonly mediaDir: string;
  /** Every file under the media folder, as `<hash>/<file>`. */
  files(): string[];
  authorId: number;
  /** Runs the queued jobs (the variant job among them) until the item's variants are made. */
  variantsOf(item: MediaItem): Promise<MediaItem>;
}

export async function startMediaSite(dialect: TestDialect): Promise<MediaSite> {
  const mediaDir = mkdtempSync(join(tmpdir(), 'newsdesk-media-'));
  const site = await startSite(dialect, { env: { NEWSDESK_MEDIA_DIR: mediaDir } });
  const user = await addUser(site.rt.deps, {
    email: 'photo@example.org',
    name: 'Pat Photo',
    role: 'author',
  });
  if (!user.ok) throw new Error(user.error.message);
  return {
    ...site,
    mediaDir,
    authorId: user.value.id,
    files: () =>
      readdirSync(mediaDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => `${e.parentPath.slice(mediaDir.length + 1)}/${e.name}`)
        .sort(),
    async variantsOf(item) {
      const workers = await site.rt.startWorkers(1);
      try {
        for (let i = 0; i < 600; i++) {
          const now = await site.rt.deps.repos.media.findById(item.id);
          if (now?.variantsReadyAt) return now;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`media ${item.id}: variants were not made`);
      } finally {
        await workers.stop();
      }
    },
    async close() {
      await site.close();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
