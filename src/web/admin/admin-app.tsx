/**
 * The admin under /admin/: server-rendered forms, POST then redirect then GET. Every action is an
 * app/ use case, checked against the role matrix (domain/permissions.ts) through ADMIN_ROUTES.
 *
 * Sessions: an HttpOnly, SameSite=Lax cookie scoped to /admin (Secure when the site is https),
 * naming a session kept in the database. CSRF: every POST must come from our own origin (Fetch
 * Metadata or Origin) and carry a token derived from the session cookie, or, before signing in,
 * equal to a random pre-session cookie (double submit).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppDeps } from '../../app/deps.js';
import { authorize } from '../../app/auth/authorize.js';
import { completeSetup } from '../../app/auth/setup.js';
import { termsHandlers, type ScreenKit } from './screens/terms-handlers.js';
import { usersHandlers } from './screens/users-handlers.js';
import { articlesHandlers } from './screens/articles-handlers.js';
import { auditHandlers } from './screens/audit-handlers.js';
import { ledgerHandlers } from './screens/ledger-handlers.js';
import { revisionsHandlers } from './screens/revisions-handlers.js';
import { settingsHandlers } from './screens/settings-handlers.js';
import { tokensHandlers } from './screens/tokens-handlers.js';
import { staffReplyHandlers } from './screens/staff-reply.js';
import { fediverseBlocksHandlers } from './screens/fediverse-blocks.js';
import type { StaffReplySubscriber } from '../../app/fediverse/events.js';
import { csrfTokenFor, newToken, sameToken } from '../../app/auth/session-token.js';
import {
  resumeSession,
  SESSION_IDLE_MS,
  signIn,
  signOut,
  signOutEverywhere,
} from '../../app/auth/sign-in.js';
import { itemExcerpt, listDiscussionItems } from '../../app/moderation/list-items.js';
import { isModerationTarget, moderateItem } from '../../app/moderation/moderate-item.js';
import type { Author } from '../../domain/article.js';
import type { DiscussionKind, ModerationStatus } from '../../domain/discussion-item.js';
import { MODERATION_STATUSES } from '../../domain/discussion-item.js';
import type { Failure } from '../../domain/failures.js';
import type { ClientIp } from '../client-ip.js';
import { isSameOriginPost } from '../comments/same-origin.js';
import { statusFor } from '../errors.js';
import {
  DashboardPage,
  ModerationPage,
  PENDING_SHOWN_UP_TO,
  ProblemPage,
  SetupPage,
  SignInPage,
  type AdminFrame,
} from './admin-views.js';
import { ADMIN_ROUTES, type AdminRoute } from './routes.js';
import { webhookAdminHandlers } from './webhooks-admin.js';
import type { MediaDeps } from '../../app/media/deps.js';
import { ADMIN_CSP } from './admin-csp.js';
import { bodyKind, bodyLimits, tooLargeMessage } from './body-limits.js';
import { editorHandlers } from './screens/editor-handlers.js';

export const ADMIN_PREFIX = '/admin';
export const SESSION_COOKIE = 'nd_session';
export const PRE_SESSION_COOKIE = 'nd_csrf';

export interface AdminDeps {
  readonly app: AppDeps;
  /** The media library's deps: the editor uploads images through addMedia. */
  readonly media: MediaDeps;
  readonly siteTitle: string;
  readonly cssHref: string;
  readonly clientIp: ClientIp;
  /** Given to replyAsStaff: federation's, when it is on (an answer to a fediverse reply goes back). */
  readonly staffReplySubscribers?: readonly StaffReplySubscriber[];
}

type AdminEnv = {
  Variables: {
    user: Author | null;
    sessionToken: string | null;
    csrf: string;
    form: Record<string, string | string[]>;
    /** Files a multipart form sent, by field name (the first of each). */
    files: Record<string, File>;
    /** The body of a JSON post (the editor island's); undefined for a form. */
    json: Record<string, unknown> | undefined;
  };
};
type AdminContext = Context<AdminEnv>;
type Handler = (c: AdminContext) => Promise<Response>;
/** `GET /login`, … : exactly the routes of ADMIN_ROUTES, each needing a handler. */
type RouteKey = AdminRoute extends infer R
  ? R extends { method: infer M extends string; path: infer P extends string }
    ? `${M} ${P}`
    : never
  : never;

