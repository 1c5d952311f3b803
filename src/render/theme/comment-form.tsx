/** The comment form: plain HTML that works without JavaScript; errors sit beside their fields. */

export interface CommentFormValues {
  readonly name: string;
  readonly email: string;
  readonly url: string;
  readonly text: string;
  readonly parent: string;
  readonly remember: boolean;
}

export const EMPTY_FORM: CommentFormValues = {
  name: '',
  email: '',
  url: '',
  text: '',
  parent: '',
  remember: false,
};

export interface CommentFormProps {
  readonly action: string;
  readonly token: string;
  readonly honeypotName: string;
  readonly values: CommentFormValues;
  readonly errors: Readonly<Record<string, string>>;
  /** A problem with the whole submission (shown above the form). */
  readonly message?: string | undefined;
  /** A success notice, such as "awaiting moderation". */
  readonly notice?: string | undefined;
  readonly replyTo?: { readonly id: number; readonly name: string } | null | undefined;
  readonly cancelReplyHref: string;
  readonly maxLength: number;
  readonly limits: { readonly name: number; readonly email: number; readonly url: number };
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="error" id={id}>
      {message}
    </p>
  ) : null;
}

function Field(props: {
  name: 'name' | 'email' | 'url';
  label: string;
  type: string;
  value: string;
  error: string | undefined;
  required: boolean;
  maxLength: number;
  autocomplete: string;
  hint?: string;
}) {
  const errId = `comment-${props.name}-error`;
  return (
    <p>
      <label for={`comment-${props.name}`}>
        {props.label}
        {props.hint ? <span class="meta"> ({props.hint})</span> : null}
      </label>
      <input
        id={`comment-${props.name}`}
        name={props.name}
        type={props.type}
        value={props.value}
        required={props.required}
        maxlength={props.maxLength}
        autocomplete={props.autocomplete}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? errId : undefined}
      />
      <FieldError id={errId} message={props.error} />
    </p>
  );
}

export function CommentForm(p: CommentFormProps) {
  const v = p.values;
  return (
    <section class="respond" id="respond" aria-labelledby="respond-title">
      <h3 id="respond-title">{p.replyTo ? `Reply to ${p.replyTo.name}` : 'Leave a comment'}</h3>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      {p.message ? (
        <p class="notice error" role="alert" id="comment-form-error">
          {p.message}
        </p>
      ) : null}
      {p.replyTo ? (
        <p class="meta">
          <a href={p.cancelReplyHref}>Cancel reply</a>
        </p>
      ) : null}
      <form class="comment-form" method="post" action={p.action} accept-charset="utf-8">
        <input type="hidden" name="token" value={p.token} />
        <input type="hidden" name="parent" value={v.parent} />
        <FieldError id="comment-parent-error" message={p.errors.parent} />
        <Field
          name="name"
          label="Name"
          type="text"
          value={v.name}
          error={p.errors.name}
          required
          maxLength={p.limits.name}
          autocomplete="name"
        />
        <Field
          name="email"
          label="Email"
          hint="not published"
          type="email"
          value={v.email}
          error={p.errors.email}
          required
          maxLength={p.limits.email}
          autocomplete="email"
        />
        <Field
          name="url"
          label="Website"
          hint="optional"
          type="url"
          value={v.url}
          error={p.errors.url}
          required={false}
          maxLength={p.limits.url}
          autocomplete="url"
        />
        <p>
          <label for="comment-text">Comment</label>
          <textarea
            id="comment-text"
            name="text"
            required
            maxlength={p.maxLength}
            rows={8}
            aria-invalid={p.errors.text ? 'true' : undefined}
            aria-describedby={
              p.errors.text ? 'comment-text-error comment-text-help' : 'comment-text-help'
            }
          >
            {v.text}
          </textarea>
          <FieldError id="comment-text-error" message={p.errors.text} />
          <span class="meta" id="comment-text-help">
            Plain text; *emphasis*, **strong**, `code`, &gt; quotes, lists and links work. At most{' '}
            {p.maxLength.toLocaleString('en-GB')} characters.
          </span>
        </p>
        <div class="hp" aria-hidden="true">
          <label for="comment-hp">Leave this empty</label>
          <input
            id="comment-hp"
            name={p.honeypotName}
            type="text"
            value=""
            tabindex={-1}
            autocomplete="off"
          />
        </div>
        <p>
          <label>
            <input type="checkbox" name="remember" value="1" checked={v.remember} /> Remember my
            name, email and website in this browser (sets a cookie)
          </label>
        </p>
        <button type="submit">Post comment</button>
      </form>
    </section>
  );
}
