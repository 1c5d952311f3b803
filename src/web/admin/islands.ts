/**
 * Where the admin's script islands are served from. The island build (esbuild, hashed immutable
 * assets) replaces this module; until it does, no island exists and pages include no script.
 */
export function islandHref(name: string): string | null {
  void name;
  return null;
}
