import { describe, expect, it } from 'vitest';
import { dueEntries } from './send-plan.js';
import { sendBackoffMs, DEFAULT_SEND_SCHEDULE } from './send-schedule.js';
import type { OutboundLinkback } from './send-ports.js';

const row = (targetUrl: string, over: Partial<OutboundLinkback> = {}): OutboundLinkback => ({
  id: 1,
  articleId: 1,
  kind: 'link',
  targetUrl,
  protocol: 'webmention',
  endpoint: 'https://e.example/',
  status: 'sent',
  httpStatus: 202,
  statusUrl: null,
  attempts: 1,
  lastError: null,
  nextAttemptAt: null,
  contentHash: 'h1',
  linked: true,
  round: 1,
  sentAt: new Date(),
  createdAt: new Date(),
  updatedAt: new Date(),
  ...over,
});

describe('which targets an article state queues', () => {
  it('queues new links and changed content, skips unchanged content', () => {
    const ledger = [row('https://a/'), row('https://b/', { contentHash: 'h2' })];
    expect(dueEntries(ledger, ['https://a/', 'https://b/', 'https://c/'], [], 'h2', true)).toEqual([
      { targetUrl: 'https://a/', kind: 'link', linked: true, contentHash: 'h2' },
      { targetUrl: 'https://c/', kind: 'link', linked: true, contentHash: 'h2' },
    ]);
  });

  it('C56 queues a removed link once, then leaves it alone', () => {
    expect(dueEntries([row('https://a/')], [], [], 'h2', true)).toEqual([
      { targetUrl: 'https://a/', kind: 'link', linked: false, contentHash: 'h2' },
    ]);
    expect(
      dueEntries([row('https://a/', { linked: false, contentHash: 'h2' })], [], [], 'h3', true),
    ).toEqual([]);
  });

  it('queues a link that comes back after it was removed', () => {
    expect(
      dueEntries(
        [row('https://a/', { linked: false, contentHash: 'h2' })],
        ['https://a/'],
        [],
        'h2',
        true,
      ),
    ).toHaveLength(1);
  });

  it('pings a listed TrackBack URL once, and never for a gone article', () => {
    expect(dueEntries([], [], ['https://tb/'], 'h', true)).toEqual([
      { targetUrl: 'https://tb/', kind: 'trackback', linked: true, contentHash: 'h' },
    ]);
    expect(
      dueEntries([row('https://tb/', { kind: 'trackback' })], [], ['https://tb/'], 'h9', true),
    ).toEqual([]);
    expect(dueEntries([], [], ['https://tb/'], 'h', false)).toEqual([]);
  });
});

describe('the send backoff', () => {
  it('doubles from one minute up to the one-hour cap, ±20 %', () => {
    const s = DEFAULT_SEND_SCHEDULE;
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => sendBackoffMs(n, s, mid) / 60_000)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60,
    ]);
    expect(sendBackoffMs(1, s, () => 0)).toBe(48_000);
    expect(sendBackoffMs(1, s, () => 0.999_999)).toBeLessThanOrEqual(72_000);
  });
});
