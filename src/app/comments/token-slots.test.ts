import { describe, expect, it } from 'vitest';
import { tokenSlots } from './token-slots.js';

function issuer() {
  const issued: Array<{ articleId: number; at: number }> = [];
  let failNext = false;
  return {
    issued,
    failOnce: () => (failNext = true),
    tokens: {
      async issue(articleId: number, now: Date) {
        if (failNext) {
          failNext = false;
          throw new Error('secret unreadable');
        }
        issued.push({ articleId, at: now.getTime() });
        return `${articleId}.${now.getTime()}.sig`;
      },
    },
  };
}

describe('comment-form token slots', () => {
  it('fills only the marks the template made, never text that looks like one', async () => {
    const { tokens } = issuer();
    const slots = tokenSlots(tokens, () => new Date(5_000), { nonce: 'n0nce' });
    const visitorText = '__newsdesk_form_token_7__ __newsdesk_token_guess_7__';
    const html = `<p>${visitorText}</p><input value="${slots.mark(7)}">`;
    expect(await slots.fill(html)).toBe(`<p>${visitorText}</p><input value="7.5000.sig">`);
  });

  it('splits a template at its marks, in page order', () => {
    const slots = tokenSlots(issuer().tokens, () => new Date(0), { nonce: 'n' });
    expect(slots.split(`a${slots.mark(1)}b${slots.readerMark('name')}c${slots.mark(2)}d`)).toEqual({
      parts: ['a', 'b', 'c', 'd'],
      slots: [1, 'name', 2],
    });
    expect(slots.split('no marks')).toBeNull();
  });

  it("fills reader marks with the given reader's details, or with nothing", async () => {
    const slots = tokenSlots(issuer().tokens, () => new Date(2_000), { nonce: 'n' });
    const html = `<input value="${slots.readerMark('email')}"${slots.readerMark('remember')}>${slots.mark(9)}`;
    const reader = { name: 'N', email: 'e@x', url: '', remember: ' checked=""' };
    expect(await slots.fill(html, reader)).toBe('<input value="e@x" checked="">9.2000.sig');
    expect(await slots.fill(html)).toBe('<input value="">9.2000.sig');
    // Visitor text cannot make a reader mark: it does not know the nonce.
    expect(await slots.fill('__newsdesk_reader_x_name__', reader)).toBe(
      '__newsdesk_reader_x_name__',
    );
  });

  it('mints one token per article per window, issued at the window start', async () => {
    const { tokens, issued } = issuer();
    let now = 10_250;
    const slots = tokenSlots(tokens, () => new Date(now));
    expect(await slots.mint(3)).toBe('3.10000.sig');
    now = 10_900;
    expect(await slots.mint(3)).toBe('3.10000.sig');
    now = 11_000;
    expect(await slots.mint(3)).toBe('3.11000.sig');
    expect(issued).toEqual([
      { articleId: 3, at: 10_000 },
      { articleId: 3, at: 11_000 },
    ]);
  });

  it('does not remember a failed mint', async () => {
    const { tokens, failOnce } = issuer();
    const slots = tokenSlots(tokens, () => new Date(1_000));
    failOnce();
    await expect(slots.mint(4)).rejects.toThrow('secret unreadable');
    expect(await slots.mint(4)).toBe('4.1000.sig');
  });
});
