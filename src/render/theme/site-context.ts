/** What every page needs to know about the site. */
export interface SiteContext {
  readonly title: string;
  /** Absolute base URL without a trailing slash. */
  readonly url: string;
  readonly timezone: string;
  readonly description: string;
  readonly language: string;
  /** The publisher's logo (absolute URL), for JSON-LD and Open Graph. */
  readonly logoUrl?: string;
  /** The section menu: top-level categories, in order. */
  readonly sections?: readonly { readonly name: string; readonly path: string }[];
  /** Published pages (About, Contact…), linked from the footer. */
  readonly pages?: readonly { readonly name: string; readonly path: string }[];
}

export function absoluteUrl(site: SiteContext, path: string): string {
  return `${site.url}${path.startsWith('/') ? path : `/${path}`}`;
}
