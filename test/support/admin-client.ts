import { addUser } from '../../src/app/users/add-user.js';
import { trustStoredHtml } from '../../src/domain/trusted-html.js';
import type { AppDeps } from '../../src/app/deps.js';
import type { Author, UserRole } from '../../src/domain/article.js';
import type { DiscussionItem } from '../../src/domain/discussion-item.js';

/** A browser-like client for the admin: a cookie jar, same-origin form posts, the CSRF field. */
export class AdminClient {
  private readonly jar = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly origin: string = base,
  ) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) {
        this.jar.delete(name);
      } else this.jar.set(name, value);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(path: string): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, { redirect: 'manual', headers: this.headers() });
    this.remember(res);
    return res;
  }

  /** The CSRF value of the form on `path` (GET first, as a browser would). */
  async csrfFrom(path: string): Promise<string> {
    const html = await (await this.get(path)).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m?.[1]) throw new Error(`no CSRF field on ${path}`);
    return m[1];
  }

  async post(
    path: string,
    fields: Record<string, string | string[]>,
    opts: { origin?: string | null } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    }
    const origin = opts.origin === undefined ? this.origin : opts.origin;
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: this.headers({
        'content-type': 'application/x-www-form-urlencoded',
        ...(origin === null ? {} : { origin }),
      }),
      body,
    });
    this.remember(res);
    return res;
  }

  /** Any same-origin request with the jar's cookies (JSON and multipart posts). */
  async send(
    path: string,
    init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> },
  ) {
    const res = await fetch(`${this.base}${path}`, {
      redirect: 'manual',
      ...init,
      headers: this.headers({ origin: this.origin, ...init.headers }),
    });
    this.remember(res);
    return res;
  }

  async signIn(email: string, password: string): Promise<Response> {
    const csrf = await this.csrfFrom('/admin/login');
    return this.post('/admin/login', { _csrf: csrf, email, password, next: '/admin/' });
  }
}

export const PASSWORD = 'correct horse battery';

/** A user of the role, with the test password. */
export async function aUser(deps: AppDeps, role: UserRole, name = `A ${role}`): Promise<Author> {
  const r = await addUser(deps, {
    email: `${role}.${Math.random().toString(36).slice(2, 8)}@news.test`,
    name,
    role,
    password: PASSWORD,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A held comment on the article, as the comment form would have stored it. */
export function aHeldComment(
  deps: AppDeps,
  articleId: number,
  text = 'A held comment',
): Promise<DiscussionItem> {
  return deps.repos.discussion.insert(
    {
      articleId,
      kind: 'comment',
      protocol: null,
      type: 'comment',
      status: 'pending',
      parentId: null,
      authorName: 'Reader',
      authorUrl: null,
      authorEmail: 'reader@example.org',
      authorIp: '127.0.0.1',
      authorUserAgent: null,
      sourceUrl: null,
      sourceKey: null,
      targetUrl: null,
      title: null,
      contentHtml: trustStoredHtml(`<p>${text}</p>`),
      contentSource: text,
      verification: 'not-required',
    },
    deps.clock(),
  );
}
