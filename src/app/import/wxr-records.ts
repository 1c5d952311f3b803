/**
 * What a WordPress eXtended RSS (WXR 1.0–1.2) export holds, record by record, as the streaming
 * reader (wxr-reader.ts) hands it over. Every field is the file's text as written (trimmed);
 * mapping onto our model happens in wxr-mapping.ts.
 */

export interface WxrChannel {
  readonly type: 'channel';
  readonly title: string;
  readonly link: string;
  readonly description: string;
  readonly language: string;
  readonly wxrVersion: string;
  readonly baseSiteUrl: string;
  readonly baseBlogUrl: string;
}

export interface WxrAuthor {
  readonly type: 'author';
  readonly id: string;
  readonly login: string;
  readonly email: string;
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
}

/** A `wp:category`, `wp:tag`, or `wp:term` (any taxonomy; only category and post_tag are ours). */
export interface WxrTerm {
  readonly type: 'term';
  readonly taxonomy: string;
  readonly termId: string;
  readonly slug: string;
  /** The parent's slug (WXR names parents by slug). */
  readonly parent: string;
  readonly name: string;
  readonly description: string;
  /** Which element declared it: `wp:category`/`wp:tag` or the generic `wp:term`. */
  readonly element: 'category' | 'tag' | 'term';
}

export interface WxrMeta {
  readonly key: string;
  readonly value: string;
}

export interface WxrItemTerm {
  /** `category`, `post_tag`, `post_format`, … ; empty when the element has no domain. */
  readonly domain: string;
  readonly nicename: string;
  readonly name: string;
}

export interface WxrComment {
  readonly id: string;
  readonly author: string;
  readonly authorEmail: string;
  readonly authorUrl: string;
  readonly authorIp: string;
  readonly date: string;
  readonly dateGmt: string;
  readonly content: string;
  /** `1`, `0`, `spam`, `trash` (also `post-trashed`). */
  readonly approved: string;
  /** `''` or `comment` (ordinary), `pingback`, `trackback`, or a plugin's own type. */
  readonly commentType: string;
  readonly parent: string;
  readonly userId: string;
  readonly meta: readonly WxrMeta[];
}

export interface WxrItem {
  readonly type: 'item';
  /** 1-based position among the file's items, for messages. */
  readonly index: number;
  readonly title: string;
  readonly link: string;
  readonly pubDate: string;
  readonly creator: string;
  readonly guid: string;
  readonly description: string;
  readonly content: string;
  readonly excerpt: string;
  readonly postId: string;
  readonly postDate: string;
  readonly postDateGmt: string;
  readonly postModifiedGmt: string;
  /** Empty when the file does not say (then the site default applies). */
  readonly commentStatus: string;
  readonly pingStatus: string;
  readonly postName: string;
  readonly status: string;
  readonly postParent: string;
  readonly menuOrder: string;
  readonly postType: string;
  readonly postPassword: string;
  readonly isSticky: string;
  readonly attachmentUrl: string;
  readonly terms: readonly WxrItemTerm[];
  readonly meta: readonly WxrMeta[];
  readonly comments: readonly WxrComment[];
}

export type WxrRecord = WxrChannel | WxrAuthor | WxrTerm | WxrItem;
