import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's Chromium on PATH, or null. */
export function findChromium(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

/**
 * The Chromium binary for browser suites. In CI its absence is an error; locally the suite is
 * skipped with a printed reason.
 */
export function chromiumOrSkip(suite: string): string | null {
  const path = findChromium();
  if (!path) {
    if (process.env.CI) throw new Error('Chromium is required in CI: apt-get install chromium.');
    console.warn(
      `[newsdesk] ${suite} skipped: no \`chromium\` on PATH (apt-get install chromium).`,
    );
  }
  return path;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile and no background networking. */
export async function launchChromium(
  executablePath: string,
  options: BrowserContextOptions = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'newsdesk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...options,
  });
  // Only loopback may be reached from a test browser; anything else is aborted.
  await context.route(/^(?!https?:\/\/(127\.\d+\.\d+\.\d+|\[::1\]|localhost)[:/])/, (route) =>
    route.abort(),
  );
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
