import { describe, expect, it } from 'vitest';
import { parseMethodResponse } from './parse-method-response.js';

const fault = (code: string, message = '<value><string>No link</string></value>'): string =>
  `<?xml version="1.0"?><methodResponse><fault><value><struct>
    <member><name>faultCode</name>${code}</member>
    <member><name>faultString</name>${message}</member>
  </struct></value></fault></methodResponse>`;

describe('XML-RPC method response parsing (for the Pingback sender)', () => {
  it('reads a success string', () => {
    const body =
      '<methodResponse><params><param><value>Pingback registered.</value></param></params></methodResponse>';
    expect(parseMethodResponse(body)).toEqual({
      ok: true,
      value: { kind: 'success', value: { type: 'string', value: 'Pingback registered.' } },
    });
  });

  it('reads a fault with an int code', () => {
    expect(parseMethodResponse(fault('<value><int>17</int></value>'))).toEqual({
      ok: true,
      value: { kind: 'fault', code: 17, message: 'No link' },
    });
  });

  it('accepts a faultCode sent as a string of digits, as some servers do', () => {
    expect(parseMethodResponse(fault('<value><string>48</string></value>'))).toEqual({
      ok: true,
      value: { kind: 'fault', code: 48, message: 'No link' },
    });
  });

  it('rejects a fault without a numeric code', () => {
    const result = parseMethodResponse(fault('<value>oops</value>'));
    expect(result.ok ? null : result.error.code).toBe('invalid_structure');
  });

  it('rejects a response holding two params', () => {
    const body =
      '<methodResponse><params><param><value>a</value></param><param><value>b</value></param></params></methodResponse>';
    expect(parseMethodResponse(body).ok).toBe(false);
  });

  it('rejects an HTML error page', () => {
    const result = parseMethodResponse('<html><body>502 Bad Gateway</body></html>');
    expect(result.ok ? null : result.error.code).toBe('invalid_structure');
  });

  it('refuses a DOCTYPE in a response too', () => {
    const result = parseMethodResponse('<!DOCTYPE methodResponse><methodResponse/>');
    expect(result.ok ? null : result.error.code).toBe('forbidden_dtd');
  });
});
