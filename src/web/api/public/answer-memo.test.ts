import { describe, expect, it } from 'vitest';
import { AnswerMemo } from './answer-memo.js';

const answer = (version: number) => ({
  body: `v${version}`,
  etag: `"${version}"`,
  headers: [],
  version,
});

describe('the public API answer memo', () => {
  it('serves an answer only at the content version it was built at, and within its lifetime', () => {
    let now = 0;
    const memo = new AnswerMemo({ now: () => now, ttlMs: 1000 });
    memo.store('/api/articles', answer(3));
    expect(memo.lookup('/api/articles', 3)?.body).toBe('v3');
    expect(memo.lookup('/api/articles', 4)).toBeNull();
    expect(memo.size).toBe(0);
    memo.store('/api/articles', answer(4));
    now = 1000;
    expect(memo.lookup('/api/articles', 4)).toBeNull();
  });

  it('never keeps an answer past its own expiry, and evicts the least recently used', () => {
    let now = 0;
    const memo = new AnswerMemo({ now: () => now, ttlMs: 60_000, maxEntries: 2 });
    memo.store('/a', answer(1), 500);
    now = 500;
    expect(memo.lookup('/a', 1)).toBeNull();
    memo.store('/x', answer(1));
    memo.store('/y', answer(1));
    expect(memo.lookup('/x', 1)).not.toBeNull();
    memo.store('/z', answer(1));
    expect(memo.lookup('/y', 1)).toBeNull();
    expect(memo.lookup('/x', 1)).not.toBeNull();
  });
});
