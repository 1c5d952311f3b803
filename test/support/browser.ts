import { spawnSync } from 'node:child_process';
import {
  chromium,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

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
  /** The file's context, which its tests share (clear its cookies between sign-ins). */
  readonly context: BrowserContext;
  /**
   * A new page in the context. `javaScript: false` turns scripts off for this page alone, with
   * the DevTools call Playwright makes for `javaScriptEnabled: false`, so one browser (launched
   * once per test file) serves the JavaScript-on and -off passes alike.
   */
  newPage(opts?: { readonly javaScript?: boolean }): Promise<Page>;
  /**
   * A context of its own in the same browser, for a test that must not share cookies, cache,
   * kept-alive connections or open pages with the file's other tests. The caller closes it.
   */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Only loopback may be reached from a test browser; anything else is aborted. */
const loopbackOnly = (context: BrowserContext) =>
  context.route(/^(?!https?:\/\/(127\.\d+\.\d+\.\d+|\[::1\]|localhost)[:/])/, (route) =>
    route.abort(),
  );

/**
 * A headless Chromium (a fresh profile that Playwright removes on close) with no background
 * networking, and one context in it. Launch one per test file and open a page per test: a launch
 * costs far more than a page, and a context little more than a page.
 */
export async function launchChromium(
  executablePath: string,
  options: BrowserContextOptions = {},
): Promise<Browser> {
  const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
  const open = async (opts: BrowserContextOptions) => {
    const context = await browser.newContext(opts);
    await loopbackOnly(context);
    return context;
  };
  const context = await open(options);
  return {
    context,
    async newPage(opts = {}) {
      const page = await context.newPage();
      if (opts.javaScript === false) {
        // The session stays attached for the page's life: detaching it would lift the setting.
        const devtools = await context.newCDPSession(page);
        await devtools.send('Emulation.setScriptExecutionDisabled', { value: true });
        // The parser reads <noscript> as markup only when scripting is off: prove that it is.
        await page.setContent('<body><noscript><p>scripts off</p></noscript></body>');
        if ((await page.locator('noscript p').count()) !== 1) {
          throw new Error('JavaScript is still on in a page opened with javaScript: false');
        }
      }
      return page;
    },
    newContext: () => open(options),
    async close() {
      await browser.close();
    },
  };
}
