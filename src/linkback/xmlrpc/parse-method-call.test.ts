import { describe, expect, it } from 'vitest';
import { parseMethodCall } from './parse-method-call.js';
import { DEFAULT_XMLRPC_LIMITS } from './types.js';

const callWith = (valueXml: string): string =>
  `<methodCall><methodName>m</methodName><params><param><value>${valueXml}</value></param></params></methodCall>`;

const firstParam = (valueXml: string): unknown => {
  const result = parseMethodCall(callWith(valueXml));
  return result.ok ? result.value.params[0] : result.error.code;
};

describe('XML-RPC value decoding', () => {
  it.each([
    ['untyped text is a string', 'plain text', { type: 'string', value: 'plain text' }],
    ['an empty value is an empty string', '', { type: 'string', value: '' }],
    ['string keeps whitespace', '<string> a b </string>', { type: 'string', value: ' a b ' }],
    ['int', '<int> -42 </int>', { type: 'int', value: -42 }],
    ['i4', '<i4>+7</i4>', { type: 'int', value: 7 }],
    ['boolean 1', '<boolean>1</boolean>', { type: 'boolean', value: true }],
    ['boolean 0', '<boolean>0</boolean>', { type: 'boolean', value: false }],
    ['double', '<double>-1.5e3</double>', { type: 'double', value: -1500 }],
    ['base64 as text', '<base64>aGVs\n bG8=</base64>', { type: 'base64', value: 'aGVsbG8=' }],
    [
      'dateTime.iso8601 as text',
      '<dateTime.iso8601>19980717T14:08:55</dateTime.iso8601>',
      { type: 'dateTime', value: '19980717T14:08:55' },
    ],
    [
      'array',
      '<array><data><value><i4>1</i4></value><value>two</value></data></array>',
      {
        type: 'array',
        value: [
          { type: 'int', value: 1 },
          { type: 'string', value: 'two' },
        ],
      },
    ],
    [
      'struct',
      '<struct><member><name>faultCode</name><value><int>4</int></value></member></struct>',
      { type: 'struct', value: new Map([['faultCode', { type: 'int', value: 4 }]]) },
    ],
  ])('decodes %s', (_name, xml, expected) => {
    expect(firstParam(xml)).toEqual(expected);
  });

  it.each([
    ['an int out of 32-bit range', '<int>2147483648</int>'],
    ['a non-numeric int', '<int>12abc</int>'],
    ['a boolean other than 0/1', '<boolean>true</boolean>'],
    ['a non-numeric double', '<double>NaN</double>'],
    ['an unknown type', '<nil/>'],
    ['two type elements', '<string>a</string><string>b</string>'],
    ['text beside a type element', 'x<string>a</string>'],
    ['an array without data', '<array><value>1</value></array>'],
    ['a struct member without a name', '<struct><member><value>1</value></member></struct>'],
    ['an element inside a scalar', '<string><b>x</b></string>'],
  ])('rejects %s as invalid_structure', (_name, xml) => {
    expect(firstParam(xml)).toBe('invalid_structure');
  });
});

describe('XML-RPC method call parsing', () => {
  it('reads the method name and a call without params', () => {
    expect(parseMethodCall('<methodCall><methodName> a.b </methodName></methodCall>')).toEqual({
      ok: true,
      value: { methodName: 'a.b', params: [] },
    });
  });

  it('rejects a call without a method name', () => {
    const result = parseMethodCall('<methodCall><params/></methodCall>');
    expect(result.ok ? null : result.error.code).toBe('invalid_structure');
  });

  it('rejects a body larger than the limit without parsing it', () => {
    const body = callWith(`<string>${'a'.repeat(2 * 1024 * 1024)}</string>`);
    const started = performance.now();
    const result = parseMethodCall(body);
    expect(result.ok ? null : result.error.code).toBe('too_large');
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('parses a 2 MB body quickly when the caller allows that size', () => {
    const big = 'a&amp;b'.repeat(300_000);
    const body = callWith(`<string>${big}</string>`);
    const started = performance.now();
    const result = parseMethodCall(body, { ...DEFAULT_XMLRPC_LIMITS, maxLength: 4 * 1024 * 1024 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok && result.value.params[0]?.value).toBe('a&b'.repeat(300_000));
  });

  it('caps nesting depth', () => {
    const deep = '<array><data><value>'.repeat(40) + '1' + '</value></data></array>'.repeat(40);
    expect(firstParam(deep)).toBe('too_deep');
  });

  it('caps the number of elements', () => {
    const wide = `<array><data>${'<value/>'.repeat(20_000)}</data></array>`;
    expect(firstParam(wide)).toBe('too_many_elements');
  });

  it.each([
    ['text after the root', '<methodCall><methodName>m</methodName></methodCall>junk'],
    ['two roots', '<methodCall><methodName>m</methodName></methodCall><x/>'],
    ['an empty body', ''],
    ['mismatched tags', '<methodCall><methodName>m</methodname></methodCall>'],
  ])('reports %s as malformed XML', (_name, body) => {
    const result = parseMethodCall(body);
    expect(result.ok ? null : result.error.code).toBe('malformed_xml');
  });
});
