import type { SiteContext } from './site-context.js';
import { escapeHtml } from './escape.js';
import { linkTagsHtml } from './head-links.js';

export interface HeadLink {
  readonly rel: string;
  readonly href: string;
  readonly type?: string;
  readonly title?: string;
}

export interface LayoutProps {
  readonly site: SiteContext;
  readonly title: string;
  readonly description: string;
  readonly canonical: string;
  readonly cssHref: string;
  readonly links?: readonly HeadLink[] | undefined;
  readonly robots?: string | undefined;
  /** The page's main content, as trusted markup. */
  readonly bodyHtml: string;
  /** What the page adds to the head, as trusted markup. */
  readonly extraHeadHtml?: string | undefined;
  /** Open Graph type: `website` unless the page says otherwise (articles: `article`). */
  readonly ogType?: string | undefined;
  /** What the search box shows (the search page's own query). */
  readonly searchQuery?: string | undefined;
}

/** The site's own feeds, advertised on every page (RSS 2.0, Atom, JSON Feed). */
export function siteFeedLinks(title: string): HeadLink[] {
  return [
    { rel: 'alternate', type: 'application/rss+xml', href: '/feed/', title: `${title} (RSS)` },
    {
      rel: 'alternate',
      type: 'application/atom+xml',
      href: '/feed/atom/',
      title: `${title} (Atom)`,
    },
    {
      rel: 'alternate',
      type: 'application/feed+json',
      href: '/feed/json/',
      title: `${title} (JSON Feed)`,
    },
  ];
}

const meta = (key: 'name' | 'property', name: string, content: string): string =>
  `<meta ${key}="${name}" content="${escapeHtml(content)}"/>`;

function navListHtml(items: readonly { readonly name: string; readonly path: string }[]): string {
  let out = '';
  for (const s of items)
    out += `<li><a href="${escapeHtml(s.path)}">${escapeHtml(s.name)}</a></li>`;
  return out;
}

/**
 * The whole document around a page's content, built as a string (byte for byte what the JSX
 * layout wrote; escape.ts escapes as hono/jsx does): it is on every render of every page.
 */
export function layoutHtml(props: LayoutProps): string {
  const { before, after } = layoutParts(props);
  return before + props.bodyHtml + after;
}

/** The document before and after the page's content (`bodyHtml` is not used). */
export function layoutParts(props: Omit<LayoutProps, 'bodyHtml'>): {
  readonly before: string;
  readonly after: string;
} {
  const { site } = props;
  const title = escapeHtml(props.title);
  const siteTitle = escapeHtml(site.title);
  const description = escapeHtml(props.description);
  const canonical = escapeHtml(props.canonical);
  const fullTitle = props.title === site.title ? siteTitle : `${title} — ${siteTitle}`;
  let out =
    `<!doctype html><html lang="${escapeHtml(site.language)}"><head><meta charset="utf-8"/>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"/><title>${fullTitle}</title>` +
    `<meta name="description" content="${description}"/>`;
  if (props.robots) out += meta('name', 'robots', props.robots);
  out +=
    linkTagsHtml([
      { rel: 'canonical', href: props.canonical },
      { rel: 'stylesheet', href: props.cssHref },
    ]) +
    `<meta property="og:site_name" content="${siteTitle}"/><meta property="og:title" content="${title}"/>` +
    `<meta property="og:description" content="${description}"/><meta property="og:url" content="${canonical}"/>` +
    meta('property', 'og:type', props.ogType ?? 'website');
  if (site.logoUrl && props.ogType !== 'article') out += meta('property', 'og:image', site.logoUrl);
  out +=
    `<meta name="twitter:card" content="summary"/><meta name="twitter:title" content="${title}"/>` +
    `<meta name="twitter:description" content="${description}"/>` +
    linkTagsHtml([...siteFeedLinks(site.title), ...(props.links ?? [])]) +
    (props.extraHeadHtml ?? '') +
    `</head><body><a class="skip" href="#content">Skip to content</a><header class="masthead">` +
    `<p class="site-title"><a href="/">${siteTitle}</a></p>`;
  if (site.description) out += `<p class="tagline">${escapeHtml(site.description)}</p>`;
  out +=
    `<form class="search-box" role="search" action="/search/" method="get"><label for="masthead-q">Search</label> ` +
    `<input id="masthead-q" type="search" name="q" maxlength="200" value="${escapeHtml(props.searchQuery ?? '')}"/> ` +
    `<button type="submit">Search</button></form>`;
  if (site.sections && site.sections.length > 0) {
    out += `<nav class="sections" aria-label="Sections"><ul>${navListHtml(site.sections)}</ul></nav>`;
  }
  out += '</header><main id="content">';
  return { before: out, after: layoutEndHtml(site) };
}

/** The document after the page's content: the footer, the same on every page of the site. */
export function layoutEndHtml(site: SiteContext): string {
  let after = '</main><footer class="site-footer">';
  if (site.pages && site.pages.length > 0) {
    after += `<nav aria-label="About this site"><ul class="footer-pages">${navListHtml(site.pages)}</ul></nav>`;
  }
  after += `<p>${escapeHtml(site.title)} · Published with Newsdesk · <a href="/feed/">Feed</a></p></footer></body></html>`;
  return after;
}