/** Only our own admin paths, so a crafted `next` cannot send a signed-in user elsewhere. */
export function safeNext(next: string | undefined): string {
  return next && /^\/admin\/[A-Za-z0-9/_?=&%.-]*$/.test(next) && !next.includes('//')
    ? next
    : '/admin/';
}

const field = (c: AdminContext, name: string): string => {
  const v = c.var.form[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};
const fields = (c: AdminContext, name: string): string[] => {
  const v = c.var.form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

export function adminApp(deps: AdminDeps): Hono<AdminEnv> {
  const { app: d } = deps;
  const secure = d.siteUrl.startsWith('https:');
  // Mounted at the root with full paths: a sub-app mounted at /admin could not answer `/admin/`.
  const admin = new Hono<AdminEnv>();

  const frame = (c: AdminContext): AdminFrame => ({
    siteTitle: deps.siteTitle,
    cssHref: deps.cssHref,
    user: c.var.user,
    csrf: c.var.csrf,
  });
  const page = async (c: AdminContext, view: JSX.Element, status = 200) =>
    c.html(`<!doctype html>${await view.toString()}`, status as 200);
  const problem = (c: AdminContext, f: Failure, title = 'Not allowed') =>
    page(c, <ProblemPage frame={frame(c)} title={title} message={f.message} />, statusFor(f.code));

  const limits = bodyLimits(deps.media.limits.maxBytes);
  const limiters = new Map(
    (Object.keys(limits) as (keyof typeof limits)[]).map((kind) => [
      kind,
      bodyLimit({
        maxSize: limits[kind],
        onError: async (c) => {
          await drainBody(c.req.raw);
          c.header('Connection', 'close');
          if (kind === 'form') {
            return c.text('The form is larger than allowed.', statusFor('payload_too_large'));
          }
          const message = tooLargeMessage(kind, limits[kind]);
          if (/json/i.test(c.req.header('content-type') ?? '') || c.req.header('x-csrf-token')) {
            return c.json({ error: message }, statusFor('payload_too_large'));
          }
          return page(
            c as AdminContext,
            <ProblemPage
              frame={{ siteTitle: deps.siteTitle, cssHref: deps.cssHref, user: null, csrf: '' }}
              title="Too large to save"
              message={message}
            />,
            statusFor('payload_too_large'),
          );
        },
      }),
    ]),
  );
  admin.use(`${ADMIN_PREFIX}/*`, (c, next) => limiters.get(bodyKind(c.req.path))!(c, next));

  admin.use(`${ADMIN_PREFIX}/*`, async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    c.header('Content-Security-Policy', ADMIN_CSP);
  });

  admin.use(`${ADMIN_PREFIX}/*`, async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    const active = await resumeSession(d, token ?? undefined);
    c.set('user', active?.user ?? null);
    c.set('sessionToken', active ? token : null);
    if (active && token) {
      c.set('csrf', csrfTokenFor(token));
    } else {
      let pre = getCookie(c, PRE_SESSION_COOKIE);
      if (!pre || !/^[A-Za-z0-9_-]{43}$/.test(pre)) {
        pre = newToken();
        setCookie(c, PRE_SESSION_COOKIE, pre, {
          httpOnly: true,
          sameSite: 'Lax',
          secure,
          path: '/admin',
        });
      }
      c.set('csrf', pre);
    }
    await next();
  });

  admin.use(`${ADMIN_PREFIX}/*`, async (c, next) => {
    c.set('form', {});
    c.set('files', {});
    c.set('json', undefined);
    if (c.req.method !== 'POST') return next();
    if (!isSameOriginPost(c, d.siteUrl)) {
      return c.text('Cross-site form posts are refused.', statusFor('forbidden'));
    }
    const type = c.req.header('content-type') ?? '';
    // The island's fetch posts JSON to its endpoints, with the token in X-CSRF-Token: another
    // site cannot send that header without a CORS preflight, which we never answer.
    if (/^application\/json\b/i.test(type) && JSON_PATHS.test(c.req.path)) {
      return jsonBody(c as AdminContext, next);
    }
    if (!/^application\/x-www-form-urlencoded\b|^multipart\/form-data\b/i.test(type)) {
      return c.text('Expected a form.', statusFor('unsupported_media_type'));
    }
    let body: Record<string, string | string[]>;
    try {
      const parsed = await c.req.parseBody({ all: true });
      const files: Record<string, File> = {};
      for (const [k, v] of Object.entries(parsed)) {
        const file = (Array.isArray(v) ? v : [v]).find((x) => x instanceof File);
        if (file instanceof File && file.size > 0) files[k] = file;
      }
      c.set('files', files);
      body = Object.fromEntries(
        Object.entries(parsed).map(([k, v]) => [
          k,
          Array.isArray(v)
            ? v.filter((x) => typeof x === 'string')
            : typeof v === 'string'
              ? v
              : '',
        ]),
      );
    } catch {
      return c.text('The form could not be read.', statusFor('invalid_input'));
    }
    c.set('form', body);
    const sent = typeof body._csrf === 'string' ? body._csrf : (c.req.header('x-csrf-token') ?? '');
    if (!sameToken(sent, c.var.csrf)) {
      return c.text(
        'This form has expired or did not come from this site; go back, reload and try again.',
        statusFor('forbidden'),
      );
    }
    return next();
  });

  const guard =
    (route: AdminRoute): MiddlewareHandler<AdminEnv> =>
    async (c, next) => {
      if (route.action === null) return next();
      const user = c.var.user;
      if (!user) {
        if (c.req.method === 'GET') {
          const next = encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''));
          return c.redirect(`/admin/login?next=${next}`, 303);
        }
        return page(
          c,
          <ProblemPage frame={frame(c)} title="Signed out" message="Sign in again to do this." />,
          statusFor('unauthenticated'),
        );
      }
      const allowed = authorize(user, route.action);
      if (!allowed.ok) return problem(c, allowed.error);
      return next();
    };

  const setSession = (c: AdminContext, token: string) => {
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/admin',
      maxAge: Math.floor(SESSION_IDLE_MS / 1000),
    });
    deleteCookie(c, PRE_SESSION_COOKIE, { path: '/admin', secure });
  };

  const titlesOf = async (ids: readonly number[]) => {
    const titles = new Map<number, string>();
    for (const id of new Set(ids)) {
      const a = await d.repos.articles.findById(id);
      if (a) titles.set(id, a.title);
    }
    return titles;
  };

  const kit: ScreenKit<AdminContext> = {
    app: d,
    frame,
    page,
    field,
    has: (c, name) => c.var.form[name] !== undefined,
    user: (c) => c.var.user as Author,
  };
  const settingsKit = { ...kit, fields, ip: (c: AdminContext) => deps.clientIp(c) };
  const screens = {
    ...termsHandlers(kit),
    ...usersHandlers(kit),
    ...auditHandlers(kit),
    ...articlesHandlers({ ...kit, app: d }),
    ...revisionsHandlers({ ...kit, app: d }),
    ...ledgerHandlers({ ...kit, app: d }),
    ...settingsHandlers(settingsKit),
    ...tokensHandlers(settingsKit),
    ...fediverseBlocksHandlers(kit),
  };
  const handlers: Record<RouteKey, Handler> = {
    ...screens,
    ...editorHandlers<AdminContext>({
      app: d,
      media: deps.media,
      frame,
      page,
      field,
      fields,
      file: (c, name) => c.var.files[name],
      json: (c) => c.var.json,
      user: (c) => c.var.user as Author,
    }),
    ...staffReplyHandlers<AdminContext>({
      app: d,
      subscribers: deps.staffReplySubscribers ?? [],
      field,
      user: (c) => c.var.user as Author,
      problem: (c, message, status) =>
        page(c, <ProblemPage frame={frame(c)} title="Not posted" message={message} />, status),
    }),
    'GET /login': async (c) => {
      if (c.var.user) return c.redirect(safeNext(c.req.query('next')), 303);
      return page(c, <SignInPage frame={frame(c)} email="" next={safeNext(c.req.query('next'))} />);
    },
    'POST /login': async (c) => {
      const email = field(c, 'email').slice(0, 320);
      const result = await signIn(d, {
        email,
        password: field(c, 'password'),
        ip: deps.clientIp(c),
        userAgent: c.req.header('user-agent') ?? null,
      });
      if (!result.ok) {
        if (result.error.retryAfterSeconds)
          c.header('Retry-After', String(result.error.retryAfterSeconds));
        return page(
          c,
          <SignInPage
            frame={frame(c)}
            email={email}
            next={safeNext(field(c, 'next'))}
            error={result.error.message}
          />,
          statusFor(result.error.code),
        );
      }
      setSession(c, result.value.token);
      return c.redirect(safeNext(field(c, 'next')), 303);
    },
    'GET /setup': async (c) => {
      const token = (c.req.query('token') ?? '').slice(0, 100);
      if ((await d.repos.users.listByRoles(['owner'])).length > 0) {
        return page(
          c,
          <ProblemPage
            frame={frame(c)}
            title="Already set up"
            message="This site has an owner. Sign in instead."
          />,
          statusFor('conflict'),
        );
      }
      return page(c, <SetupPage frame={frame(c)} token={token} values={{ email: '', name: '' }} />);
    },
    'POST /setup': async (c) => {
      const values = {
        email: field(c, 'email').slice(0, 320),
        name: field(c, 'name').slice(0, 200),
      };
      const password = field(c, 'password');
      const ip = deps.clientIp(c);
      const created = await completeSetup(d, { token: field(c, 'token'), ...values, password, ip });
      if (!created.ok) {
        return page(
          c,
          <SetupPage
            frame={frame(c)}
            token={field(c, 'token')}
            values={values}
            error={created.error.message}
            fields={created.error.fields}
          />,
          statusFor(created.error.code),
        );
      }
      const session = await signIn(d, { email: values.email, password, ip, userAgent: null });
      if (session.ok) setSession(c, session.value.token);
      return c.redirect('/admin/', 303);
    },
    'POST /logout': async (c) => {
      const user = c.var.user;
      const token = c.var.sessionToken;
      if (user && token) await signOut(d, token, user, deps.clientIp(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/admin', secure });
      return c.redirect('/admin/login', 303);
    },
    'POST /logout-everywhere': async (c) => {
      const user = c.var.user;
      if (user) await signOutEverywhere(d, user, deps.clientIp(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/admin', secure });
      return c.redirect('/admin/login', 303);
    },
    'GET /': async (c) => {
      const [pending, scheduled, activity] = await Promise.all([
        listDiscussionItems(d, { status: 'pending', limit: PENDING_SHOWN_UP_TO }),
        d.repos.articles.listAll(50, 'scheduled', 'any'),
        d.repos.articleEvents.recent(20),
      ]);
      const titles = await titlesOf(activity.map((e) => e.articleId));
      return page(
        c,
        <DashboardPage
          frame={frame(c)}
          pending={pending}
          scheduled={scheduled}
          activity={activity}
          titles={titles}
        />,
      );
    },
    'GET /moderation': async (c) => {
      const status = queueStatus(c.req.query('status'));
      const kind = queueKind(c.req.query('kind'));
      const items = await listDiscussionItems(d, {
        status,
        ...(kind === 'all' ? {} : { kind }),
        limit: 200,
      });
      const done = Number(c.req.query('done'));
      return page(
        c,
        <ModerationPage
          frame={frame(c)}
          items={items}
          status={status}
          kind={kind}
          excerpt={(i) => itemExcerpt(i)}
          titles={await titlesOf(items.map((i) => i.articleId))}
          {...(Number.isInteger(done) && done >= 0 && c.req.query('done') !== undefined
            ? { notice: `${done} item${done === 1 ? '' : 's'} updated.` }
            : /^\d{1,12}$/.test(c.req.query('replied') ?? '')
              ? { notice: 'Reply posted.' }
              : {})}
        />,
      );
    },
    'POST /moderation': async (c) => {
      const user = c.var.user as Author;
      const one = /^(\d{1,12}):([a-z]+)$/.exec(field(c, 'one'));
      const plan: { id: number; to: string }[] = one
        ? [{ id: Number(one[1]), to: one[2] ?? '' }]
        : fields(c, 'ids')
            .slice(0, 500)
            .filter((id) => /^\d{1,12}$/.test(id))
            .map((id) => ({ id: Number(id), to: field(c, 'to') }));
      let done = 0;
      for (const step of plan) {
        if (!isModerationTarget(step.to)) {
          return problem(
            c,
            { code: 'invalid_input', message: `Unknown status: ${step.to}` },
            'Bad request',
          );
        }
        const result = await moderateItem(d, {
          itemId: step.id,
          to: step.to,
          actor: `user:${user.id}`,
          actorUser: user,
          ip: deps.clientIp(c),
        });
        if (result.ok && result.value.changed) done++;
      }
      const back = new URLSearchParams({
        status: queueStatus(field(c, 'status')),
        kind: queueKind(field(c, 'kind')),
        done: String(done),
      });
      return c.redirect(`/admin/moderation?${back}`, 303);
    },
    ...webhookAdminHandlers({
      app: d,
      page,
      frame,
      field,
      fields,
      user: (c) => c.var.user as Author,
    }),
  };

  for (const route of ADMIN_ROUTES) {
    const handler = handlers[`${route.method} ${route.path}` as RouteKey];
    const path = `${ADMIN_PREFIX}${route.path}`;
    if (route.method === 'GET') admin.get(path, guard(route), handler);
    else admin.post(path, guard(route), handler);
  }
  admin.get(ADMIN_PREFIX, (c) => c.redirect(`${ADMIN_PREFIX}/`, 301));
  return admin;
}

/** The island's JSON endpoints. */
const JSON_PATHS = /^\/admin\/(?:preview|articles\/[^/]+\/(?:preview|autosave)|media\/upload)$/;

async function jsonBody(c: AdminContext, next: () => Promise<void>): Promise<Response | void> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return c.json({ error: 'The body is not JSON.' }, statusFor('invalid_input'));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return c.json({ error: 'Expected a JSON object.' }, statusFor('invalid_input'));
  }
  if (!sameToken(c.req.header('x-csrf-token') ?? '', c.var.csrf)) {
    return c.json(
      { error: 'This page has expired or did not come from this site; reload it.' },
      statusFor('forbidden'),
    );
  }
  c.set('json', json as Record<string, unknown>);
  return next();
}

function queueStatus(value: string | undefined): ModerationStatus {
  return (MODERATION_STATUSES as readonly string[]).includes(value ?? '')
    ? (value as ModerationStatus)
    : 'pending';
}

function queueKind(value: string | undefined): DiscussionKind | 'all' {
  return value === 'comment' || value === 'linkback' || value === 'fediverse' ? value : 'all';
}

/**
 * Reads (and drops) what is left of a refused body, up to a bound, so the client, which is still
 * sending, gets the 413 instead of a reset connection.
 */
async function drainBody(request: Request, maxBytes = 8 * 1024 * 1024): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  let read = 0;
  try {
    for await (const chunk of request.body) {
      read += (chunk as Uint8Array).byteLength;
      if (read > maxBytes) break;
    }
  } catch {
    // The client gave up first: nothing to answer.
  }
}
