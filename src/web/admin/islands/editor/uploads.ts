/**
 * Images dropped or pasted into the editor go to the media library. A placeholder marks the spot
 * while the upload runs; the server's Markdown replaces it, or, on failure, the placeholder goes
 * and a message says why. The text around it is never touched.
 */
import type { EditorView } from '@codemirror/view';
import { messageOf, post, type Endpoint } from './http.js';

export const isImage = (file: File): boolean => file.type.startsWith('image/');

const safeName = (name: string): string => name.replace(/[[\]()\n]/g, '') || 'image';

export interface Uploader {
  upload(files: readonly File[], at: number): void;
}

export function imageUploader(opts: {
  readonly endpoint: Endpoint;
  readonly view: () => EditorView;
  readonly report: (message: string) => void;
}): Uploader {
  let next = 0;

  const replacePlaceholder = (placeholder: string, insert: string): boolean => {
    const view = opts.view();
    const from = view.state.doc.toString().indexOf(placeholder);
    if (from < 0) return false;
    view.dispatch({
      changes: { from, to: from + placeholder.length, insert },
      userEvent: 'input.upload',
    });
    return true;
  };

  const one = async (file: File, placeholder: string): Promise<void> => {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const answer = (await post(opts.endpoint, form, false)) as { markdown?: unknown };
      if (typeof answer.markdown !== 'string') throw new Error('the answer has no markdown');
      if (!replacePlaceholder(placeholder, answer.markdown)) {
        opts.report(
          `${safeName(file.name)} was uploaded to the media library; its placeholder had been deleted, so it was not inserted.`,
        );
      }
    } catch (error) {
      replacePlaceholder(placeholder, '');
      opts.report(`Could not upload ${safeName(file.name)}: ${messageOf(error)}.`);
    }
  };

  return {
    upload(files, at) {
      const images = files.filter(isImage);
      const refused = files.filter((f) => !isImage(f));
      if (refused.length > 0) {
        opts.report(
          `Only images can be added here; not added: ${refused.map((f) => safeName(f.name)).join(', ')}.`,
        );
      }
      if (images.length === 0) return;
      const placeholders = images.map(
        (f) => `![Uploading ${safeName(f.name)}…](#uploading-${++next})`,
      );
      const view = opts.view();
      view.dispatch({
        changes: { from: at, insert: placeholders.join('\n') },
        userEvent: 'input.upload',
      });
      images.forEach((file, i) => void one(file, placeholders[i] ?? ''));
    },
  };
}
