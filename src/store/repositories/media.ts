import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  InlineUse,
  MediaEdit,
  MediaFields,
  MediaRepository,
  MediaUse,
} from '../../app/media/ports.js';
import { IMAGE_FORMATS, type ImageFormat, type MediaItem } from '../../domain/media.js';
import type { Database } from '../schema.js';
import { fromDb, fromDbOrNull, toDb } from './time.js';

type MediaRow = Selectable<Database['media']>;
type Db = Kysely<Database> | Transaction<Database>;

const asFormat = (f: string): ImageFormat =>
  (IMAGE_FORMATS as readonly string[]).includes(f) ? (f as ImageFormat) : 'jpeg';

export const toMediaItem = (r: MediaRow): MediaItem => ({
  id: r.id,
  hash: r.hash,
  sha256: r.sha256,
  format: asFormat(r.format),
  width: r.width,
  height: r.height,
  bytes: r.bytes,
  animated: r.animated === 1,
  hasAlpha: r.has_alpha === 1,
  alt: r.alt,
  caption: r.caption,
  credit: r.credit,
  originalName: r.original_name,
  createdAt: fromDb(r.created_at),
  variantsReadyAt: fromDbOrNull(r.variants_ready_at),
});

/** The media library's rows, and the two ways an article uses them (featured, inline). */
export function mediaRepository(db: Db) {
  const usedIds = () =>
    db
      .selectFrom('article_media')
      .select('media_id as id')
      .union(
        db
          .selectFrom('articles')
          .select('featured_media_id as id')
          .where('featured_media_id', 'is not', null)
          .$narrowType<{ id: number }>(),
      );
  return {
    async insert(f: MediaFields, now: Date): Promise<MediaItem> {
      const row = await db
        .insertInto('media')
        .values({
          hash: f.hash,
          sha256: f.sha256,
          format: f.format,
          width: f.width,
          height: f.height,
          bytes: f.bytes,
          animated: f.animated ? 1 : 0,
          has_alpha: f.hasAlpha ? 1 : 0,
          alt: f.alt,
          caption: f.caption,
          credit: f.credit,
          original_name: f.originalName,
          created_at: toDb(now),
          variants_ready_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMediaItem(row);
    },
    async findById(id: number) {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toMediaItem(row);
    },
    async findByIds(ids: readonly number[]) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('media')
        .selectAll()
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return rows.map(toMediaItem);
    },
    async findByHash(hash: string) {
      const row = await db
        .selectFrom('media')
        .selectAll()
        .where('hash', '=', hash)
        .executeTakeFirst();
      return row && toMediaItem(row);
    },
    async findBySha256(sha256: string) {
      const row = await db
        .selectFrom('media')
        .selectAll()
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return row && toMediaItem(row);
    },
    async list(limit: number) {
      const rows = await db
        .selectFrom('media')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toMediaItem);
    },
    async update(id: number, edit: MediaEdit) {
      const values = {
        ...(edit.alt !== undefined ? { alt: edit.alt } : {}),
        ...(edit.caption !== undefined ? { caption: edit.caption } : {}),
        ...(edit.credit !== undefined ? { credit: edit.credit } : {}),
      };
      if (Object.keys(values).length > 0) {
        await db.updateTable('media').set(values).where('id', '=', id).execute();
      }
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toMediaItem(row);
    },
    async markVariantsReady(id: number, now: Date) {
      await db
        .updateTable('media')
        .set({ variants_ready_at: toDb(now) })
        .where('id', '=', id)
        .where('variants_ready_at', 'is', null)
        .execute();
    },
    async delete(id: number) {
      await db.deleteFrom('media').where('id', '=', id).execute();
    },
    async uses(id: number): Promise<MediaUse[]> {
      const [featured, inline] = await Promise.all([
        db.selectFrom('articles').select('id').where('featured_media_id', '=', id).execute(),
        db.selectFrom('article_media').select('article_id').where('media_id', '=', id).execute(),
      ]);
      return [
        ...featured.map((r) => ({ articleId: r.id, role: 'featured' as const })),
        ...inline.map((r) => ({ articleId: r.article_id, role: 'inline' as const })),
      ];
    },
    async listUnused(limit: number) {
      const rows = await db
        .selectFrom('media')
        .selectAll()
        .where('id', 'not in', usedIds())
        .orderBy('id', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toMediaItem);
    },
    async setFeatured(articleId: number, mediaId: number | null) {
      await db
        .updateTable('articles')
        .set({ featured_media_id: mediaId })
        .where('id', '=', articleId)
        .execute();
    },
    async setInline(articleId: number, uses: readonly InlineUse[]) {
      await db.deleteFrom('article_media').where('article_id', '=', articleId).execute();
      const unique = [...new Map(uses.map((u) => [u.mediaId, u])).values()];
      if (unique.length === 0) return;
      await db
        .insertInto('article_media')
        .values(unique.map((u) => ({ article_id: articleId, media_id: u.mediaId, alt: u.alt })))
        .execute();
    },
    async inlineUses(articleId: number): Promise<InlineUse[]> {
      const rows = await db
        .selectFrom('article_media')
        .select(['media_id', 'alt'])
        .where('article_id', '=', articleId)
        .execute();
      return rows.map((r) => ({ mediaId: r.media_id, alt: r.alt }));
    },
  } satisfies MediaRepository;
}
