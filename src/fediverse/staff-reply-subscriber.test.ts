import { describe, expect, it } from 'vitest';
import { errorText } from './given-up.js';
import { staffReplyPayload } from './staff-reply-subscriber.js';

describe('a staff-reply job payload', () => {
  it('is a Create when it names no activity, as the jobs queued before edits and deletes were', () => {
    expect(staffReplyPayload({ replyItemId: 7 })).toEqual({ replyItemId: 7, activity: 'create' });
  });

  it('carries an update or a delete', () => {
    expect(staffReplyPayload({ replyItemId: 7, activity: 'update' }).activity).toBe('update');
    expect(staffReplyPayload({ replyItemId: 7, activity: 'delete' }).activity).toBe('delete');
  });

  it('is refused without a positive whole item id, or with another activity', () => {
    for (const bad of [
      null,
      'x',
      {},
      { replyItemId: 0 },
      { replyItemId: 1.5 },
      { replyItemId: '7' },
    ]) {
      expect(() => staffReplyPayload(bad), JSON.stringify(bad)).toThrow(/replyItemId/);
    }
    expect(() => staffReplyPayload({ replyItemId: 7, activity: 'announce' })).toThrow(
      /create, update or delete/,
    );
  });
});

describe('a delivery error as recorded', () => {
  it('says the causes of a transport failure, each once', () => {
    const timeout = Object.assign(new Error('Headers Timeout Error'), {
      code: 'UND_ERR_HEADERS_TIMEOUT',
    });
    const fetchFailed = new TypeError('fetch failed', { cause: timeout });
    const fedify = new Error('fetch failed', { cause: fetchFailed });
    expect(errorText(fedify)).toBe('fetch failed: Headers Timeout Error');
    expect(errorText(new Error('500 Internal Server Error'))).toBe('500 Internal Server Error');
  });
});
