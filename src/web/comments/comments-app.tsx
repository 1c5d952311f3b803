import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CommentFormFields } from '../../app/comments/comment-input.js';
import {
  postComment,
  type CommentDeps,
  type CommentRefusal,
} from '../../app/comments/post-comment.js';
import type { ArticlePage } from '../../app/site/page-model.js';
import type { Failure, FailureCode } from '../../domain/failures.js';
import { mediaType } from '../../linkback/index.js';
import type { ClientIp } from '../client-ip.js';
import { statusFor } from '../errors.js';
import { renderArticle, type SiteDeps } from '../site/site-app.js';
import { commentFormView } from './form-view.js';
import { isSameOriginPost } from './same-origin.js';
import { forgetCookie, readRemembered, rememberCookie } from './remember-cookie.js';

/** Comment forms are small; 64 KiB leaves room for the longest allowed comment in UTF-8. */
export const COMMENT_BODY_LIMIT = 64 * 1024;
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export interface CommentsAppDeps extends CommentDeps {
  readonly site: SiteDeps;
  readonly clientIp: ClientIp;
}

/** A small page for refusals that need no article render (cheap under a flood). */
const plainPage = async (c: Context, code: FailureCode, title: string, message: string) => {
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
      </head>
      <body>
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Home</a>
        </p>
      </body>
    </html>
  );
  return c.html(`<!doctype html>${await page.toString()}`, statusFor(code));
};

/** Re-shows the article the use case handed back, with the form, the reader's text and the messages. */
async function reshow(
  deps: CommentsAppDeps,
  c: Context,
  { model, settings }: ArticlePage,
  fields: CommentFormFields,
  f: Failure,
) {
  const form =
    f.code === 'comments_closed' ? (
      <p class="notice" role="alert" id="respond">
        {f.message}
      </p>
    ) : (
      await commentFormView(deps.tokens, model.article.id, deps.app.clock(), settings, {
        values: {
          name: fields.name ?? '',
          email: fields.email ?? '',
          url: fields.url ?? '',
          text: fields.text ?? '',
          parent: fields.parent ?? '',
          remember: (fields.remember ?? '') !== '',
        },
        errors: f.fields ?? {},
        message: f.message,
      })
    );
  return renderArticle(deps.site, c, model, settings, statusFor(f.code), { commentForm: form });
}

/** Every refusal of the comment POST: a plain page, or the article again when there is one. */
function refuse(
  deps: CommentsAppDeps,
  c: Context,
  refusal: CommentRefusal,
  fields: CommentFormFields,
) {
  const f = refusal.failure;
  if (f.code === 'rate_limited') {
    const seconds = f.retryAfterSeconds ?? 60;
    c.header('Retry-After', String(seconds));
    return plainPage(
      c,
      f.code,
      'Slow down',
      `${f.message} You can try again in ${seconds} seconds.`,
    );
  }
  if (!refusal.page) return plainPage(c, f.code, 'Not found', f.message);
  return reshow(deps, c, refusal.page, fields, f);
}

/** `POST /comments/:articleId`: form posts only (no JSON), size-capped, no cookies read but ours. */
export function commentsApp(deps: CommentsAppDeps): Hono {
  const app = new Hono();
  const secure = deps.app.siteUrl.startsWith('https:');
  app.post(
    '/:articleId{[0-9]{1,12}}',
    bodyLimit({
      maxSize: COMMENT_BODY_LIMIT,
      onError: (c) =>
        plainPage(
          c,
          'payload_too_large',
          'Comment too large',
          'The comment form sent more than 64 KB.',
        ),
    }),
    async (c) => {
      if (!isSameOriginPost(c, deps.app.siteUrl)) {
        return plainPage(
          c,
          'forbidden',
          'Comment refused',
          'Comments must be sent from the comment form on this site.',
        );
      }
      const type = mediaType(c.req.header('content-type')) ?? '';
      if (!FORM_TYPES.includes(type)) {
        return plainPage(
          c,
          'unsupported_media_type',
          'Unsupported form',
          'Comments must be sent from the comment form.',
        );
      }
      const body = await readForm(c);
      if (body === null) {
        return plainPage(
          c,
          'invalid_input',
          'Malformed form',
          'The comment form could not be read; please send it again from the article page.',
        );
      }
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string') fields[k] = v;
      const articleId = Number(c.req.param('articleId'));
      const result = await postComment(deps, {
        articleId,
        fields,
        ip: deps.clientIp(c),
        userAgent: c.req.header('user-agent') ?? null,
        referrer: c.req.header('referer') ?? null,
      });
      if (!result.ok) return refuse(deps, c, result.error, fields);
      const { item, input, articlePath, page } = result.value;
      if (input.remember) {
        c.header(
          'Set-Cookie',
          rememberCookie({ name: input.name, email: input.email, url: input.url ?? '' }, secure),
        );
      } else if (readRemembered(c.req.header('cookie'))) {
        c.header('Set-Cookie', forgetCookie(secure));
      }
      const location =
        item.status === 'approved'
          ? `${articlePath}${page && page > 1 ? `?cpage=${page}` : ''}#comment-${item.id}`
          : `${articlePath}?comment=held#respond`;
      return c.redirect(location, 303);
    },
  );
  return app;
}

/**
 * The posted form's fields, or null when the body cannot be read as the form it claims to be
 * (a multipart body without its boundary, cut short, or malformed; a form whose encoding does not
 * decode). The body limit has already read the whole body, so nothing else can fail here.
 */
async function readForm(c: Context): Promise<Record<string, string | File> | null> {
  try {
    return await c.req.parseBody();
  } catch {
    return null;
  }
}
