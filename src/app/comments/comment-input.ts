import { z } from 'zod';
import { storableText } from '../../domain/storable-text.js';

/** The comment form's fields as posted; every value is a string (or absent). */
export type CommentFormFields = Readonly<Record<string, string | undefined>>;

export const FIELD_LIMITS = { name: 100, email: 320, url: 500 } as const;
/** The hidden field people never see; anything typed into it marks a bot. */
export const HONEYPOT_FIELD = 'homepage';

export interface CommentInput {
  readonly name: string;
  readonly email: string;
  readonly url: string | null;
  readonly text: string;
  readonly parentId: number | null;
  readonly token: string;
  readonly remember: boolean;
}

const schema = (maxLength: number) =>
  z.object({
    name: z
      .string()
      .trim()
      .min(1, 'Please give your name.')
      .max(FIELD_LIMITS.name, `Your name can be at most ${FIELD_LIMITS.name} characters.`),
    email: z
      .string()
      .trim()
      .min(1, 'Please give your email address; it is not published.')
      .max(FIELD_LIMITS.email, `Email addresses can be at most ${FIELD_LIMITS.email} characters.`)
      .pipe(z.email('Please enter a valid email address, such as you@example.org.'))
      .transform((e) => e.toLowerCase()),
    url: z
      .string()
      .trim()
      .max(FIELD_LIMITS.url, `Website addresses can be at most ${FIELD_LIMITS.url} characters.`)
      .transform((u) => (u === '' ? null : /^[a-z][a-z0-9+.-]*:/i.test(u) ? u : `https://${u}`))
      .pipe(
        z
          .url({
            protocol: /^https?$/,
            message: 'Please enter a web address starting with http:// or https://.',
          })
          .nullable(),
      ),
    text: z
      .string()
      .transform((t) => t.replace(/\r\n?/g, '\n').trim())
      .pipe(
        z
          .string()
          .min(1, 'Please write a comment.')
          .max(maxLength, `Comments can be at most ${maxLength} characters.`),
      ),
    parent: z
      .string()
      .trim()
      .regex(/^(\d{1,12})?$/, 'The comment you are replying to was not found.')
      .transform((p) => (p === '' ? null : Number(p))),
    token: z.string().max(200),
    remember: z.string().transform((r) => r !== ''),
  });

export type InputCheck =
  | { readonly ok: true; readonly value: CommentInput }
  | { readonly ok: false; readonly fields: Readonly<Record<string, string>> };

/** Validates the posted fields; every failing field gets its own message. */
export function parseCommentInput(fields: CommentFormFields, maxLength: number): InputCheck {
  const raw = Object.fromEntries(
    ['name', 'email', 'url', 'text', 'parent', 'token', 'remember'].map((k) => [
      k,
      storableText(fields[k] ?? ''),
    ]),
  );
  const parsed = schema(maxLength).safeParse(raw);
  if (parsed.success) {
    const { parent, ...rest } = parsed.data;
    return { ok: true, value: { ...rest, parentId: parent } };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return { ok: false, fields: errors };
}
