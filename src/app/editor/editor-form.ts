/**
 * The admin editor's form as the browser sends it (every value a string), read into the inputs
 * of the article use cases. Each field is checked by the use cases' own zod rules
 * (createArticleInput, articleChanges, correctArticleInput), so the form refuses exactly what the
 * CLI and the API refuse, but field by field, so every message can stand beside its field.
 */
import type { z } from 'zod';
import { zonedLocalToUtc } from '../../domain/zoned-time.js';
import { correctArticleInput } from '../articles/correct-article.js';
import { createArticleInput } from '../articles/create-article.js';
import { articleChanges } from '../articles/update-article.js';

/** Every text field of the editor, as typed. Checkboxes are '' (off) or 'on'. */
export const EDITOR_FIELDS = [
  'title',
  'slug',
  'excerpt',
  'standfirst',
  'body',
  'categories',
  'tags',
  'author',
  'featured',
  'featured_alt',
  'publish_at',
  'unpublish_at',
  'comments',
  'comments_close_at',
  'linkbacks',
  'linkbacks_close_at',
  'trackback_to',
  'send_linkbacks',
  'silent',
  'correction_kind',
  'correction_note',
] as const;
export type EditorField = (typeof EDITOR_FIELDS)[number];

/** The form's values: the text fields, and the co-authors (a multiple choice). */
export type EditorValues = Readonly<Record<EditorField, string>> & {
  readonly coauthors: readonly string[];
};

/** The fields an autosave keeps: what takes long to type, not the switches. */
export const AUTOSAVED_FIELDS = [
  'title',
  'slug',
  'excerpt',
  'standfirst',
  'body',
  'categories',
  'tags',
  'trackback_to',
] as const satisfies readonly EditorField[];

export type EditorAction = 'save' | 'publish' | 'schedule' | 'unpublish' | 'preview';
export const EDITOR_ACTIONS: readonly EditorAction[] = [
  'save',
  'publish',
  'schedule',
  'unpublish',
  'preview',
];

/** What the form means, in the use cases' terms. */
export interface EditorInput {
  readonly title: string;
  readonly slug: string;
  readonly excerpt: string;
  readonly standfirst: string;
  readonly bodyMarkdown: string;
  readonly categories: string[];
  readonly tags: string[];
  /** The bylines in order: the author first, then the co-authors. */
  readonly bylines: number[];
  readonly featuredMediaId: number | null;
  readonly publishAt: Date | null;
  readonly unpublishAt: Date | null;
  readonly commentsOpen: boolean;
  readonly commentsCloseAt: Date | null;
  readonly linkbacksOpen: boolean;
  readonly linkbacksCloseAt: Date | null;
  readonly trackbackTo: string[];
  readonly sendLinkbacks: boolean;
  readonly silent: boolean;
  readonly correction: { readonly kind: 'correction' | 'update'; readonly note: string } | null;
}

export type FieldErrors = Partial<Record<EditorField | 'coauthors' | 'form', string>>;

/** An empty form (a new article), with the site's discussion defaults and the writer's byline. */
export function blankEditorValues(defaults: {
  authorId: number;
  commentsOpen: boolean;
  linkbacksOpen: boolean;
}): EditorValues {
  const values = Object.fromEntries(EDITOR_FIELDS.map((f) => [f, ''])) as Record<
    EditorField,
    string
  >;
  return {
    ...values,
    author: String(defaults.authorId),
    comments: defaults.commentsOpen ? 'on' : '',
    linkbacks: defaults.linkbacksOpen ? 'on' : '',
    send_linkbacks: 'on',
    correction_kind: 'correction',
    coauthors: [],
  };
}

/** Reads the form's values from a parsed body; a field sent twice counts once. */
export function editorValuesFrom(
  get: (name: string) => string,
  getAll: (name: string) => readonly string[],
): EditorValues {
  const values = Object.fromEntries(EDITOR_FIELDS.map((f) => [f, get(f)])) as Record<
    EditorField,
    string
  >;
  return { ...values, coauthors: getAll('coauthors').slice(0, 50) };
}

