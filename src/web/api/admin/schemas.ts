/**
 * Shapes shared by the admin API's route groups: ids in paths, cursor pages, dates. Request
 * schemas are strict (an unknown field is refused, not ignored), so a typo never passes silently.
 */
import { z } from 'zod';

/** A positive id in a path, as digits only (no signs, exponents or hex), up to 12 of them. */
export const idString = z
  .string()
  .regex(/^[1-9]\d{0,11}$/, 'a positive whole number')
  .transform(Number);

export const idParams = z.object({ id: idString.meta({ description: 'The numeric id.' }) });

export const cursorQuery = {
  cursor: z
    .string()
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, 'an opaque cursor from nextCursor')
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page.' }),
  limit: z
    .string()
    .regex(/^(?:[1-9]\d?|100)$/, 'a number from 1 to 100')
    .transform(Number)
    .optional()
    .meta({ description: 'Items per page, 1 to 100 (default 20).' }),
};

export const DEFAULT_PAGE = 20;

/** An opaque cursor: base64url of `id:<n>`, the last id of the page before (newest first). */
export function encodeCursor(lastId: number): string {
  return Buffer.from(`id:${lastId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number | null {
  const m = /^id:([1-9]\d{0,11})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

/** A page of `items` read one beyond `limit`: the extra row says another page exists. */
export function pageOf<T extends { readonly id: number }, U>(
  rows: readonly T[],
  limit: number,
  view: (row: T) => U,
): { items: U[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null,
  };
}

export const isoDate = z.iso.datetime({ offset: true });
export const nullableDate = z.string().nullable();

export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null | undefined): string | null =>
  d ? d.toISOString() : null;
