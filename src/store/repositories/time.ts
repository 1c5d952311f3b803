/** Timestamps are stored as UTC ISO-8601 strings in both dialects. */
export const toDb = (d: Date): string => d.toISOString();
export const toDbOrNull = (d: Date | null | undefined): string | null =>
  d ? d.toISOString() : null;
export const fromDb = (s: string): Date => new Date(s);
export const fromDbOrNull = (s: string | null): Date | null => (s ? new Date(s) : null);