const list = (raw: string, separator: RegExp) =>
  [
    ...new Set(
      raw
        .split(separator)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ] as string[];

const ID = /^[1-9][0-9]{0,11}$/;

/** The first message of a zod result, without the path (the field is beside it). */
function check<T>(
  schema: z.ZodType<T>,
  value: unknown,
  errors: FieldErrors,
  field: keyof FieldErrors,
): T | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (item ${Number(issue.path[0]) + 1})` : '';
  errors[field] = `${issue?.message ?? 'not valid'}${where}`;
  return undefined;
}

function dateField(
  values: EditorValues,
  field: EditorField,
  timeZone: string,
  errors: FieldErrors,
): Date | null {
  const raw = values[field].trim();
  if (!raw) return null;
  const at = zonedLocalToUtc(raw, timeZone);
  if (!at)
    errors[field] = `not a date and time (expected YYYY-MM-DDTHH:MM, got ${raw.slice(0, 40)})`;
  return at;
}

const shape = articleChanges.shape;

/** The form read and checked field by field; `errors` is empty when the input is good. */
export function parseEditorForm(
  values: EditorValues,
  timeZone: string,
): { readonly input: EditorInput | null; readonly errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = check(shape.title.unwrap(), values.title, errors, 'title');
  // An empty slug is made from the title; the rule is the update's once one is given.
  const slug = values.slug.trim() ? check(shape.slug.unwrap(), values.slug, errors, 'slug') : '';
  const excerpt = check(shape.excerpt.unwrap(), values.excerpt, errors, 'excerpt');
  const standfirst = check(shape.standfirst.unwrap(), values.standfirst, errors, 'standfirst');
  const bodyMarkdown = check(
    createArticleInput.shape.bodyMarkdown,
    values.body.replace(/\r\n?/g, '\n'),
    errors,
    'body',
  );
  const categories = check(
    shape.categories.unwrap(),
    list(values.categories, /,/),
    errors,
    'categories',
  );
  const tags = check(shape.tags.unwrap(), list(values.tags, /,/), errors, 'tags');

  const author = values.author.trim();
  if (!ID.test(author)) errors.author = 'choose the author';
  const co = values.coauthors.filter((v) => v !== author);
  if (co.some((v) => !ID.test(v))) errors.coauthors = 'not a user';
  const bylines = check(
    shape.bylines.unwrap(),
    [...new Set([author, ...co])].filter((v) => ID.test(v)).map(Number),
    errors,
    'coauthors',
  );

  const featured = values.featured.trim();
  if (featured && !ID.test(featured)) errors.featured = 'not an image of the library';

  const publishAt = dateField(values, 'publish_at', timeZone, errors);
  const unpublishAt = dateField(values, 'unpublish_at', timeZone, errors);
  const commentsCloseAt = dateField(values, 'comments_close_at', timeZone, errors);
  const linkbacksCloseAt = dateField(values, 'linkbacks_close_at', timeZone, errors);
  const trackbackTo = check(
    shape.trackbackTo.unwrap(),
    list(values.trackback_to, /\s+/),
    errors,
    'trackback_to',
  );

  const silent = values.silent === 'on';
  let correction: EditorInput['correction'] = null;
  if (values.correction_note.trim()) {
    const kind = values.correction_kind === 'update' ? 'update' : 'correction';
    const note = check(
      correctArticleInput.shape.note,
      values.correction_note,
      errors,
      'correction_note',
    );
    if (note !== undefined) correction = { kind, note };
    if (silent) {
      errors.silent =
        'a silent fix leaves the Updated date alone; a correction note always moves it. Choose one.';
    }
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    errors,
    input: {
      title: title ?? '',
      slug: slug ?? '',
      excerpt: excerpt ?? '',
      standfirst: standfirst ?? '',
      bodyMarkdown: bodyMarkdown ?? '',
      categories: categories ?? [],
      tags: tags ?? [],
      bylines: bylines ?? [],
      featuredMediaId: featured ? Number(featured) : null,
      publishAt,
      unpublishAt,
      commentsOpen: values.comments === 'on',
      commentsCloseAt,
      linkbacksOpen: values.linkbacks === 'on',
      linkbacksCloseAt,
      trackbackTo: trackbackTo ?? [],
      sendLinkbacks: values.send_linkbacks === 'on',
      silent,
      correction,
    },
  };
}

/**
 * Which form field a use case's one-line failure (`field: message`) belongs to, so a refusal
 * found only on saving (a taken slug, a date before publication) still stands beside its field.
 */
const FAILURE_FIELDS: Readonly<Record<string, EditorField | 'coauthors'>> = {
  title: 'title',
  slug: 'slug',
  bodyMarkdown: 'body',
  standfirst: 'standfirst',
  excerpt: 'excerpt',
  categories: 'categories',
  tags: 'tags',
  bylines: 'coauthors',
  unpublishAt: 'unpublish_at',
  'publish.at': 'publish_at',
  trackbackTo: 'trackback_to',
  commentsCloseAt: 'comments_close_at',
  linkbacksCloseAt: 'linkbacks_close_at',
  note: 'correction_note',
};

export function fieldOfFailure(message: string): {
  readonly field: keyof FieldErrors;
  readonly message: string;
} {
  const m = /^([A-Za-z.]+(?:\.\d+)?): (.*)$/s.exec(message);
  const key = m?.[1]?.replace(/\.\d+$/, '') ?? '';
  const field = FAILURE_FIELDS[key];
  if (field && m?.[2]) return { field, message: m[2] };
  if (/alt text is required/.test(message)) {
    return { field: /\(featured image\)/.test(message) ? 'featured' : 'body', message };
  }
  if (/^slug /.test(message)) return { field: 'slug', message };
  return { field: 'form', message };
}
