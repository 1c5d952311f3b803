/**
 * The editor island's entry: every `<textarea data-editor="markdown">` on the page gets
 * CodeMirror. A module script runs after the document is parsed, so the fields are there.
 */
import { mountEditor } from './mount.js';

for (const textarea of document.querySelectorAll<HTMLTextAreaElement>(
  'textarea[data-editor="markdown"]',
)) {
  mountEditor(textarea);
}
