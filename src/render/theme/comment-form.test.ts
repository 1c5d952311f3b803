import { describe, expect, it } from 'vitest';
import { commentFormHtml, EMPTY_FORM, type CommentFormProps } from './comment-form.js';

const props = (over: Partial<CommentFormProps> = {}): CommentFormProps => ({
  action: '/comments/1',
  token: 't0k',
  honeypotName: 'homepage',
  values: EMPTY_FORM,
  errors: {},
  cancelReplyHref: '?#respond',
  maxLength: 10_000,
  limits: { name: 100, email: 320, url: 500 },
  ...over,
});

describe('the comment form markup', () => {
  it('escapes what the reader typed and ties each error to its field', () => {
    const html = commentFormHtml(
      props({
        values: {
          ...EMPTY_FORM,
          name: 'A "quoted" <name>',
          text: '</textarea><b>x</b>',
          remember: true,
        },
        errors: { email: 'Enter an email address.', text: 'Too long & then some.' },
        message: 'Please fix the fields below.',
      }),
    );
    expect(html).toContain('value="A &quot;quoted&quot; &lt;name&gt;"');
    expect(html).toContain('>&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;</textarea>');
    expect(html).toContain(
      '<input id="comment-email" name="email" type="email" value="" required="" maxlength="320" autocomplete="email" aria-invalid="true" aria-describedby="comment-email-error"/><p class="error" id="comment-email-error">Enter an email address.</p>',
    );
    expect(html).toContain('aria-describedby="comment-text-error comment-text-help"');
    expect(html).toContain(
      '<p class="error" id="comment-text-error">Too long &amp; then some.</p>',
    );
    expect(html).toContain('role="alert" id="comment-form-error">Please fix the fields below.</p>');
    expect(html).toContain('name="remember" value="1" checked=""/>');
    expect(html).not.toContain('id="comment-name-error"');
  });

  it('says whom a reply answers and how to cancel it', () => {
    const html = commentFormHtml(props({ replyTo: { id: 3, name: 'R & D' } }));
    expect(html).toContain('<h3 id="respond-title">Reply to R &amp; D</h3>');
    expect(html).toContain('<p class="meta"><a href="?#respond">Cancel reply</a></p>');
  });
});
