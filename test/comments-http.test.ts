import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEND_NOTIFICATION_TASK } from '../src/app/notifications/queue-notification.js';
import { silentLogger } from '../src/app/ports.js';
import { startCommentServer, type CommentServer } from './support/comments-server.js';

const person = { name: 'Ada Reader', email: 'ada@example.org', url: '' };

describe('the comment form over real HTTP', () => {
  let s: CommentServer;
  beforeAll(async () => {
    s = await startCommentServer();
    await s.settings({
      comments: { holdFirstTimeAuthors: false, perIpLimit: 10_000, perArticleLimit: 10_000 },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  const rowsFor = (articleId: number) =>
    s.rt.deps.repos.discussion.list({ articleId, limit: 10_000 });

  it('shows the form on an open article, with a signed token and a honeypot, and sets no cookie', async () => {
    const { path, article } = await s.article();
    const { res, html, token, action } = await s.form(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(action).toBe(`/comments/${article.id}`);
    expect(token).toMatch(new RegExp(`^${article.id}\\.\\d+\\.[\\w-]{43}$`));
    expect(html).toContain('name="homepage"');
    expect(html).toMatch(/<input type="checkbox" name="remember" value="1"\/>/); // not pre-ticked
  });

  it('has no form on a closed article and says linkbacks are still open', async () => {
    const { path } = await s.article({ comments: false, linkbacks: true });
    const { html, action } = await s.form(path);
    expect(action).toBe('');
    expect(html).not.toContain('comment-form');
    expect(html).toContain('Comments are closed, but trackbacks and pingbacks are open.');
  });

  it('posts, redirects with 303 to the comment, and shows it, without setting a cookie', async () => {
    const { path, article } = await s.article();
    const { token, action } = await s.form(path);
    s.advance(5000);
    const res = await s.post(action, { ...person, token, text: 'Hello **there**' });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toBeNull();
    const [row] = await rowsFor(article.id);
    expect(res.headers.get('location')).toBe(`${path}#comment-${row!.id}`);
    expect(row).toMatchObject({
      authorIp: '127.0.0.1',
      status: 'approved',
      authorEmail: 'ada@example.org',
    });
    const page = await (await fetch(`${s.url}${path}`)).text();
    expect(page).toContain(`id="comment-${row!.id}"`);
    expect(page).toContain('Hello <strong>there</strong>');
  });

  it('re-shows the form with each error beside its field and the reader text kept, escaped', async () => {
    const { path, article } = await s.article();
    const { token, action } = await s.form(path);
    s.advance(5000);
    const text = 'Kept </textarea><script>window.__xss=1</script> & more';
    const res = await s.post(action, {
      name: '',
      email: 'nope',
      url: 'javascript:alert(1)',
      text,
      token,
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Please correct the fields marked below.');
    expect(html).toMatch(
      /aria-invalid="true" aria-describedby="comment-name-error"\/><p class="error" id="comment-name-error">Please give your name.<\/p>/,
    );
    expect(html).toContain('id="comment-email-error">Please enter a valid email address');
    expect(html).toContain('id="comment-url-error">Please enter a web address starting with http');
    expect(html).toContain('value="nope"');
    expect(html).toContain(
      'Kept &lt;/textarea&gt;&lt;script&gt;window.__xss=1&lt;/script&gt; &amp; more</textarea>',
    );
    expect(html).not.toContain('<script>window.__xss');
    expect(await rowsFor(article.id)).toEqual([]);
  });

  it('answers a POST to a closed article with 403 and a clear message, writing nothing', async () => {
    const open = await s.article();
    const { token } = await s.form(open.path);
    const closed = await s.article({ comments: false });
    s.advance(5000);
    const res = await s.post(`/comments/${closed.article.id}`, {
      ...person,
      token,
      text: 'Let me in',
    });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('Comments are closed for this article.');
    expect(html).not.toContain('comment-form');
    expect(await rowsFor(closed.article.id)).toEqual([]);
  });

  it('refuses an unknown article with 404, a body over 64 KB with 413 and JSON with 415', async () => {
    const { path, article } = await s.article();
    const { token, action } = await s.form(path);
    s.advance(5000);
    expect((await s.post('/comments/999999', { ...person, token, text: 'x' })).status).toBe(404);
    const big = await s.post(action, { ...person, token, text: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    const json = await fetch(`${s.url}${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...person, token, text: 'x' }),
    });
    expect(json.status).toBe(415);
    expect(await rowsFor(article.id)).toEqual([]);
  });

  it('sets the remember-me cookie only when ticked, pre-fills from it, and clears it when unticked', async () => {
    const { path } = await s.article();
    const { token, action } = await s.form(path);
    s.advance(5000);
    const res = await s.post(action, {
      ...person,
      url: 'https://ada.example/',
      token,
      text: 'Remember me',
      remember: '1',
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^newsdesk_commenter=[\w-]+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const jar = cookie.split(';')[0]!;
    const again = await s.form(path, { cookie: jar });
    expect(again.res.headers.get('set-cookie')).toBeNull();
    expect(again.html).toContain('value="Ada Reader"');
    expect(again.html).toContain('value="ada@example.org"');
    expect(again.html).toContain('value="https://ada.example/"');
    expect(again.html).toMatch(/name="remember" value="1" checked=""/);
    s.advance(5000);
    const forget = await s.post(
      again.action,
      { ...person, token: again.token, text: 'Forget me' },
      { cookie: jar },
    );
    expect(forget.headers.get('set-cookie')).toMatch(/^newsdesk_commenter=; Max-Age=0;/);
  });

  it('tells the reader a held comment awaits moderation and queues mail the task sends', async () => {
    await s.settings({ comments: { holdAll: true, moderatorEmails: ['desk@news.example'] } });
    try {
      const { path, article } = await s.article();
      const { token, action } = await s.form(path);
      s.advance(5000);
      const res = await s.post(action, { ...person, token, text: 'Hold me' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`${path}?comment=held#respond`);
      const page = await s.form(res.headers.get('location')!);
      expect(page.html).toContain('Your comment is awaiting moderation.');
      expect(page.html).not.toContain('Hold me');
      const [row] = await rowsFor(article.id);
      expect(row?.status).toBe('pending');
      const jobs = await s.rt.jobs.queue.list({ limit: 1000 });
      const job = jobs.find((j) => j.task === SEND_NOTIFICATION_TASK);
      const task = s.rt.tasks[SEND_NOTIFICATION_TASK]!;
      await task(job!.payload, { jobId: job!.id, attempt: 1, logger: silentLogger });
      const [mail] = await s.rt.deps.repos.outbox.list(10);
      expect(mail).toMatchObject({ recipient: 'desk@news.example', status: 'sent' });
    } finally {
      await s.settings({ comments: { holdAll: false, moderatorEmails: [] } });
    }
  });

  it('refuses a duplicate with 409 and a clear message', async () => {
    const { path, article } = await s.article();
    const first = await s.form(path);
    s.advance(5000);
    expect(
      (await s.post(first.action, { ...person, token: first.token, text: 'Twice' })).status,
    ).toBe(303);
    const second = await s.form(path);
    s.advance(5000);
    const res = await s.post(second.action, { ...person, token: second.token, text: 'Twice' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('You have already posted this comment on this article.');
    expect(await rowsFor(article.id)).toHaveLength(1);
  });

  it('threads a reply started from ?replyto= and paginates top-level threads with ?cpage=', async () => {
    await s.settings({ comments: { perPage: 2 } });
    try {
      const { path } = await s.article();
      const ids: number[] = [];
      for (const text of ['one', 'two', 'three']) {
        const f = await s.form(path);
        s.advance(5000);
        const res = await s.post(f.action, { ...person, token: f.token, text });
        ids.push(Number(/#comment-(\d+)$/.exec(res.headers.get('location') ?? '')?.[1]));
      }
      const reply = await s.form(`${path}?replyto=${ids[0]}`);
      expect(reply.html).toContain('Reply to Ada Reader');
      expect(reply.html).toContain(`name="parent" value="${ids[0]}"`);
      s.advance(5000);
      const res = await s.post(reply.action, {
        ...person,
        token: reply.token,
        text: 'a reply',
        parent: String(ids[0]),
      });
      const replyId = /#comment-(\d+)$/.exec(res.headers.get('location') ?? '')?.[1];
      const page1 = await (await fetch(`${s.url}${path}`)).text();
      expect(page1).toMatch(
        new RegExp(
          `id="comment-${ids[0]}"[\\s\\S]*<ol><li class="comment p-comment h-entry" id="comment-${replyId}"`,
        ),
      );
      expect(page1).not.toContain(`id="comment-${ids[2]}"`);
      expect(page1).toContain('href="?cpage=2#comments"');
      const page2 = await (await fetch(`${s.url}${path}?cpage=2`)).text();
      expect(page2).toContain(`id="comment-${ids[2]}"`);
      expect(page2).not.toContain(`id="comment-${ids[0]}"`);
      // A new top-level comment lands on the last page, and the redirect goes there.
      const f = await s.form(path);
      s.advance(5000);
      const fourth = await s.post(f.action, { ...person, token: f.token, text: 'four' });
      expect(fourth.headers.get('location')).toMatch(
        new RegExp(`^${path}\\?cpage=2#comment-\\d+$`),
      );
    } finally {
      await s.settings({ comments: { perPage: 50 } });
    }
  });

  it('rate-limits a burst of 1,000 POSTs from one IP with 429 + Retry-After, losing nothing it accepted', async () => {
    await s.settings({ comments: { perIpLimit: 5, perArticleLimit: 60, rateWindowSeconds: 60 } });
    s.advance(120_000); // earlier tests' hits leave the window
    const { path, article } = await s.article();
    const { token, action } = await s.form(path);
    s.advance(5000);
    const statuses = new Map<number, number>();
    const accepted: string[] = [];
    const refused: string[] = [];
    const texts = Array.from({ length: 1000 }, (_, i) => `burst comment ${i}`);
    let next = 0;
    const worker = async () => {
      while (next < texts.length) {
        const text = texts[next++]!;
        const res = await s.post(action, { ...person, token, text });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 303 || (res.status >= 200 && res.status < 300)) accepted.push(text);
        else {
          expect(res.status).toBe(429);
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
          refused.push(text);
        }
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    expect(statuses.get(429)).toBe(995);
    expect(accepted).toHaveLength(5);
    const rows = await rowsFor(article.id);
    const stored: string[] = rows.map((r) => r.contentHtml);
    expect(rows).toHaveLength(accepted.length);
    for (const text of accepted)
      expect(stored.filter((h) => h.includes(`${text}<`))).toHaveLength(1);
    for (const text of refused.slice(0, 50))
      expect(stored.some((h) => h.includes(`${text}<`))).toBe(false);
    s.advance(61_000);
    const later = await s.form(path);
    s.advance(5000);
    expect(
      (await s.post(later.action, { ...person, token: later.token, text: 'after the window' }))
        .status,
    ).toBe(303);
  });
});
