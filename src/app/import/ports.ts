/** What the WordPress import and export need beyond the article, term, user and discussion stores. */
import type { Article, Term } from '../../domain/article.js';
import type { DiscussionItem } from '../../domain/discussion-item.js';
import type { TrustedHtml } from '../../domain/trusted-html.js';

/** The kinds of record an import maps, one namespace of source ids each. */
export type ImportKind = 'user' | 'term' | 'post' | 'comment' | 'attachment';

export interface ImportMapEntry {
  /** The source site (its base URL, normalised), so two sites' post 1 never collide. */
  readonly source: string;
  readonly kind: ImportKind;
  readonly sourceId: string;
  readonly targetId: number;
  /** What the import noted (sticky, password-protected, WordPress's own status). */
  readonly note?: Readonly<Record<string, unknown>>;
}

/** A file WordPress kept in its media library, as the export names it. */
export interface AttachmentReference {
  readonly source: string;
  readonly wpPostId: string;
  /** Our article the attachment was uploaded to (its WordPress parent), if imported. */
  readonly articleId: number | null;
  readonly url: string;
  /** `_wp_attached_file`: the path under wp-content/uploads. */
  readonly file: string;
  readonly title: string;
  readonly alt: string;
  readonly caption: string;
  readonly mediaId: number | null;
  readonly mediaUrl: string | null;
}

export interface ImportRepository {
  /** Which of these source ids are already imported, and as what. */
  mapped(source: string, kind: ImportKind, ids: readonly string[]): Promise<Map<string, number>>;
  record(entries: readonly ImportMapEntry[], now: Date): Promise<void>;
  /** Files a term under a parent declared after it. */
  setTermParent(termId: number, parentId: number): Promise<void>;
  /** Marks these links of the article as already notified, so they are never pinged again. */
  addOutbound(articleId: number, targetUrls: readonly string[], now: Date): Promise<void>;
  addAttachment(ref: AttachmentReference, now: Date): Promise<number>;
  /** The import's notes for these articles (sticky, password, status), by article id. */
  notesFor(articleIds: readonly number[]): Promise<Map<number, Record<string, unknown>>>;
  /** The outbound ledger's target URLs for these articles. */
  outboundFor(articleIds: readonly number[]): Promise<Map<number, string[]>>;
  /** For the export: articles and pages not in the trash, by id, after `afterId`. */
  articlesAfter(afterId: number, limit: number): Promise<Article[]>;
  /** Every category and tag. */
  allTerms(): Promise<Term[]>;
  /** Each article's term ids. */
  termIdsFor(articleIds: readonly number[]): Promise<Map<number, number[]>>;
  /** Every discussion item of these articles, whatever its status (deleted ones excepted). */
  discussionFor(articleIds: readonly number[]): Promise<Map<number, DiscussionItem[]>>;
}

/**
 * Takes a local file into the media library (its variants made) and answers the id and public
 * URL it got. The media library implements it (src/app/media); the import only calls it with
 * `--uploads DIR`, never with anything fetched from the network.
 */
export interface MediaImporter {
  importFile(input: {
    readonly path: string;
    readonly alt: string;
    readonly caption: string;
    readonly title: string;
  }): Promise<{ readonly id: number; readonly url: string }>;
}

/** Imported comment bodies: WordPress's HTML, kept to the allowlist visitors' comments have. */
export interface ImportMarkup {
  commentHtml(html: string): TrustedHtml;
}
