import { failure, type Failure } from '../../domain/failures.js';
import { mediaPath, variantPlan, type MediaItem } from '../../domain/media.js';
import { err, ok, type Result } from '../../domain/result.js';
import { mediaTextInput } from './add-media.js';
import type { MediaDeps } from './deps.js';
import type { MediaEdit, MediaUse } from './ports.js';

export interface MediaDetails {
  readonly item: MediaItem;
  readonly uses: readonly MediaUse[];
  readonly variants: readonly { readonly path: string; readonly stored: boolean }[];
}

export const listMedia = (deps: Pick<MediaDeps, 'repos'>, limit: number) =>
  deps.repos.media.list(limit);

export async function showMedia(
  deps: Pick<MediaDeps, 'repos' | 'storage'>,
  id: number,
): Promise<Result<MediaDetails, Failure>> {
  const item = await deps.repos.media.findById(id);
  if (!item) return err(failure('not_found', `no media with id ${id}`));
  const uses = await deps.repos.media.uses(id);
  const variants = await Promise.all(
    variantPlan(item).map(async (v) => ({
      path: mediaPath(v.key),
      stored: await deps.storage.has(v.key),
    })),
  );
  return ok({ item, uses, variants });
}

export async function updateMedia(
  deps: Pick<MediaDeps, 'repos'>,
  id: number,
  edit: MediaEdit,
): Promise<Result<MediaItem, Failure>> {
  const parsed = mediaTextInput.safeParse(edit);
  if (!parsed.success) return err(failure('invalid_input', parsed.error.issues[0]?.message));
  const uses = await deps.repos.media.uses(id);
  if (parsed.data.alt === '' && uses.length > 0) {
    // An article may be live with it: its alt text cannot be taken away (see publish rules).
    return err(
      failure(
        'conflict',
        `media ${id} is used by article ${uses.map((u) => u.articleId).join(', ')}; its alt text cannot be emptied`,
      ),
    );
  }
  const updated = await deps.repos.media.update(id, parsed.data);
  return updated ? ok(updated) : err(failure('not_found', `no media with id ${id}`));
}

/** A foreign-key refusal from either database: an article started using the item meanwhile. */
const isReferenced = (error: unknown) =>
  /foreign key/i.test(error instanceof Error ? error.message : String(error));

async function removeUnused(
  deps: Pick<MediaDeps, 'uow' | 'storage'>,
  item: MediaItem,
): Promise<MediaUse[] | null> {
  try {
    const blocked = await deps.uow.run(async ({ repos }) => {
      const uses = await repos.media.uses(item.id);
      if (uses.length > 0) return uses;
      await repos.media.delete(item.id);
      return null;
    });
    if (blocked) return blocked;
  } catch (error) {
    if (isReferenced(error)) return [];
    throw error;
  }
  // The row is gone first: a file without a row is garbage, a row without files is a broken page.
  await deps.storage.deletePrefix(item.hash);
  return null;
}

/** Deletes an item and its files, unless an article uses it (featured or inline). */
export async function deleteMedia(
  deps: Pick<MediaDeps, 'repos' | 'uow' | 'storage'>,
  id: number,
): Promise<Result<MediaItem, Failure>> {
  const item = await deps.repos.media.findById(id);
  if (!item) return err(failure('not_found', `no media with id ${id}`));
  const blocked = await removeUnused(deps, item);
  if (blocked) {
    const list = blocked.map((u) => `article ${u.articleId} (${u.role})`).join(', ');
    return err(failure('conflict', `media ${id} is in use: ${list || 'by an article'}`));
  }
  return ok(item);
}

/** Items no article uses; with `remove`, deletes them and their files too. */
export async function purgeUnusedMedia(
  deps: Pick<MediaDeps, 'repos' | 'uow' | 'storage'>,
  opts: { readonly remove: boolean; readonly limit?: number },
): Promise<MediaItem[]> {
  const unused = await deps.repos.media.listUnused(opts.limit ?? 10_000);
  if (!opts.remove) return unused;
  const removed: MediaItem[] = [];
  for (const item of unused) if (!(await removeUnused(deps, item))) removed.push(item);
  return removed;
}
