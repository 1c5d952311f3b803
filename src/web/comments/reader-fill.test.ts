import { describe, expect, it } from 'vitest';
import { READER_FIELDS, tokenSlots } from '../../app/comments/token-slots.js';
import {
  commentFormHtml,
  EMPTY_FORM,
  type CommentFormProps,
} from '../../render/theme/comment-form.js';
import { NO_READER, readerFill } from './reader-fill.js';
import { rememberCookie } from './remember-cookie.js';

const slots = tokenSlots(
  { issue: async (id, at) => `${id}.${at.getTime()}.sig` },
  () => new Date(0),
);
const readerMarks = Object.fromEntries(
  READER_FIELDS.map((f) => [f, slots.readerMark(f)]),
) as Record<(typeof READER_FIELDS)[number], string>;
const props = (over: Partial<CommentFormProps> = {}): CommentFormProps => ({
  action: '/comments/1',
  token: slots.mark(1),
  honeypotName: 'homepage',
  values: EMPTY_FORM,
  errors: {},
  cancelReplyHref: '?#respond',
  maxLength: 10_000,
  limits: { name: 100, email: 320, url: 500 },
  ...over,
});
const cookieOf = (name: string, email: string, url: string) =>
  rememberCookie({ name, email, url }, false).split(';')[0]!;

describe("a comment form's reader marks", () => {
  it("fill to the very bytes of a form rendered with the reader's details, hostile ones too", async () => {
    const name = '"><script>alert(1)</script> Ann & Bo\'s';
    const email = 'ann@example.org" autofocus="';
    const url = 'https://example.org/?a=1&b=<2>';
    const filled = await slots.fill(
      commentFormHtml(props({ readerMarks })),
      readerFill(`other=1; ${cookieOf(name, email, url)}`),
    );
    const direct = await slots.fill(
      commentFormHtml(props({ values: { ...EMPTY_FORM, name, email, url, remember: true } })),
    );
    expect(filled).toBe(direct);
    expect(filled).not.toContain('<script>');
    expect(filled).toContain('name="remember" value="1" checked=""/>');
  });

  it('fill to the plain form for a reader without (valid) details', async () => {
    const plain = await slots.fill(commentFormHtml(props()));
    for (const cookie of [
      undefined,
      '',
      'a=b',
      'newsdesk_commenter=not-base64-json',
      'newsdesk_bench=1',
    ]) {
      const fill = readerFill(cookie);
      expect(fill).toBeNull();
      expect(await slots.fill(commentFormHtml(props({ readerMarks })), fill)).toBe(plain);
    }
    expect(await slots.fill(commentFormHtml(props({ readerMarks })), NO_READER)).toBe(plain);
  });

  it('ignore an oversized remembered name rather than show it', () => {
    expect(readerFill(cookieOf('x'.repeat(101), 'a@b', ''))).toBeNull();
  });
});
