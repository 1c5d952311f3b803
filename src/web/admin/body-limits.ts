/**
 * How large a post each admin route takes. Forms are small; the editor's form carries an
 * article (its body may be 2,000,000 characters, which URL-encoding can triple) and may carry a
 * featured image; the upload carries an image as large as the media library accepts.
 */
export type BodyKind = 'form' | 'editor' | 'editor-json' | 'upload';

/** Text of one editor post: a 2 MB body URL-encoded, with room for the other fields. */
export const EDITOR_TEXT_BYTES = 8 * 1024 * 1024;
const FORM_BYTES = 256 * 1024;
const MULTIPART_SLACK = 1024 * 1024;

export function bodyLimits(maxImageBytes: number): Readonly<Record<BodyKind, number>> {
  return {
    form: FORM_BYTES,
    editor: EDITOR_TEXT_BYTES + maxImageBytes + MULTIPART_SLACK,
    'editor-json': EDITOR_TEXT_BYTES,
    upload: maxImageBytes + MULTIPART_SLACK,
  };
}

export function bodyKind(path: string): BodyKind {
  if (/^\/admin\/articles\/(?:new|[^/]+\/edit)$/.test(path)) return 'editor';
  if (/^\/admin\/(?:preview|articles\/[^/]+\/(?:preview|autosave))$/.test(path)) {
    return 'editor-json';
  }
  if (path === '/admin/media/upload') return 'upload';
  return 'form';
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** What the editor's author reads when a post is refused for its size. */
export function tooLargeMessage(kind: BodyKind, limit: number): string {
  return kind === 'upload'
    ? `The image is larger than the library takes (at most ${mb(limit - MULTIPART_SLACK)}). Nothing was stored; make the image smaller and upload it again.`
    : `This post is larger than the editor takes (${mb(limit)} in all; an article's body may be up to 2,000,000 characters). Nothing was saved and nothing was lost: go back, and your browser still has what you typed. Shorten the body, or split it into two articles, then save again.`;
}
