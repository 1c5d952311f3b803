import { describe, expect, it } from 'vitest';
import type { EnqueueRequest } from './contract.js';
import { normalizeRequest } from './validate-request.js';

describe('normalizeRequest', () => {
  it('fills defaults and serialises the payload', () => {
    expect(normalizeRequest({ task: 'ping', payload: { a: 1 } })).toEqual({
      task: 'ping',
      payloadJson: '{"a":1}',
      runAt: null,
      dedupeKey: null,
      maxAttempts: 10,
      yieldToJobsAfter: null,
    });
  });

  it('rejects a yieldToJobsAfter that is not a job id', () => {
    expect(() =>
      normalizeRequest({ task: 'ping', payload: {}, dedupeKey: 'k', yieldToJobsAfter: 'x; drop' }),
    ).toThrow(/job id/);
  });

  it('rejects a payload that is not a JSON object', () => {
    const bad = { task: 'ping', payload: [1, 2] } as unknown as EnqueueRequest;
    expect(() => normalizeRequest(bad)).toThrow(/JSON object/);
  });

  it('rejects an empty task, a bad attempt count, an invalid date and an empty key', () => {
    expect(() => normalizeRequest({ task: '', payload: {} })).toThrow(TypeError);
    expect(() => normalizeRequest({ task: 't', payload: {}, maxAttempts: 0 })).toThrow(TypeError);
    expect(() => normalizeRequest({ task: 't', payload: {}, maxAttempts: 1.5 })).toThrow(TypeError);
    expect(() => normalizeRequest({ task: 't', payload: {}, runAt: new Date('x') })).toThrow(
      TypeError,
    );
    expect(() => normalizeRequest({ task: 't', payload: {}, dedupeKey: '' })).toThrow(TypeError);
  });
});
