/** Turns a title into a URL slug: lowercase ASCII letters, digits and single hyphens. */
export function slugify(input: string, maxLength = 80): string {
  const ascii = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = ascii.slice(0, maxLength).replace(/-+$/g, '');
  return cut || 'untitled';
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return value.length <= 200 && SLUG_PATTERN.test(value);
}
