import type { Child } from 'hono/jsx';
import { childHtml } from '../render/theme/child-html.js';
import { layoutHtml, layoutParts, type HeadLink } from '../render/theme/layout.js';
import type { SiteContext } from '../render/theme/site-context.js';

export interface PageOptions {
  readonly title: string;
  readonly description: string;
  readonly canonicalPath: string;
  readonly links?: readonly HeadLink[];
  readonly robots?: string;
  readonly extraHead?: Child;
  readonly ogType?: string;
  readonly searchQuery?: string;
}

/** What `renderPageHtml` takes: the head's extras already as markup. */
export interface PageHtmlOptions extends Omit<PageOptions, 'extraHead'> {
  readonly extraHeadHtml?: string;
}

/** The layout's props for a page, less its body. */
const layoutProps = (site: SiteContext, cssHref: string, opts: PageHtmlOptions) => ({
  site,
  title: opts.title,
  description: opts.description,
  canonical: `${site.url}${opts.canonicalPath}`,
  cssHref,
  links: opts.links,
  robots: opts.robots,
  extraHeadHtml: opts.extraHeadHtml,
  ogType: opts.ogType,
  searchQuery: opts.searchQuery,
});

/** A full HTML document around `bodyHtml` (trusted markup), with the theme's layout. */
export function renderPageHtml(
  site: SiteContext,
  cssHref: string,
  opts: PageHtmlOptions,
  bodyHtml: string,
): string {
  return layoutHtml({ ...layoutProps(site, cssHref, opts), bodyHtml });
}

/** The document before and after a page's content, for pages joined from parts. */
export function renderPageParts(
  site: SiteContext,
  cssHref: string,
  opts: PageHtmlOptions,
): { readonly before: string; readonly after: string } {
  return layoutParts(layoutProps(site, cssHref, opts));
}

/** Renders a full HTML document with the theme's layout, from hono/jsx parts. */
export async function renderPage(
  site: SiteContext,
  cssHref: string,
  opts: PageOptions,
  body: Child,
): Promise<string> {
  const { extraHead, ...rest } = opts;
  const [extraHeadHtml, bodyHtml] = await Promise.all([childHtml(extraHead), childHtml(body)]);
  return renderPageHtml(site, cssHref, { ...rest, extraHeadHtml }, bodyHtml);
}
