/**
 * RFC 8288 §3 `Link` header parser:
 *   Link       = #link-value
 *   link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
 *   link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
 * A comma inside `<…>` or a quoted string does not separate links. Parameter names are
 * case-insensitive; only the first `rel` counts (RFC 8288 §3.3). A malformed link-value is skipped up to
 * the next top-level comma rather than failing the whole header — senders must keep looking.
 */

export interface LinkValue {
  /** The URI-Reference exactly as written between `<` and `>` (not resolved). */
  readonly target: string;
  /** Parameters by lowercase name; the first occurrence of a name wins. */
  readonly params: ReadonlyMap<string, string>;
}

/** RFC 7230 tchar. */
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/** Parses every header line in order; links keep header order, then in-line order. */
export function parseLinkHeaders(headerValues: readonly string[]): LinkValue[] {
  return headerValues.flatMap(parseLinkHeader);
}

export function parseLinkHeader(value: string): LinkValue[] {
  const links: LinkValue[] = [];
  const reader = new Reader(value);
  while (!reader.done()) {
    reader.skip(/[ \t,]/);
    if (reader.done()) break;
    const link = readLinkValue(reader);
    if (link !== null) links.push(link);
    else reader.skipToComma();
  }
  return links;
}

/** The `rel` tokens of a link, lowercased (RFC 8288 §2.1.1: relation types compare case-insensitively). */
export function relTypes(link: LinkValue): string[] {
  const rel = link.params.get('rel');
  if (rel === undefined) return [];
  return rel
    .toLowerCase()
    .split(/[ \t]+/)
    .filter((t) => t !== '');
}

function readLinkValue(reader: Reader): LinkValue | null {
  if (reader.peek() !== '<') return null;
  reader.next();
  const end = reader.text.indexOf('>', reader.pos);
  if (end < 0) return null;
  const target = reader.text.slice(reader.pos, end).trim();
  reader.pos = end + 1;
  const params = new Map<string, string>();
  for (;;) {
    reader.skip(/[ \t]/);
    if (reader.done() || reader.peek() === ',') return { target, params };
    if (reader.peek() !== ';') return null;
    reader.next();
    reader.skip(/[ \t]/);
    const name = reader.token().toLowerCase();
    if (name === '') {
      // Tolerate an empty parameter such as `<x>; ; rel=a` or a trailing `;`.
      continue;
    }
    reader.skip(/[ \t]/);
    let paramValue = '';
    if (reader.peek() === '=') {
      reader.next();
      reader.skip(/[ \t]/);
      const read = reader.peek() === '"' ? reader.quotedString() : reader.token();
      if (read === null) return null;
      paramValue = read;
    }
    if (!params.has(name)) params.set(name, paramValue);
  }
}

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string | undefined {
    return this.text[this.pos];
  }
  next(): void {
    this.pos += 1;
  }
  skip(chars: RegExp): void {
    while (!this.done() && chars.test(this.peek() as string)) this.pos += 1;
  }
  token(): string {
    const start = this.pos;
    while (!this.done() && TCHAR.test(this.peek() as string)) this.pos += 1;
    return this.text.slice(start, this.pos);
  }
  /** RFC 7230 §3.2.6 quoted-string with backslash quoted-pairs; null when unterminated. */
  quotedString(): string | null {
    let out = '';
    this.pos += 1;
    while (!this.done()) {
      const c = this.peek() as string;
      this.pos += 1;
      if (c === '"') return out;
      if (c === '\\' && !this.done()) {
        out += this.peek() as string;
        this.pos += 1;
      } else {
        out += c;
      }
    }
    return null;
  }
  /** Skips to just past the next comma that is not inside `<…>` or quotes. */
  skipToComma(): void {
    let inQuotes = false;
    let inAngle = false;
    while (!this.done()) {
      const c = this.peek() as string;
      this.pos += 1;
      if (inQuotes) {
        if (c === '\\') this.pos += 1;
        else if (c === '"') inQuotes = false;
      } else if (inAngle) {
        if (c === '>') inAngle = false;
      } else if (c === '"') inQuotes = true;
      else if (c === '<') inAngle = true;
      else if (c === ',') return;
    }
  }
}

/**
 * The values of every `Link` header among raw name/value pairs (header names are
 * case-insensitive, RFC 9110 §5.1), in order — e.g. from `IncomingMessage.rawHeaders` pairs.
 */
export function linkHeaderValues(headers: Iterable<readonly [string, string]>): string[] {
  const values: string[] = [];
  for (const [name, value] of headers) if (name.toLowerCase() === 'link') values.push(value);
  return values;
}
