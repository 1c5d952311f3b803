/**
 * Takes the admin tour's screenshots (docs/admin-tour.md) from a throwaway site: a fresh SQLite
 * file with the demo content, an editor's revision, a held comment and a linkback ledger, served
 * on 127.0.0.1 and photographed by headless Chromium. Run: `npx tsx scripts/admin-tour-screenshots.ts`.
 * Needs `chromium` on PATH; nothing leaves the machine (the browser may reach loopback only).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArticle } from '../src/app/articles/create-article.js';
import { updateArticle } from '../src/app/articles/update-article.js';
import { silentLogger } from '../src/app/ports.js';
import { addUser } from '../src/app/users/add-user.js';
import { loadConfig } from '../src/config/config.js';
import { seedDemoContent } from '../src/main/demo-content.js';
import { openRuntime } from '../src/main/runtime.js';
import { startHttpServer } from '../src/main/server.js';
import { aHeldComment } from '../test/support/admin-client.js';
import { findChromium, launchChromium } from '../test/support/browser.js';

const OUT = join(process.cwd(), 'docs', 'images');
const PASSWORD = 'a tour of the newsroom';

async function main(): Promise<void> {
  const chromium = findChromium();
  if (!chromium) throw new Error('no `chromium` on PATH (apt-get install chromium)');
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-tour-'));
  const config = loadConfig({
    NEWSDESK_DATABASE_URL: join(dir, 'tour.sqlite'),
    NEWSDESK_SITE_URL: 'http://news.test',
    NEWSDESK_LOG_LEVEL: 'silent',
    NEWSDESK_TIMEZONE: 'Europe/London',
    NEWSDESK_SITE_TITLE: 'The Riverside Times',
  });
  const rt = await openRuntime(config, silentLogger);
  const server = await startHttpServer(rt, '127.0.0.1', 0);
  const browser = await launchChromium(chromium, { viewport: { width: 1280, height: 860 } });
  try {
    const deps = rt.deps;
    await seedDemoContent(deps);
    const made = await addUser(deps, {
      email: 'eda@news.test',
      name: 'Eda Editor',
      role: 'editor',
      password: PASSWORD,
    });
    if (!made.ok) throw new Error(made.error.message);
    const editor = made.value;
    const [story] = await deps.repos.articles.listAll(1, 'published');
    if (!story) throw new Error('no demo article');
    const edited = await updateArticle(deps, {
      articleId: story.id,
      editorId: editor.id,
      changes: {
        title: `${story.title}, from Friday`,
        bodyMarkdown: story.bodySource.replace('twenty minutes', 'fifteen minutes'),
        sendLinkbacks: true,
      },
    });
    if (!edited.ok) throw new Error(edited.error.message);
    const now = deps.clock();
    const rows = await deps.repos.outboundLinkbacks.queue(
      story.id,
      [
        {
          targetUrl: 'https://transport.example/n14',
          kind: 'link',
          linked: true,
          contentHash: 'h',
        },
        { targetUrl: 'https://blog.example/buses', kind: 'link', linked: true, contentHash: 'h' },
      ],
      now,
    );
    const [sent, failed] = rows;
    if (sent && failed) {
      await deps.repos.outboundLinkbacks.recordEndpoint(
        sent.id,
        sent.round,
        { protocol: 'webmention', endpoint: 'https://transport.example/webmention' },
        now,
      );
      await deps.repos.outboundLinkbacks.recordOutcome(
        sent.id,
        sent.round,
        {
          status: 'sent',
          attempts: 1,
          httpStatus: 202,
          lastError: null,
          nextAttemptAt: null,
          sentAt: now,
        },
        now,
      );
      await deps.repos.outboundLinkbacks.recordOutcome(
        failed.id,
        failed.round,
        {
          status: 'gave_up',
          attempts: 6,
          httpStatus: 503,
          lastError: 'the receiver kept answering 503',
          nextAttemptAt: null,
        },
        now,
      );
    }
    const scheduled = await createArticle(deps, {
      title: 'Bridge closure: what changes for cyclists next month',
      bodyMarkdown: 'The east footbridge closes for repairs from the 4th.',
      authorId: editor.id,
      publish: { kind: 'at', at: new Date(now.getTime() + 3 * 24 * 60 * 60 * 1000) },
    });
    if (!scheduled.ok) throw new Error(scheduled.error.message);
    await aHeldComment(deps, story.id, 'Will the night bus stop at the hospital too?');

    const page = await browser.context.newPage();
    const base = server.url;
    await page.goto(`${base}/admin/login`);
    await page.fill('#email', editor.email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/admin\/$/), page.click('button[type=submit]')]);
    mkdirSync(OUT, { recursive: true });
    const shots: [string, string][] = [
      ['admin-tour-dashboard', '/admin/'],
      ['admin-tour-articles', '/admin/articles'],
      ['admin-tour-editor', `/admin/articles/${story.id}/edit`],
      ['admin-tour-revisions', `/admin/articles/${story.id}/revisions`],
      ['admin-tour-revision-diff', `/admin/articles/${story.id}/revisions/2`],
      ['admin-tour-ledger', `/admin/articles/${story.id}/linkbacks`],
      ['admin-tour-moderation', '/admin/moderation'],
      ['admin-tour-audit', '/admin/audit'],
      ['admin-tour-discussion-settings', '/admin/settings/discussion'],
    ];
    for (const [name, path] of shots) {
      await page.goto(`${base}${path}`);
      await page.screenshot({ path: join(OUT, `${name}.png`) });
      console.log(`docs/images/${name}.png`);
    }
  } finally {
    await browser.close();
    await server.close();
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
