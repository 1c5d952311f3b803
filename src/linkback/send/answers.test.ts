import { describe, expect, it } from 'vitest';
import {
  pingbackVerdict,
  readTrackbackResponse,
  retryAfterMs,
  trackbackVerdict,
  updatePingVerdict,
  webmentionVerdict,
  type ReceiverAnswer,
} from './answers.js';

const now = new Date('2026-03-01T12:00:00Z');
const answer = (
  status: number,
  body = '',
  headers: Record<string, string> = {},
): ReceiverAnswer => ({
  status,
  body,
  header: (name) => headers[name] ?? null,
});
const fault = (code: number) =>
  `<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>${code}</int></value></member><member><name>faultString</name><value>x</value></member></struct></value></fault></methodResponse>`;

describe('what a receiver’s answer means for the sender', () => {
  it('Webmention: any 2xx is sent, 201 keeps its Location resolved against the endpoint', () => {
    expect(webmentionVerdict(answer(200), 'https://r.example/wm', now)).toEqual({ kind: 'sent' });
    expect(webmentionVerdict(answer(202), 'https://r.example/wm', now)).toEqual({ kind: 'sent' });
    expect(
      webmentionVerdict(answer(201, '', { location: 'status/1' }), 'https://r.example/wm/', now),
    ).toEqual({ kind: 'sent', statusUrl: 'https://r.example/wm/status/1' });
    expect(
      webmentionVerdict(
        answer(201, '', { location: 'javascript:alert(1)' }),
        'https://r.example/',
        now,
      ),
    ).toEqual({ kind: 'sent' });
  });

  it('Webmention: 4xx is final, 5xx and 429 are retried, 429 after its Retry-After', () => {
    expect(webmentionVerdict(answer(400), 'https://r/', now)).toEqual({
      kind: 'refused',
      error: 'http_400',
    });
    expect(webmentionVerdict(answer(410), 'https://r/', now)).toEqual({
      kind: 'refused',
      error: 'http_410',
    });
    expect(webmentionVerdict(answer(302), 'https://r/', now)).toEqual({
      kind: 'refused',
      error: 'http_302',
    });
    expect(webmentionVerdict(answer(502), 'https://r/', now)).toEqual({
      kind: 'retry',
      error: 'http_502',
    });
    expect(webmentionVerdict(answer(429, '', { 'retry-after': '90' }), 'https://r/', now)).toEqual({
      kind: 'retry',
      error: 'http_429',
      retryAfterMs: 90_000,
    });
    expect(webmentionVerdict(answer(429), 'https://r/', now)).toEqual({
      kind: 'retry',
      error: 'http_429',
    });
  });

  it('Retry-After: seconds or an HTTP date, never negative, clamped to a day; junk ignored', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sun, 01 Mar 2026 12:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('99999999', now)).toBe(24 * 3600 * 1000);
    expect(retryAfterMs('-5', now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('D60 Pingback: success and fault 48 are sent; 16, 17, 32, 33, 49 final; 0 and 50 retried', () => {
    const ok =
      '<methodResponse><params><param><value><string>ok</string></value></param></params></methodResponse>';
    expect(pingbackVerdict(answer(200, ok), now)).toEqual({ kind: 'sent' });
    expect(pingbackVerdict(answer(200, fault(48)), now)).toMatchObject({ kind: 'sent' });
    for (const code of [16, 17, 32, 33, 49, -32601]) {
      expect(pingbackVerdict(answer(200, fault(code)), now)).toEqual({
        kind: 'refused',
        error: `fault_${code}`,
      });
    }
    for (const code of [0, 50]) {
      expect(pingbackVerdict(answer(200, fault(code)), now)).toEqual({
        kind: 'retry',
        error: `fault_${code}`,
      });
    }
    expect(pingbackVerdict(answer(200, '<html>oops'), now)).toEqual({
      kind: 'refused',
      error: 'unreadable_response',
    });
    expect(
      pingbackVerdict(answer(200, '<!DOCTYPE x [<!ENTITY a "b">]><methodResponse/>'), now).kind,
    ).toBe('refused');
    expect(pingbackVerdict(answer(503, ''), now)).toEqual({ kind: 'retry', error: 'http_503' });
  });

  it('TrackBack: error 0 is sent, anything else refused with its message, unescaped', () => {
    expect(trackbackVerdict(answer(200, '<response><error>0</error></response>'), now)).toEqual({
      kind: 'sent',
    });
    expect(
      trackbackVerdict(
        answer(
          200,
          '<response><error>1</error><message>No &lt;b&gt; &amp; such</message></response>',
        ),
        now,
      ),
    ).toEqual({ kind: 'refused', error: 'trackback_error: No <b> & such' });
    expect(trackbackVerdict(answer(200, 'OK'), now)).toEqual({
      kind: 'refused',
      error: 'unreadable_response',
    });
    expect(readTrackbackResponse('<error> 1 </error><message><![CDATA[x < y]]></message>')).toEqual(
      {
        error: '1',
        message: 'x < y',
      },
    );
  });

  it('update services: flerror false is sent, true refused, −32601 flagged for the fallback', () => {
    const struct = (flerror: string) =>
      `<methodResponse><params><param><value><struct><member><name>flerror</name><value><boolean>${flerror}</boolean></value></member><member><name>message</name><value>m</value></member></struct></value></param></params></methodResponse>`;
    expect(updatePingVerdict(answer(200, struct('0')), now)).toEqual({ kind: 'sent' });
    expect(updatePingVerdict(answer(200, struct('1')), now)).toEqual({
      kind: 'refused',
      error: 'flerror: m',
    });
    expect(updatePingVerdict(answer(200, fault(-32601)), now)).toMatchObject({
      unknownMethod: true,
    });
  });
});
