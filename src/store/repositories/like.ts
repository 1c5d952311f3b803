import { sql, type RawBuilder } from 'kysely';

/**
 * `column LIKE pattern`, case-insensitive, where `%`, `_` and `\` in the text match themselves:
 * what a person typed is a substring (`contains`) or a prefix, never a wildcard. `lower()` on
 * both sides because SQLite's LIKE folds ASCII only and PostgreSQL's folds nothing.
 */
export function likeText(
  column: string,
  text: string,
  where: 'contains' | 'prefix',
): RawBuilder<boolean> {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, '\\$&');
  const pattern = where === 'contains' ? `%${escaped}%` : `${escaped}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
