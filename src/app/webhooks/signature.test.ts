import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './signature.js';

const secret = 'whsec_test';
const body = '{"event":"article.published"}';
const at = new Date('2026-12-02T12:00:00.000Z');

describe('webhook signatures', () => {
  it('a signature made for a body verifies for that body at that time', () => {
    const header = signWebhook(secret, body, at);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, header, body, now: at })).toEqual({
      ok: true,
      timestamp: at.getTime() / 1000,
    });
  });

  it('a changed body, another secret or a changed timestamp is a mismatch', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature({ secret, header, body: `${body} `, now: at })).toMatchObject({
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature({ secret: 'other', header, body, now: at })).toMatchObject({
      reason: 'mismatch',
    });
    const moved = header.replace(/t=(\d+)/, (_, t: string) => `t=${Number(t) + 1}`);
    expect(verifyWebhookSignature({ secret, header: moved, body, now: at })).toMatchObject({
      reason: 'mismatch',
    });
  });

  it('a timestamp outside the replay window is stale, even with a valid signature', () => {
    const header = signWebhook(secret, body, at);
    const later = new Date(at.getTime() + 301_000);
    expect(verifyWebhookSignature({ secret, header, body, now: later })).toMatchObject({
      reason: 'stale',
    });
    const inside = new Date(at.getTime() + 299_000);
    expect(verifyWebhookSignature({ secret, header, body, now: inside }).ok).toBe(true);
  });

  it('hostile headers are malformed, never a crash', () => {
    for (const header of [
      '',
      null,
      'garbage',
      't=,v1=',
      't=1',
      `v1=${'a'.repeat(64)}`,
      `t=1,t=2,v1=${'a'.repeat(64)}`,
      `t=abc,v1=${'a'.repeat(64)}`,
      't=1,v1=zz',
      `t=1,v1=${'a'.repeat(63)}`,
      'x'.repeat(5000),
    ]) {
      expect(verifyWebhookSignature({ secret, header, body, now: at })).toMatchObject({
        ok: false,
        reason: 'malformed',
      });
    }
  });
});
