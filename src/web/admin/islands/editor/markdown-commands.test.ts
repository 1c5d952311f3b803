import { EditorSelection, EditorState, type StateCommand } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { insertLink, toggleWrap } from './markdown-commands.js';

/** Runs `command` on `doc` with the selection [from, to]: the new text and selected text. */
function run(command: StateCommand, doc: string, from: number, to = from) {
  let state = EditorState.create({ doc, selection: EditorSelection.single(from, to) });
  command({ state, dispatch: (tr) => (state = tr.state) });
  const { from: a, to: b } = state.selection.main;
  return { doc: state.doc.toString(), selected: state.sliceDoc(a, b), at: a };
}

describe('the Markdown shortcuts', () => {
  it('Mod-b wraps the selection in ** and keeps the word selected', () => {
    expect(run(toggleWrap('**'), 'a word here', 2, 6)).toEqual({
      doc: 'a **word** here',
      selected: 'word',
      at: 4,
    });
  });

  it('Mod-b again unwraps it', () => {
    expect(run(toggleWrap('**'), 'a **word** here', 4, 8).doc).toBe('a word here');
  });

  it('Mod-i with nothing selected leaves the cursor between the two markers', () => {
    expect(run(toggleWrap('_'), 'ab', 1)).toEqual({ doc: 'a__b', selected: '', at: 2 });
  });

  it('Mod-k makes the selection a link and selects the URL to type over', () => {
    expect(run(insertLink, 'see docs now', 4, 8)).toEqual({
      doc: 'see [docs](https://) now',
      selected: 'https://',
      at: 11,
    });
  });

  it('Mod-k on a selected URL makes it the target and puts the cursor in the text', () => {
    expect(run(insertLink, 'https://a.example/', 0, 18)).toEqual({
      doc: '[](https://a.example/)',
      selected: '',
      at: 1,
    });
  });

  it('Mod-k with nothing selected inserts a link with its text selected', () => {
    expect(run(insertLink, '', 0)).toEqual({
      doc: '[link text](https://)',
      selected: 'link text',
      at: 1,
    });
  });
});
