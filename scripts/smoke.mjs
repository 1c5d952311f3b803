#!/usr/bin/env node
/**
 * A fast end-to-end check that the built code runs on the Node binary executing this script:
 * migrate a fresh SQLite file, serve the demo site, read the front page and an article, post a
 * Webmention, run a CLI command, and shut down cleanly. CI runs it on the oldest Node major we
 * support (22), after the full suite has run on Node 24.
 *
 *   node scripts/smoke.mjs            # uses this Node; needs `npm run build` first
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'newsdesk.js');
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-smoke-'));
const env = {
  ...process.env,
  NEWSDESK_DATABASE_URL: join(dir, 'smoke.sqlite'),
  NEWSDESK_PORT: '0',
  NEWSDESK_SITE_URL: 'http://news.smoke',
  NEWSDESK_LOG_LEVEL: 'warn',
};

function check(condition, message) {
  if (!condition) throw new Error(`smoke: ${message}`);
  console.log(`ok - ${message}`);
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', '--no-workers'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`no "listening" line in 20 s: ${out}`)),
      20_000,
    );
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+) \(Node (v[\d.]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], version: match[2] });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
}

let server;
try {
  server = await startServer();
  check(server.version === process.version, `serve runs on ${process.version}`);
  const home = await fetch(server.url);
  const homeHtml = await home.text();
  check(home.status === 200 && homeHtml.includes('<!doctype html>'), 'front page answers 200');
  const path = /href="(\/\d{4}\/\d{2}\/[a-z0-9-]+\/)"/.exec(homeHtml)?.[1];
  check(Boolean(path), 'front page links to an article');
  const article = await fetch(`${server.url}${path}`);
  check(article.status === 200, `article ${path} answers 200`);
  const webmention = await fetch(`${server.url}/webmention`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      // No worker runs in this process, so nothing is fetched: the smoke test stays offline.
      source: 'https://source.smoke/reply',
      target: `http://news.smoke${path}`,
    }),
  });
  check(webmention.status === 201 || webmention.status === 202, 'a Webmention is accepted');
  const list = spawnSync(process.execPath, [cli, 'article', 'list', '--json'], {
    env,
    encoding: 'utf8',
  });
  check(list.status === 0 && JSON.parse(list.stdout).length > 0, 'the CLI lists the demo articles');
} finally {
  if (server) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    const code = await exited;
    console.log(
      code === 0 ? 'ok - serve shuts down cleanly' : `not ok - serve exited with ${code}`,
    );
    if (code !== 0) process.exitCode = 1;
  }
  rmSync(dir, { recursive: true, force: true });
}
