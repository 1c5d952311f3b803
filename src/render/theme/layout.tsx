import type { Child } from 'hono/jsx';
import type { SiteContext } from './site-context.js';

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
        <link rel="canonical" href={props.canonical} />
        <link rel="stylesheet" href={props.cssHref} />
        <meta property="og:site_name" content={site.title} />
        <meta property="og:title" content={props.title} />
        <meta property="og:description" content={props.description} />
        <meta property="og:url" content={props.canonical} />
        {(props.links ?? []).map((l) => (
          <link rel={l.rel} href={l.href} type={l.type} title={l.title} />
        ))}
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
        </header>
        <main id="content">{props.children}</main>
        <footer class="site-footer">
          <p>{site.title} · Published with Newsdesk</p>
        </footer>
      </body>
    </html>
  );
}
