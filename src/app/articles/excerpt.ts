import { cropAtWord, htmlToText } from '../../linkback/index.js';

/** The first words of a body as plain text, for listings and meta descriptions. */
export function makeExcerpt(html: string): string {
  return excerptOfText(htmlToText(html));
}

/** makeExcerpt for a body whose plain text (htmlToText) is already at hand. */
export function excerptOfText(text: string): string {
  return cropAtWord(text, 220);
}
