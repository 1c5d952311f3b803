/**
 * The Markdown shortcuts as CodeMirror state commands: they read and change only editor state,
 * so they are tested on an EditorState in Node, no browser needed.
 */
import { EditorSelection, type StateCommand } from '@codemirror/state';

/** Wraps each selection in `marker` (`**`, `_`), or unwraps it when it is wrapped already. */
export function toggleWrap(marker: string): StateCommand {
  const n = marker.length;
  return ({ state, dispatch }) => {
    const tr = state.changeByRange((range) => {
      const before = state.sliceDoc(range.from - n, range.from);
      const after = state.sliceDoc(range.to, range.to + n);
      if (before === marker && after === marker) {
        return {
          changes: [
            { from: range.from - n, to: range.from },
            { from: range.to, to: range.to + n },
          ],
          range: EditorSelection.range(range.from - n, range.to - n),
        };
      }
      return {
        changes: [
          { from: range.from, insert: marker },
          { from: range.to, insert: marker },
        ],
        range: EditorSelection.range(range.from + n, range.to + n),
      };
    });
    dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input.format' }));
    return true;
  };
}

const LOOKS_LIKE_URL = /^(https?:\/\/|mailto:|\/)\S*$/i;

/**
 * Mod-k: the selection becomes a link's text with the URL selected for typing; a selected URL
 * becomes the link's target with the cursor in the empty text.
 */
export const insertLink: StateCommand = ({ state, dispatch }) => {
  const tr = state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    if (LOOKS_LIKE_URL.test(text)) {
      const insert = `[](${text})`;
      return {
        changes: { from: range.from, to: range.to, insert },
        range: EditorSelection.cursor(range.from + 1),
      };
    }
    const label = text || 'link text';
    const insert = `[${label}](https://)`;
    const urlFrom = range.from + label.length + 3;
    return {
      changes: { from: range.from, to: range.to, insert },
      range: text
        ? EditorSelection.range(urlFrom, urlFrom + 'https://'.length)
        : EditorSelection.range(range.from + 1, range.from + 1 + label.length),
    };
  });
  dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input.format' }));
  return true;
};
