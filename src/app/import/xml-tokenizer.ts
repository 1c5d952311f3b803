/**
 * A streaming XML tokenizer for the WordPress reader (wxr-reader.ts): text goes in chunk by
 * chunk, start tags, end tags and character data come out. It checks what a WordPress export
 * can get wrong and refuses it with an XmlSyntaxError: tags that do not nest, text or a second
 * element outside the root, a reference to an entity XML does not predefine (no entity is ever
 * declared, so none is expanded or fetched), a character XML forbids, a malformed name or
 * attribute, an unbound namespace prefix. A `<!DOCTYPE` goes to `onDoctype`, which is expected
 * to throw (the reader refuses every DTD).
 *
 * Text is handed over in pieces as it arrives (a long CDATA section or text run is not held
 * whole), so whoever collects it can enforce a size limit while memory stays flat; a tag or a
 * name being read is held until it is complete, up to `maxTagChars`.
 *
 * Faster than a general-purpose parser because character data, CDATA and comments are skipped
 * with native `indexOf`, not a character at a time: most of an export's bytes are bodies.
 */

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/** An element's name resolved: its namespace URI ('' for none) and its name without prefix. */
export interface QName {
  readonly uri: string;
  readonly local: string;
}

export interface XmlHandlers {
  /**
   * A start tag: its name (the same object each time a name means the same, while the
   * namespaces in scope stay the same) and its attributes by local name (null when none).
   */
  open(name: QName, attrs: Readonly<Record<string, string>> | null): void;
  close(): void;
  /** Character data (entities decoded) or CDATA content, in pieces. */
  text(text: string): void;
  onDoctype(): void;
}

/** XML's forbidden characters (controls other than tab, newline and return; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** A name as XML 1.0 (fifth edition) allows it, approximately: letters, digits, `_ - . :`. */
const NAME_SOURCE =
  /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDBFF][\w.\-:\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDFFF]*/
    .source;
/** Anything in character data that needs a closer look: a forbidden character, `&`, CR, `]]>`. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const TEXT_SPECIAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&\r]|\]\]>/;
/** The same for CDATA content, where `&` and `]]>` mean nothing. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CDATA_SPECIAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\r]/;
const NAME_SLOTS = 512;
const HEX_DIGITS = /^[0-9a-fA-F]+$/;
const DIGITS = /^[0-9]+$/;
const PREDEFINED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** XML's end-of-line handling: CR LF and a lone CR are a line feed. */
const lines = (s: string) => (s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s);

/** ASCII letters, digits, `_ - . :`; anything from U+0080 is checked by NAME afterwards. */
const isNameChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x30 && c <= 0x3a) ||
  c === 0x5f ||
  c === 0x2d ||
  c === 0x2e ||
  c >= 0x80;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

interface Open {
  readonly name: string;
  /** Prefix → URI declared on this element, or null when it declares none. */
  readonly scope: Readonly<Record<string, string>> | null;
}

export class XmlTokenizer {
  private buf = '';
  private pos = 0;
  /** Lines and the offset of the current line's start in what has been dropped from `buf`. */
  private linesBefore = 0;
  private lineStartBefore = 0;
  private dropped = 0;
  private readonly stack: Open[] = [];
  /** Prefix → URI in scope (rebuilt when an element declaring namespaces opens or closes). */
  private ns: Record<string, string> = { xml: XML_NS };
  private sawRoot = false;
  private rootClosed = false;
  private inCdata = false;
  private finished = false;
  /** Sticky matchers, the tokenizer's own (their lastIndex is where they look). */
  private readonly nameAt = new RegExp(NAME_SOURCE, 'y');
  /**
   * Element names seen, resolved for the namespaces now in scope: a small table keyed by a hash
   * of the name's length and two of its characters, so the usual name is matched in place
   * (neither sliced out nor hashed whole). A collision only costs a slice.
   */
  private names: ({ readonly name: string; readonly qname: QName } | undefined)[] =
    new Array<undefined>(NAME_SLOTS);

  constructor(
    private readonly handlers: XmlHandlers,
    private readonly maxTagChars = 1_000_000,
  ) {}

  /** The line and column (1-based) of the construct being read. */
  position(): { line: number; column: number } {
    let line = this.linesBefore;
    let start = this.lineStartBefore;
    const upTo = Math.min(this.pos, this.buf.length);
    for (let i = this.buf.indexOf('\n'); i !== -1 && i < upTo; i = this.buf.indexOf('\n', i + 1)) {
      line++;
      start = this.dropped + i + 1;
    }
    return { line: line + 1, column: this.dropped + upTo - start + 1 };
  }

  /** True once the root element has closed. */
  get complete(): boolean {
    return this.rootClosed;
  }

