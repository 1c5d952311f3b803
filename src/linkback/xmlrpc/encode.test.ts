import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../fixtures/load-scenarios.js';
import { encodeFault, encodeMethodCall, encodeMethodResponse } from './encode.js';
import { parseMethodCall } from './parse-method-call.js';
import { parseMethodResponse } from './parse-method-response.js';

type EncodeMeta =
  | { encode: 'fault'; code: number; message: string }
  | { encode: 'response'; message: string }
  | { encode: 'call'; method: string; params: string[] };

const encode = (meta: EncodeMeta): string => {
  switch (meta.encode) {
    case 'fault':
      return encodeFault(meta.code, meta.message);
    case 'response':
      return encodeMethodResponse(meta.message);
    case 'call':
      return encodeMethodCall(meta.method, meta.params);
  }
};

describe('XML-RPC encoders', () => {
  it.each(loadScenarios<EncodeMeta>('xmlrpc/encoded', 'xml').map((s) => [s.name, s] as const))(
    'match the golden file %s',
    (_name, { body, meta }) => {
      expect(encode(meta)).toBe(body);
    },
  );

  it('round-trip a method call through the parser', () => {
    const params = ['https://a.example/?q=<x>&y="1"', "it's ]]> here"];
    const parsed = parseMethodCall(encodeMethodCall('pingback.ping', params));
    expect(parsed).toEqual({
      ok: true,
      value: {
        methodName: 'pingback.ping',
        params: params.map((value) => ({ type: 'string', value })),
      },
    });
  });

  it('round-trip a response string', () => {
    expect(parseMethodResponse(encodeMethodResponse('Thanks & <bye>'))).toEqual({
      ok: true,
      value: { kind: 'success', value: { type: 'string', value: 'Thanks & <bye>' } },
    });
  });

  it('replace characters XML cannot carry so the document stays well formed', () => {
    const xml = encodeMethodResponse('bell\u0007 and lone \uD800 surrogate');
    const parsed = parseMethodResponse(xml);
    expect(parsed).toEqual({
      ok: true,
      value: {
        kind: 'success',
        value: { type: 'string', value: 'bell\uFFFD and lone \uFFFD surrogate' },
      },
    });
  });

  it('write faultCode as an integer', () => {
    expect(encodeFault(16.9, 'x')).toContain('<int>16</int>');
  });
});
