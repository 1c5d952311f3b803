import type { Child } from 'hono/jsx';
import type { SiteContext } from './site-context.js';
import { raw } from 'hono/html';
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
  readonly links?: readonly HeadLink[];
  readonly robots?: string;
  readonly children?: Child;
  readonly extraHead?: Child;
  /** Open Graph type: `website` unless the page says otherwise (articles: `article`). */
  readonly ogType?: string;
  /** What the search box shows (the search page's own query). */
  readonly searchQuery?: string;
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

export function Layout(props: LayoutProps) {
  const { site } = props;
  const fullTitle = props.title === site.title ? site.title : `${props.title} — ${site.title}`;
  return (
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={props.description} />
        {props.robots ? <meta name="robots" content={props.robots} /> : null}
        {raw(
          linkTagsHtml([
            { rel: 'canonical', href: props.canonical },
            { rel: 'stylesheet', href: props.cssHref },
          ]),
        )}
        <meta property="og:site_name" content={site.title} />
        <meta property="og:title" content={props.title} />
        <meta property="og:description" content={props.description} />
        <meta property="og:url" content={props.canonical} />
        <meta property="og:type" content={props.ogType ?? 'website'} />
        {site.logoUrl && props.ogType !== 'article' ? (
          <meta property="og:image" content={site.logoUrl} />
        ) : null}
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={props.title} />
        <meta name="twitter:description" content={props.description} />
        {raw(linkTagsHtml([...siteFeedLinks(site.title), ...(props.links ?? [])]))}
        {props.extraHead}
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header class="masthead">
          <p class="site-title">
            <a href="/">{site.title}</a>
          </p>
          {site.description ? <p class="tagline">{site.description}</p> : null}
          <form class="search-box" role="search" action="/search/" method="get">
            <label for="masthead-q">Search</label>{' '}
            <input
              id="masthead-q"
              type="search"
              name="q"
              maxlength={200}
              value={props.searchQuery ?? ''}
            />{' '}
            <button type="submit">Search</button>
          </form>
          {site.sections && site.sections.length > 0 ? (
            <nav class="sections" aria-label="Sections">
              <ul>
                {site.sections.map((s) => (
                  <li>
                    <a href={s.path}>{s.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="content">{props.children}</main>
        <footer class="site-footer">
          {site.pages && site.pages.length > 0 ? (
            <nav aria-label="About this site">
              <ul class="footer-pages">
                {site.pages.map((p) => (
                  <li>
                    <a href={p.path}>{p.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <p>
            {site.title} · Published with Newsdesk · <a href="/feed/">Feed</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