  /** True once any element has opened. */
  get started(): boolean {
    return this.sawRoot;
  }

  write(chunk: string): void {
    if (this.finished) throw new Error('the tokenizer is closed');
    this.drop();
    this.buf = this.buf === '' ? chunk : this.buf + chunk;
    this.run(false);
  }

  /** The end of the input: throws if it ends inside a construct or before the root closes. */
  end(): void {
    this.run(true);
    this.finished = true;
  }

  /** Open elements (0 when the document is whole). */
  get depth(): number {
    return this.stack.length;
  }

  private fail(message: string): never {
    const { line, column } = this.position();
    throw new XmlSyntaxError(`${message} (line ${line}, column ${column})`, line, column);
  }

  /** Forgets the consumed part of the buffer, counting its lines for positions. */
  private drop(): void {
    if (this.pos === 0) return;
    const gone = this.buf.slice(0, this.pos);
    for (let i = gone.indexOf('\n'); i !== -1; i = gone.indexOf('\n', i + 1)) {
      this.linesBefore++;
      this.lineStartBefore = this.dropped + i + 1;
    }
    this.dropped += this.pos;
    this.buf = this.buf.slice(this.pos);
    this.pos = 0;
  }

  private run(atEnd: boolean): void {
    const buf = this.buf;
    for (;;) {
      if (this.inCdata) {
        if (!this.cdata(atEnd)) return;
        continue;
      }
      const lt = buf.indexOf('<', this.pos);
      if (lt === -1) {
        this.textRun(buf.length, atEnd);
        if (atEnd) this.atEnd();
        return;
      }
      if (lt > this.pos) this.textRun(lt, true);
      if (!this.markup(atEnd)) {
        if (atEnd) this.fail('the document ends inside a tag');
        if (buf.length - this.pos > this.maxTagChars)
          this.fail(`a tag longer than ${this.maxTagChars} characters`);
        return;
      }
    }
  }

  private atEnd(): void {
    if (this.stack.length > 0)
      this.fail(`the document ends inside <${this.stack[this.stack.length - 1]?.name ?? ''}>`);
  }

  /** Character data from `pos` to `end`; unless `whole`, a reference cut by the chunk waits. */
  private textRun(end: number, whole: boolean): void {
    let stop = end;
    if (!whole) {
      // A reference or a CR LF the chunk cuts waits for the rest.
      const amp = this.buf.lastIndexOf('&', end - 1);
      if (amp >= this.pos && end - amp <= 12 && this.buf.indexOf(';', amp) === -1) stop = amp;
      if (stop > this.pos && this.buf.charCodeAt(stop - 1) === 0x0d) stop--;
    }
    if (stop <= this.pos) return;
    const raw = this.buf.slice(this.pos, stop);
    if (this.stack.length === 0) {
      for (let i = 0; i < raw.length; i++) {
        if (!isSpace(raw.charCodeAt(i))) {
          this.pos += i;
          this.fail(
            this.rootClosed ? 'text after the root element' : 'text before the root element',
          );
        }
      }
      this.pos = stop;
      return;
    }
    let text = raw;
    if (TEXT_SPECIAL.test(raw)) {
      if (FORBIDDEN.test(raw)) this.fail('a character XML does not allow');
      if (raw.includes(']]>')) this.fail('"]]>" in character data');
      text = raw.includes('&') ? this.decode(lines(raw)) : lines(raw);
    }
    this.pos = stop;
    this.handlers.text(text);
  }

