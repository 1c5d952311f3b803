/** What every page needs to know about the site. */
export interface SiteContext {
  readonly title: string;
  /** Absolute base URL without a trailing slash. */
  readonly url: string;
  readonly timezone: string;
  readonly description: string;
  readonly language: string;
}

export function absoluteUrl(site: SiteContext, path: string): string {
  return `${site.url}${path.startsWith('/') ? path : `/${path}`}`;
}
