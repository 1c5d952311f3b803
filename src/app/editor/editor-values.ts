/** An article as the editor's form shows it, and an autosave laid over that. */
import type { Article } from '../../domain/article.js';
import type { ArticleSnapshot } from '../../domain/revision.js';
import { utcToZonedLocal } from '../../domain/zoned-time.js';
import type { AutosaveFields } from './autosave.js';
import { AUTOSAVED_FIELDS, type EditorValues } from './editor-form.js';

const local = (iso: string | null, timeZone: string) =>
  iso ? utcToZonedLocal(new Date(iso), timeZone) : '';

export function valuesOfArticle(
  article: Article,
  snap: ArticleSnapshot,
  timeZone: string,
): EditorValues {
  const [author, ...coauthors] = snap.bylines;
  return {
    title: snap.title,
    slug: snap.slug,
    excerpt: snap.excerpt,
    standfirst: snap.standfirst,
    body: snap.bodySource,
    categories: snap.categories.join(', '),
    tags: snap.tags.join(', '),
    author: String(author ?? article.authorId),
    coauthors: coauthors.map(String),
    featured: article.featuredMediaId ? String(article.featuredMediaId) : '',
    featured_alt: '',
    publish_at: article.status === 'draft' ? '' : local(snap.publishedAt, timeZone),
    unpublish_at: local(snap.unpublishAt, timeZone),
    comments: snap.commentsOpen ? 'on' : '',
    comments_close_at: local(snap.commentsCloseAt, timeZone),
    linkbacks: snap.linkbacksOpen ? 'on' : '',
    linkbacks_close_at: local(snap.linkbacksCloseAt, timeZone),
    trackback_to: snap.trackbackTo.join('\n'),
    send_linkbacks: article.linkbacksSend ? 'on' : '',
    silent: '',
    correction_kind: 'correction',
    correction_note: '',
  };
}

/** The form with an autosave's fields in place of the stored ones. */
export function withAutosave(values: EditorValues, saved: AutosaveFields): EditorValues {
  const out: Record<string, unknown> = { ...values };
  for (const f of AUTOSAVED_FIELDS) if (saved[f] !== undefined) out[f] = saved[f];
  return out as EditorValues;
}
