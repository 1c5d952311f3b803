import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CommentFormFields } from '../../app/comments/comment-input.js';
import { postComment, type CommentDeps } from '../../app/comments/post-comment.js';
import { articlePageModel } from '../../app/site/page-model.js';
import type { Failure } from '../../domain/failures.js';
import { permalinkPath } from '../../domain/permalink.js';
import { statusFor } from '../errors.js';
import { renderArticle, type SiteDeps } from '../site/site-app.js';
import type { ClientIp } from '../client-ip.js';
import { commentFormView } from './form-view.js';
import { forgetCookie, readRemembered, rememberCookie } from './remember-cookie.js';

/** Comment forms are small; 64 KiB leaves room for the longest allowed comment in UTF-8. */
export const COMMENT_BODY_LIMIT = 64 * 1024;
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export interface CommentsAppDeps extends CommentDeps {
  readonly site: SiteDeps;
  readonly clientIp: ClientIp;
}

/** A small page for refusals that need no article render (cheap under a flood). */
const plainPage = async (
  c: Context,
  status: 404 | 413 | 415 | 429,
  title: string,
  message: string,
) => {
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
  return c.html(`<!doctype html>${await page.toString()}`, status);
};

/** Re-shows the article with the form, the reader's text and the failure's messages. */
async function reshow(
  deps: CommentsAppDeps,
  c: Context,
  articleId: number,
  fields: CommentFormFields,
  f: Failure,
) {
  const { repos, clock, timezone } = deps.app;
  const article = await repos.articles.findById(articleId);
  if (!article) return plainPage(c, 404, 'Not found', 'There is no such article.');
  const path = permalinkPath(article.slug, article.publishedAt ?? clock(), timezone);
  const { model, settings } = await articlePageModel(deps.app, article, path);
  const closed = f.code === 'comments_closed';
  const form = closed ? (
    <p class="notice" role="alert" id="respond">
      {f.message}
    </p>
  ) : (
    await commentFormView(deps.tokens, article.id, clock(), settings, {
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
  const res = await renderArticle(deps.site, c, model, settings, 200, { commentForm: form });
  return new Response(res.body, { status: statusFor(f.code), headers: res.headers });
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
        plainPage(c, 413, 'Comment too large', 'The comment form sent more than 64 KB.'),
    }),
    async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!FORM_TYPES.includes(type)) {
        return plainPage(
          c,
          415,
          'Unsupported form',
          'Comments must be sent from the comment form.',
        );
      }
      const body = await c.req.parseBody();
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
      if (!result.ok) {
        const f = result.error;
        if (f.code === 'not_found') return plainPage(c, 404, 'Not found', f.message);
        if (f.code === 'rate_limited') {
          c.header('Retry-After', String(f.retryAfterSeconds ?? 60));
          return plainPage(
            c,
            429,
            'Slow down',
            `${f.message} You can try again in ${f.retryAfterSeconds ?? 60} seconds.`,
          );
        }
        return reshow(deps, c, articleId, fields, f);
      }
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
