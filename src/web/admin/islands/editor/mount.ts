/**
 * CodeMirror 6 over the editor's Markdown `<textarea>`. The textarea stays in the form and is
 * its source of truth: every change is copied into it, so submitting with the island is the
 * same as submitting without it.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
// Not `markdown()`: it imports the HTML, CSS and JavaScript parsers for embedded code, which
// alone would put the bundle past its 150 kB budget. GFM Markdown without them is enough here.
import { markdownKeymap, markdownLanguage } from '@codemirror/lang-markdown';
import { defaultHighlightStyle, LanguageSupport, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { autosaver } from './autosave.js';
import { pasteConverter } from './clean-paste.js';
import { insertLink, toggleWrap } from './markdown-commands.js';
import { livePreview } from './preview.js';
import { imageUploader, type Uploader } from './uploads.js';

export interface EditorTimings {
  readonly previewMs: number;
  readonly autosaveMs: number;
}

const TIMINGS: EditorTimings = { previewMs: 300, autosaveMs: 2000 };

const theme = EditorView.theme({
  '&': {
    border: '1px solid #767676',
    borderRadius: '4px',
    height: '70vh',
    minHeight: '16rem',
    backgroundColor: '#fff',
  },
  '&.cm-focused': { outline: '2px solid #1a5fb4', outlineOffset: '1px' },
  '.cm-scroller': {
    overflow: 'auto',
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    lineHeight: '1.5',
  },
  '.cm-content': { padding: '0.75rem' },
});

/** The submit button Mod-s presses: one marked `data-editor-save`, else one saving a draft. */
function draftButton(form: HTMLFormElement): HTMLButtonElement | null {
  return form.querySelector<HTMLButtonElement>(
    'button[data-editor-save], button[type=submit][value=draft], button[type=submit][name=draft]',
  );
}

function files(list: FileList | null | undefined): File[] {
  return list ? Array.from(list) : [];
}

/** A `role=alert` line after the editor for what went wrong (an upload, the preview). */
function alertLine(doc: Document, after: Element): (message: string) => void {
  const line = doc.createElement('p');
  line.className = 'editor-alert';
  line.setAttribute('role', 'alert');
  after.after(line);
  return (message) => {
    line.textContent = message;
  };
}

export function mountEditor(
  textarea: HTMLTextAreaElement,
  timings: EditorTimings = TIMINGS,
): EditorView | null {
  const form = textarea.form;
  const doc = textarea.ownerDocument;
  const csrf = textarea.dataset.csrf ?? '';
  if (!form) return null;

  const host = doc.createElement('div');
  host.className = 'editor-cm';
  textarea.before(host);
  // In a shadow root CodeMirror styles itself with constructed style sheets, which the admin's
  // CSP (style-src 'self') allows; in the document it would add <style> elements, which it blocks.
  const root = host.attachShadow({ mode: 'open' });
  const report = alertLine(doc, host);
  const previewTarget = doc.getElementById('editor-preview');
  const statusLine = doc.getElementById('editor-status');
  const preview =
    textarea.dataset.previewUrl && previewTarget
      ? livePreview({
          endpoint: { url: textarea.dataset.previewUrl, csrf },
          target: previewTarget,
          body: () => textarea.value,
          delayMs: timings.previewMs,
          report,
        })
      : null;
  const autosave =
    textarea.dataset.autosaveUrl && statusLine
      ? autosaver({
          endpoint: { url: textarea.dataset.autosaveUrl, csrf },
          form,
          status: statusLine,
          delayMs: timings.autosaveMs,
        })
      : null;
  const uploader: Uploader | null = textarea.dataset.uploadUrl
    ? imageUploader({
        endpoint: { url: textarea.dataset.uploadUrl, csrf },
        view: () => view,
        report,
      })
    : null;
  const toMarkdown = pasteConverter();

  const saveDraft = (): boolean => {
    autosave?.cancel();
    const button = draftButton(form);
    if (button) form.requestSubmit(button);
    else form.requestSubmit();
    return true;
  };

  const label = textarea.id
    ? doc.querySelector<HTMLLabelElement>(`label[for="${textarea.id}"]`)
    : null;

  const view: EditorView = new EditorView({
    parent: root,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        history(),
        keymap.of([
          { key: 'Mod-b', run: toggleWrap('**') },
          { key: 'Mod-i', run: toggleWrap('_') },
          { key: 'Mod-k', run: insertLink },
          { key: 'Mod-s', run: saveDraft, preventDefault: true },
          ...markdownKeymap,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        new LanguageSupport(markdownLanguage),
        syntaxHighlighting(defaultHighlightStyle),
        EditorView.lineWrapping,
        theme,
        EditorView.contentAttributes.of({
          'aria-multiline': 'true',
          // Already in the tab order as contenteditable; said outright so that checkers (axe's
          // scrollable-region-focusable) see the scrolling editor holds a focusable element.
          tabindex: '0',
          // A label's id cannot be referenced from inside the shadow root: copy its text.
          'aria-label': label?.textContent?.trim() || 'Article text',
          ...(textarea.required ? { 'aria-required': 'true' } : {}),
        }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          preview?.schedule();
          autosave?.schedule();
        }),
        EditorView.domEventHandlers({
          paste(event, v) {
            const data = event.clipboardData;
            const html = data?.getData('text/html') ?? '';
            const markdown = html ? toMarkdown(html) : '';
            // Word also puts a picture of the copied text on the clipboard: text wins over it.
            const hasText = markdown.replace(/!\[[^\]]*\]\([^)]*\)/g, '').trim() !== '';
            const images = files(data?.files);
            if (uploader && images.length > 0 && !hasText) {
              event.preventDefault();
              uploader.upload(images, v.state.selection.main.head);
              return true;
            }
            if (!markdown) return false; // nothing readable in the HTML: the plain text goes in
            event.preventDefault();
            v.dispatch(v.state.replaceSelection(markdown), {
              userEvent: 'input.paste',
              scrollIntoView: true,
            });
            return true;
          },
          drop(event, v) {
            const dropped = files(event.dataTransfer?.files);
            if (!uploader || dropped.length === 0) return false;
            event.preventDefault();
            const at = v.posAtCoords({ x: event.clientX, y: event.clientY }) ?? v.state.doc.length;
            uploader.upload(dropped, at);
            return true;
          },
        }),
      ],
    }),
  });

  // The textarea keeps its name and value for the form; the editor takes its place on screen.
  // `required` moves to the editor as aria-required: a hidden required field blocks submit
  // with no visible message, and the server checks the body anyway.
  textarea.required = false;
  textarea.hidden = true;
  textarea.style.display = 'none'; // an admin stylesheet's `display` would beat `hidden`
  label?.addEventListener('click', () => view.focus());
  form.addEventListener('input', (event) => {
    if (event.target !== textarea && !host.contains(event.target as Node)) autosave?.schedule();
  });
  form.addEventListener('submit', () => autosave?.cancel());
  preview?.now();
  return view;
}
