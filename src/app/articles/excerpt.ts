import { cropAtWord, htmlToText } from '../../linkback/index.js';

/** The first words of a body as plain text, for listings and meta descriptions. */
export function makeExcerpt(html: string): string {
  return cropAtWord(htmlToText(html), 220);
}
