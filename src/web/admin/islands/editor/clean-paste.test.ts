import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pasteConverter } from './clean-paste.js';

const fixture = (name: string) =>
  readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const toMarkdown = pasteConverter();

describe('pasting from Google Docs', () => {
  const markdown = toMarkdown(fixture('google-docs.html'));

  it('gives the clean Markdown of the document, heading, emphasis, link and lists kept', () => {
    expect(markdown).toBe(
      [
        '## Council approves the new harbour plan',
        '',
        'The vote was **nine to two**, after a _long_ debate. Read the [full plan](https://harbour.example/plan).',
        '',
        'What changes:',
        '',
        '- A new ferry pier',
        '    - Open by 2028',
        '- Wider cycle lanes',
        '',
        '1. Consultation',
        '2. Building',
        '',
        '**_Reporting by the city desk._**',
      ].join('\n'),
    );
  });

  it('does not make the whole paste bold because of the docs-internal-guid wrapper', () => {
    expect(markdown.startsWith('**')).toBe(false);
    expect(markdown).not.toContain('docs-internal-guid');
  });

  it('leaves no spans, styles, stray line breaks or non-breaking spaces', () => {
    expect(markdown).not.toMatch(/<|style=|font-|\u00a0| {2}\n|\n{3,}/);
  });
});

describe('pasting from Word', () => {
  const markdown = toMarkdown(fixture('word.html'));

  it('gives the clean Markdown of the fragment, with Word list paragraphs as real lists', () => {
    expect(markdown).toBe(
      [
        '# Budget day',
        '',
        'The minister said the plan was **fully funded** and _fair_. See [the documents](https://budget.example/2027).',
        '',
        '- Income tax unchanged',
        '    - Thresholds frozen',
        '- VAT down one point',
        '',
        '1. First reading',
        '2. Vote in May',
      ].join('\n'),
    );
  });

  it('drops the mso styles, the o:p fillers, conditional comments and the local file image', () => {
    expect(markdown).not.toMatch(/mso|MsoNormal|o:p|supportLists|file:|Font Definitions|·/);
  });

  it('gives the same Markdown when the clipboard has no fragment markers', () => {
    const whole = fixture('word.html').replace(/<!--(Start|End)Fragment-->/g, '');
    expect(toMarkdown(whole)).toBe(markdown);
  });
});

describe('pasting other HTML', () => {
  it('keeps plain headings, lists, links and emphasis from a web page', () => {
    expect(
      toMarkdown(
        '<h3>Notes</h3><p>See <a href="https://a.example/x">this</a> and <strong>that</strong>.</p><ol start="3"><li>three</li><li>four</li></ol>',
      ),
    ).toBe('### Notes\n\nSee [this](https://a.example/x) and **that**.\n\n3. three\n4. four');
  });

  it('keeps the text of a javascript: link and drops the link', () => {
    expect(toMarkdown('<p><a href="javascript:alert(1)">click</a> me</p>')).toBe('click me');
  });

  it('drops scripts and styles with their content, and empty paragraphs', () => {
    expect(
      toMarkdown(
        '<style>p{color:red}</style><script>alert(1)</script><p>&nbsp;</p><p>Kept</p><p></p>',
      ),
    ).toBe('Kept');
  });

  it('keeps a line break inside a paragraph as a Markdown hard break', () => {
    expect(toMarkdown('<p>one<br>two</p>')).toBe('one  \ntwo');
  });

  it('escapes text that would otherwise turn into Markdown', () => {
    expect(toMarkdown('<p>1. not a list and *not* emphasis</p>')).toBe(
      '1\\. not a list and \\*not\\* emphasis',
    );
  });

  it('gives an empty string for HTML with no text, so the plain text is pasted instead', () => {
    expect(toMarkdown('<meta charset="utf-8"><span style="color:red"></span>')).toBe('');
  });
});
