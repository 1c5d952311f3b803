import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../fixtures/load-scenarios.js';
import { encodeFault } from '../xmlrpc/encode.js';
import { parseMethodResponse } from '../xmlrpc/parse-method-response.js';
import { readPingbackCall } from './request.js';

interface RequestMeta {
  description: string;
  expected: { ok: { source: string; target: string } } | { faultCode: number; reason: string };
}

const scenarios = loadScenarios<RequestMeta>('pingback/requests', 'xml');

describe('Pingback request reading (Pingback 1.0 §3; cases E62–E66)', () => {
  it.each(scenarios.map((s) => [`${s.name}: ${s.meta.description}`, s] as const))(
    '%s',
    (_title, { body, meta }) => {
      const result = readPingbackCall(body);
      if ('ok' in meta.expected) {
        expect(result).toEqual({ ok: true, value: meta.expected.ok });
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.faultCode).toBe(meta.expected.faultCode);
          expect(result.error.reason).toBe(meta.expected.reason);
        }
      }
    },
  );

  it('produces faults that an XML-RPC client reads back with the same code and message', () => {
    for (const { body } of scenarios) {
      const result = readPingbackCall(body);
      if (result.ok) continue;
      const parsed = parseMethodResponse(encodeFault(result.error.faultCode, result.error.message));
      expect(parsed).toEqual({
        ok: true,
        value: { kind: 'fault', code: result.error.faultCode, message: result.error.message },
      });
    }
  });

  it('refuses a billion-laughs body without expanding it, quickly', () => {
    const lol = scenarios.find((s) => s.name.startsWith('12-'));
    const started = performance.now();
    expect(readPingbackCall(lol!.body).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('Pingback unknown methods', () => {
  it('names an unknown method in the fault cut to 64 characters, however long it was', () => {
    const name = 'x'.repeat(64 * 1024);
    const body = `<?xml version="1.0"?><methodCall><methodName>${name}</methodName><params/></methodCall>`;
    const result = readPingbackCall(body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe('unknown_method');
      expect(result.error.message.length).toBeLessThan(100);
      expect(result.error.message).toContain('x'.repeat(64));
    }
  });
});
