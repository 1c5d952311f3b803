/**
 * WordPress keeps titles and comment author names as HTML (`Ping 1 &laquo; What&#8217;s…`,
 * `Title <em>With</em> Markup`); ours are plain text, escaped when shown. This turns the one into
 * the other: tags dropped, character references decoded, whitespace collapsed.
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  sbquo: '‚',
  bdquo: '„',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  middot: '·',
  bull: '•',
  euro: '€',
  pound: '£',
  times: '×',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,15});/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : m;
    }
    return NAMED[ref.toLowerCase()] ?? m;
  });
}

/** HTML as one line of plain text. */
export function htmlToText(html: string): string {
  const stripped = html.includes('<') ? html.replace(/<[^>]*>/g, '') : html;
  return decodeEntities(stripped).replace(/\s+/g, ' ').trim();
}
