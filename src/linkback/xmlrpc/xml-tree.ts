/**
 * Reads a small XML document into a plain element tree with saxes. The body is screened first:
 * any `<!DOCTYPE` or `<!ENTITY` is refused outright (billion laughs, XXE — CVE-2014-5265/5266),
 * and saxes itself never expands DTD entities, so an undeclared `&name;` is a parse error.
 * Depth and element count are capped while streaming, so a hostile body costs O(its length).
 */
import { SaxesParser } from 'saxes';
import { err, ok, type Result } from '../../domain/result.js';
import type { XmlRpcLimits, XmlRpcParseError } from './types.js';

export interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  /** Concatenated character data directly inside this element (text and CDATA). */
  text: string;
}

/** `<!DOCTYPE` / `<!ENTITY`, case-insensitive, tolerant of whitespace after `<!`. */
const DTD_MARKUP = /<!\s*(?:doctype|entity)/i;

/** Thrown inside saxes callbacks to abort the stream; never escapes this module. */
class Abort {
  constructor(readonly error: XmlRpcParseError) {}
}

export function readXmlTree(
  body: string,
  limits: XmlRpcLimits,
): Result<XmlElement, XmlRpcParseError> {
  if (body.length > limits.maxLength) {
    return err({ code: 'too_large', message: `body exceeds ${limits.maxLength} characters` });
  }
  if (DTD_MARKUP.test(body)) {
    return err({
      code: 'forbidden_dtd',
      message: 'DOCTYPE and ENTITY declarations are not allowed',
    });
  }

  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let elementCount = 0;

  parser.on('error', (e) => {
    throw new Abort({ code: 'malformed_xml', message: e.message });
  });
  parser.on('opentag', (tag) => {
    elementCount += 1;
    if (elementCount > limits.maxElements) {
      throw new Abort({
        code: 'too_many_elements',
        message: `more than ${limits.maxElements} elements`,
      });
    }
    if (stack.length >= limits.maxDepth) {
      throw new Abort({ code: 'too_deep', message: `nesting deeper than ${limits.maxDepth}` });
    }
    const element: XmlElement = { name: tag.name, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = element;
    else parent.children.push(element);
    stack.push(element);
  });
  const onText = (text: string): void => {
    const current = stack[stack.length - 1];
    if (current !== undefined) current.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    stack.pop();
  });

  try {
    parser.write(body).close();
  } catch (e) {
    if (e instanceof Abort) return err(e.error);
    return err({ code: 'malformed_xml', message: e instanceof Error ? e.message : String(e) });
  }
  if (root === undefined) return err({ code: 'malformed_xml', message: 'no root element' });
  return ok(root);
}

/** Child elements only, in order. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return name === undefined ? element.children : element.children.filter((c) => c.name === name);
}

/** True when the element holds nothing but whitespace as text. */
export function hasOnlyWhitespaceText(element: XmlElement): boolean {
  return /^[ \t\r\n]*$/.test(element.text);
}
