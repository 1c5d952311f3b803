/**
 * `<value>` → XmlRpcValue, per the XML-RPC spec (xmlrpc.com/spec.md): a value with no type
 * element is a string; scalars are int/i4, boolean, string, double, dateTime.iso8601, base64;
 * compound values are array (`<data>` of values) and struct (members of name + value).
 */
import { err, ok, type Result } from '../../domain/result.js';
import { childElements, hasOnlyWhitespaceText, type XmlElement } from './xml-tree.js';
import type { XmlRpcParseError, XmlRpcValue } from './types.js';

type Decoded = Result<XmlRpcValue, XmlRpcParseError>;

const invalid = (message: string): { ok: false; error: XmlRpcParseError } =>
  err({ code: 'invalid_structure', message });

const INT = /^[+-]?[0-9]+$/;
const DOUBLE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

const SCALARS: Record<string, (text: string) => Decoded> = {
  string: (text) => ok({ type: 'string', value: text }),
  int: decodeInt,
  i4: decodeInt,
  boolean: (text) => {
    const t = text.trim();
    if (t === '0' || t === '1') return ok({ type: 'boolean', value: t === '1' });
    return invalid(`boolean must be 0 or 1, got "${t.slice(0, 20)}"`);
  },
  double: (text) => {
    const t = text.trim();
    const n = Number(t);
    if (!DOUBLE.test(t) || !Number.isFinite(n)) return invalid('malformed double');
    return ok({ type: 'double', value: n });
  },
  base64: (text) => ok({ type: 'base64', value: text.replace(/[ \t\r\n]+/g, '') }),
  'dateTime.iso8601': (text) => ok({ type: 'dateTime', value: text.trim() }),
};

function decodeInt(text: string): Decoded {
  const t = text.trim();
  const n = Number(t);
  // XML-RPC ints are four-byte signed integers.
  if (!INT.test(t) || n < -2147483648 || n > 2147483647) return invalid('malformed int');
  return ok({ type: 'int', value: n });
}

export function decodeValue(value: XmlElement): Decoded {
  if (value.name !== 'value') return invalid(`expected <value>, got <${value.name}>`);
  const [typed, ...rest] = childElements(value);
  if (typed === undefined) return ok({ type: 'string', value: value.text });
  if (rest.length > 0 || !hasOnlyWhitespaceText(value)) {
    return invalid('<value> must hold exactly one type element');
  }
  if (typed.name === 'array') return decodeArray(typed);
  if (typed.name === 'struct') return decodeStruct(typed);
  const scalar = SCALARS[typed.name];
  if (scalar === undefined) return invalid(`unsupported type <${typed.name}>`);
  if (typed.children.length > 0) return invalid(`<${typed.name}> must not contain elements`);
  return scalar(typed.text);
}

function decodeArray(array: XmlElement): Decoded {
  const [data, ...rest] = childElements(array);
  if (data?.name !== 'data' || rest.length > 0) return invalid('<array> must hold one <data>');
  const items: XmlRpcValue[] = [];
  for (const child of childElements(data)) {
    const item = decodeValue(child);
    if (!item.ok) return item;
    items.push(item.value);
  }
  return ok({ type: 'array', value: items });
}

function decodeStruct(struct: XmlElement): Decoded {
  const members = new Map<string, XmlRpcValue>();
  for (const member of childElements(struct)) {
    if (member.name !== 'member') return invalid(`unexpected <${member.name}> in <struct>`);
    const name = childElements(member, 'name');
    const value = childElements(member, 'value');
    if (name.length !== 1 || value.length !== 1 || member.children.length !== 2) {
      return invalid('<member> must hold one <name> and one <value>');
    }
    const decoded = decodeValue(value[0] as XmlElement);
    if (!decoded.ok) return decoded;
    members.set((name[0] as XmlElement).text, decoded.value);
  }
  return ok({ type: 'struct', value: members });
}
