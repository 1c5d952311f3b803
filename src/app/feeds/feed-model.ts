/**
 * Feeds as plain data, whatever the format: src/render/feeds writes them as RSS 2.0, Atom 1.0
 * and JSON Feed 1.1. Articles feeds (the site, a category with its subcategories, a tag, an
 * author) and discussion feeds (one article's, or the whole site's: approved comments and
 * linkbacks, each marked by its kind).
 */
import type { DiscussionKind } from '../../domain/discussion-item.js';

export interface FeedPerson {
  readonly name: string;
  readonly url?: string;
}

export interface FeedCategory {
  /** The term's slug (Atom `term`); `label` is its name. */
  readonly term: string;
  readonly label: string;
  /** The archive page (Atom `scheme` is the site). */
  readonly url?: string;
}

export interface FeedEntry {
  /** Permanent, never reused: a tag URI (RFC 4151). */
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly summary: string;
  readonly contentHtml: string;
  readonly published: Date;
  /** The last change a reader can see: an edit, or the newest correction or update note. */
  readonly updated: Date;
  readonly authors: readonly FeedPerson[];
  readonly categories: readonly FeedCategory[];
  /** Articles: where their discussion is, its feeds, how many items it has. */
  readonly discussion?: {
    readonly pageUrl: string;
    readonly rssUrl: string;
    readonly atomUrl: string;
    readonly count: number;
  };
  /** Discussion items: which article they answer, and what they are. */
  readonly inReplyTo?: { readonly id: string; readonly url: string; readonly title: string };
  readonly itemKind?: DiscussionKind;
  /** An article's featured image, as share cards name it (app/media/picture.ts). */
  readonly image?: {
    readonly url: string;
    readonly type: string;
    readonly width: number;
    readonly height: number;
    readonly alt: string;
  };
}

export interface FeedLinks {
  readonly rss: string;
  readonly atom: string;
  readonly json: string;
}

export interface Feed {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The HTML page the feed follows. */
  readonly homeUrl: string;
  readonly links: FeedLinks;
  readonly language: string;
  /** The newest entry's `updated`; 1970 for an empty feed (stable, so it validates). */
  readonly updated: Date;
  readonly generator: string;
  readonly entries: readonly FeedEntry[];
}

/** The three formats of the feed whose HTML page is at `basePath` (`/`, `/tag/x/`, an article). */
export function feedPaths(basePath: string): FeedLinks {
  const base = `${basePath.endsWith('/') ? basePath : `${basePath}/`}feed/`;
  return { rss: base, atom: `${base}atom/`, json: `${base}json/` };
}

/** A tag URI (RFC 4151) for an article or a discussion item of this site: never changes. */
export function tagUri(siteUrl: string, created: Date, what: string): string {
  const host = new URL(siteUrl).hostname;
  return `tag:${host},${created.toISOString().slice(0, 10)}:${what}`;
}