  /** `&…;` references: the five XML predefines and character references; anything else fails. */
  private decode(raw: string): string {
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
      const semi = raw.indexOf(';', amp);
      if (semi === -1 || semi - amp > 12) this.fail('a "&" that does not start a reference');
      const ref = raw.slice(amp + 1, semi);
      let value: string | undefined;
      if (ref.charCodeAt(0) === 0x23 /* # */) {
        const hex = ref.charCodeAt(1) === 0x78; /* x */
        const digits = ref.slice(hex ? 2 : 1);
        const code =
          digits !== '' && (hex ? HEX_DIGITS : DIGITS).test(digits)
            ? parseInt(digits, hex ? 16 : 10)
            : NaN;
        if (!isXmlChar(code)) this.fail(`the character reference &${ref}; is not a character`);
        value = String.fromCodePoint(code);
      } else {
        value = PREDEFINED[ref];
        if (value === undefined)
          this.fail(`undefined entity &${ref}; (only XML's five are known; no DTD is read)`);
      }
      out += raw.slice(from, amp) + value;
      from = semi + 1;
    }
    return out + raw.slice(from);
  }

  /** Inside `<![CDATA[`: hands over what has arrived, up to `]]>`. False when it needs more. */
  private cdata(atEnd: boolean): boolean {
    const close = this.buf.indexOf(']]>', this.pos);
    let end = close === -1 ? Math.max(this.pos, this.buf.length - 2) : close;
    if (close === -1 && end > this.pos && this.buf.charCodeAt(end - 1) === 0x0d) end--;
    if (end > this.pos) {
      let text = this.buf.slice(this.pos, end);
      if (CDATA_SPECIAL.test(text)) {
        if (FORBIDDEN.test(text)) this.fail('a character XML does not allow');
        text = lines(text);
      }
      this.pos = end;
      this.handlers.text(text);
    }
    if (close === -1) {
      if (atEnd) this.fail('the document ends inside a CDATA section');
      return false;
    }
    this.pos = close + 3;
    this.inCdata = false;
    return true;
  }

  /** At a `<`: reads one tag, comment, CDATA start, or PI. False when it needs more input. */
  private markup(atEnd: boolean): boolean {
    const buf = this.buf;
    const at = this.pos;
    const next = buf.charCodeAt(at + 1);
    if (Number.isNaN(next)) return false;
    if (next === 0x21 /* ! */) {
      if (buf.startsWith('<!--', at)) {
        const close = buf.indexOf('-->', at + 4);
        if (close === -1) return false;
        this.pos = close + 3;
        return true;
      }
      if (buf.startsWith('<![CDATA[', at)) {
        if (this.stack.length === 0) this.fail('a CDATA section outside the root element');
        this.pos = at + 9;
        this.inCdata = true;
        return true;
      }
      if (buf.startsWith('<!DOCTYPE', at)) {
        this.handlers.onDoctype();
        this.fail('a DOCTYPE');
      }
      if (buf.length - at < 9 && !atEnd) {
        const head = buf.slice(at);
        if ('<!--'.startsWith(head) || '<![CDATA['.startsWith(head) || '<!DOCTYPE'.startsWith(head))
          return false;
      }
      this.fail('"<!" that starts no comment or CDATA section');
    }
    if (next === 0x3f /* ? */) {
      const close = buf.indexOf('?>', at + 2);
      if (close === -1) return false;
      const end = this.nameEnd(at + 2);
      if (end === at + 2 || end > close) this.fail('a processing instruction without a target');
      if (
        buf.slice(at + 2, end).toLowerCase() === 'xml' &&
        this.dropped + at !== 0 &&
        (this.sawRoot || this.nonSpaceBefore(at))
      )
        this.fail('an XML declaration that is not at the start of the document');
      this.pos = close + 2;
      return true;
    }
    if (next === 0x2f /* / */) return this.endTag(at);
    return this.startTag(at);
  }

  private nonSpaceBefore(at: number): boolean {
    for (let i = 0; i < at; i++) if (!isSpace(this.buf.charCodeAt(i))) return true;
    return this.dropped > 0;
  }

  /** Where the name starting at `i` ends (`i` when none starts there; checked like XML's). */
  private nameEnd(i: number): number {
    const buf = this.buf;
    const first = buf.charCodeAt(i);
    if (!isNameChar(first) || (first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2e)
      return i;
    let end = i + 1;
    let wide = first >= 0x80;
    for (let c = buf.charCodeAt(end); isNameChar(c); c = buf.charCodeAt(++end)) wide ||= c >= 0x80;
    if (!wide) return end;
    this.nameAt.lastIndex = i;
    return this.nameAt.exec(buf) ? this.nameAt.lastIndex : i;
  }

  private spaceEnd(i: number): number {
    const buf = this.buf;
    while (isSpace(buf.charCodeAt(i))) i++;
    return i;
  }

  private endTag(at: number): boolean {
    const buf = this.buf;
    const close = buf.indexOf('>', at + 2);
    if (close === -1) return false;
    const top = this.stack[this.stack.length - 1];
    // The usual case: `</name>` closing the open element, compared in place.
    if (!(top && close === at + 2 + top.name.length && buf.startsWith(top.name, at + 2))) {
      const end = this.nameEnd(at + 2);
      if (end === at + 2) this.fail('an end tag without a name');
      const name = buf.slice(at + 2, end);
      if (this.spaceEnd(end) !== close) this.fail(`a malformed end tag </${name}`);
      if (!top) this.fail(`the end tag </${name}> closes nothing`);
      if (top.name !== name) this.fail(`the end tag </${name}> does not match <${top.name}>`);
    }
    this.stack.pop();
    if (top.scope) this.rescope();
    this.pos = close + 1;
    if (this.stack.length === 0) this.rootClosed = true;
    this.handlers.close();
    return true;
  }

  private startTag(at: number): boolean {
    const buf = this.buf;
    let i = this.nameEnd(at + 1);
    if (i === at + 1) {
      if (at + 1 >= buf.length) return false;
      this.fail('"<" that starts no tag');
    }
    if (i >= buf.length) return false;
    const length = i - at - 1;
    const slot =
      (length * 61 + buf.charCodeAt(i - 1) * 7 + buf.charCodeAt(at + 1 + (length >> 1))) &
      (NAME_SLOTS - 1);
    const seen = this.names[slot];
    const known = seen && seen.name.length === length && buf.startsWith(seen.name, at + 1);
    const name = known ? seen.name : buf.slice(at + 1, i);
    let raw: [string, string][] | null = null;
    let selfClosing = false;
    for (;;) {
      const from = i;
      i = this.spaceEnd(i);
      const spaced = i > from;
      if (i >= buf.length) return false;
      const c = buf.charCodeAt(i);
      if (c === 0x3e /* > */) {
        i++;
        break;
      }
      if (c === 0x2f /* / */) {
        if (i + 1 >= buf.length) return false;
        if (buf.charCodeAt(i + 1) !== 0x3e) this.fail(`a malformed tag <${name}`);
        selfClosing = true;
        i += 2;
        break;
      }
      if (!spaced) this.fail(`a malformed tag <${name}`);
      const nameEnd = this.nameEnd(i);
      if (nameEnd === i) this.fail(`a malformed attribute in <${name}>`);
      if (nameEnd >= buf.length) return false;
      const attr = buf.slice(i, nameEnd);
      i = this.spaceEnd(nameEnd);
      if (i >= buf.length) return false;
      if (buf.charCodeAt(i) !== 0x3d /* = */) this.fail(`the attribute ${attr} has no value`);
      i = this.spaceEnd(i + 1);
      if (i >= buf.length) return false;
      const q = buf[i];
      if (q !== '"' && q !== "'") this.fail(`the attribute ${attr} has an unquoted value`);
      const endQ = buf.indexOf(q, i + 1);
      if (endQ === -1) return false;
      const value = buf.slice(i + 1, endQ);
      if (value.includes('<')) this.fail(`"<" in the value of ${attr}`);
      if (FORBIDDEN.test(value)) this.fail('a character XML does not allow');
      raw ??= [];
      if (raw.some(([n]) => n === attr)) this.fail(`the attribute ${attr} is repeated`);
      // Attribute-value normalisation: each literal whitespace character is a space.
      const normal = /[\t\n\r]/.test(value)
        ? value.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ')
        : value;
      raw.push([attr, normal.includes('&') ? this.decode(normal) : normal]);
      i = endQ + 1;
    }
    if (this.stack.length === 0 && this.sawRoot) this.fail(`a second root element <${name}>`);
    this.sawRoot = true;
    this.pos = i;
    let scope: Record<string, string> | null = null;
    let attrs: Record<string, string> | null = null;
    if (raw) {
      for (const [n, v] of raw) {
        if (n === 'xmlns') (scope ??= {})[''] = v;
        else if (n.startsWith('xmlns:')) {
          const prefix = n.slice(6);
          if (v === '') this.fail(`the namespace prefix ${prefix} is declared empty`);
          (scope ??= {})[prefix] = v;
        }
      }
      if (scope) {
        this.ns = { ...this.ns, ...scope };
        this.names = new Array<undefined>(NAME_SLOTS);
      }
      for (const [n, v] of raw) {
        if (n === 'xmlns' || n.startsWith('xmlns:')) continue;
        const colon = n.indexOf(':');
        if (colon !== -1 && this.ns[n.slice(0, colon)] === undefined)
          this.fail(`the namespace prefix of ${n} is not declared`);
        (attrs ??= {})[colon === -1 ? n : n.slice(colon + 1)] = v;
      }
    }
    this.stack.push({ name, scope });
    let qname = known && !scope ? seen.qname : undefined;
    if (!qname) {
      const colon = name.indexOf(':');
      const prefix = colon === -1 ? '' : name.slice(0, colon);
      const uri = this.ns[prefix];
      if (uri === undefined && prefix !== '')
        this.fail(`the namespace prefix of <${name}> is not declared`);
      qname = { uri: uri ?? '', local: colon === -1 ? name : name.slice(colon + 1) };
      this.names[slot] = { name, qname };
    }
    this.handlers.open(qname, attrs);
    if (selfClosing) {
      this.stack.pop();
      if (scope) this.rescope();
      if (this.stack.length === 0) this.rootClosed = true;
      this.handlers.close();
    }
    return true;
  }

  /** The namespaces in scope, from the open elements' declarations. */
  private rescope(): void {
    const ns: Record<string, string> = { xml: XML_NS };
    for (const open of this.stack) if (open.scope) Object.assign(ns, open.scope);
    this.ns = ns;
    this.names = new Array<undefined>(NAME_SLOTS);
  }
}
