/**
 * The editor island in headless Chromium, on the real built bundle, against a loopback peer
 * that follows the admin editor page's contract (test/support/editor-peer.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildIslands } from '../scripts/build-islands.js';
import { pasteConverter } from '../src/web/admin/islands/editor/clean-paste.js';
import { readIslands } from '../src/web/admin/islands.js';
import { chromiumOrSkip, launchChromium, type Browser } from './support/browser.js';
import {
  DRAFT_PATH,
  PEER_UPLOAD_LIMIT,
  startEditorPeer,
  type EditorPeer,
} from './support/editor-peer.js';
import { steps } from './support/steps.js';

const executablePath = chromiumOrSkip('browser editor tests');
/** Screenshots and the timing figures are kept as test artifacts (ignored by git). */
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'editor');
const FIXTURES = new URL('../src/web/admin/islands/editor/fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
/** A 1×1 PNG. */
const PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

interface FileSpec {
  readonly name: string;
  readonly type: string;
  readonly base64?: string;
  /** Bytes of padding after the base64 content, to make a file too large. */
  readonly pad?: number;
}

/** The form's POST answered (the page reloads at the same URL, so the URL cannot tell). */
const formPosted = async (page: Page) => {
  await page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/editor'));
  await page.waitForSelector('text=Saved.');
};

const textareaValue = (page: Page) =>
  page.$eval('#body', (el) => (el as HTMLTextAreaElement).value);

async function openEditor(page: Page, peer: EditorPeer, body: string): Promise<void> {
  peer.body = body;
  await page.goto(`${peer.base}/editor`);
  await page.waitForSelector('.cm-content');
}

/** Dispatches a paste with the given clipboard, as the browser does for Ctrl+V. */
async function paste(page: Page, data: { html?: string; text?: string; files?: FileSpec[] }) {
  await page.evaluate(
    ({ html, text, files }) => {
      const dt = new DataTransfer();
      if (html) dt.setData('text/html', html);
      if (text) dt.setData('text/plain', text);
      for (const f of files ?? []) {
        const bytes = Uint8Array.from(atob(f.base64 ?? ''), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes, new Uint8Array(f.pad ?? 0)], f.name, { type: f.type }));
      }
      const target = document.querySelector('.editor-cm')?.shadowRoot?.querySelector('.cm-content');
      if (!target) throw new Error('no editor');
      target.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    },
    { html: data.html ?? '', text: data.text ?? '', files: data.files ?? [] },
  );
}

/** Drops files at the end of the editor's last line. */
async function drop(page: Page, files: FileSpec[]) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.base64 ?? ''), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes, new Uint8Array(f.pad ?? 0)], f.name, { type: f.type }));
    }
    const lines =
      document.querySelector('.editor-cm')?.shadowRoot?.querySelectorAll('.cm-line') ?? [];
    const last = lines[lines.length - 1];
    if (!last) throw new Error('no editor line');
    const rect = last.getBoundingClientRect();
    last.dispatchEvent(
      new DragEvent('drop', {
        dataTransfer: dt,
        clientX: rect.right - 1,
        clientY: rect.top + rect.height / 2,
        bubbles: true,
        cancelable: true,
      }),
    );
  }, files);
}

/** 10,000 words in paragraphs of 100, with a heading every ten paragraphs. */
function longArticle(): string {
  const words = ['harbour', 'council', 'ferry', 'vote', 'plan', 'tide', 'quay', 'budget'];
  const paragraphs: string[] = [];
  for (let p = 0; p < 100; p++) {
    const text = Array.from({ length: 100 }, (_, i) => words[(p * 7 + i * 3) % words.length]);
    if (p % 10 === 0) paragraphs.push(`## Part ${p / 10 + 1}`);
    paragraphs.push(`${text.join(' ')}.`);
  }
  return paragraphs.join('\n\n');
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

describe.skipIf(!executablePath)('the editor island in headless Chromium', () => {
  let out: string;
  let peer: EditorPeer;
  let browser: Browser;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'newsdesk-editor-'));
    const built = await buildIslands({ outdir: join(out, 'islands') });
    peer = await startEditorPeer(readIslands(built.outdir));
    browser = await launchChromium(executablePath ?? '');
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await peer?.close();
    rmSync(out, { recursive: true, force: true });
  });
  beforeEach(() => {
    peer.othersEditing = [];
    peer.uploadDelayMs = 0;
    peer.autosaveFailure = null;
    peer.createsDraft = false;
    for (const list of [
      peer.previews,
      peer.autosaves,
      peer.uploads,
      peer.submits,
      peer.autosavePaths,
      peer.submitPaths,
    ]) {
      list.length = 0;
    }
  });

  it('replaces the textarea under the admin CSP, copies every keystroke into it, and submits what was typed', async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await openEditor(page, peer, 'First line.');
    expect(await page.isHidden('#body')).toBe(true);
    expect(await page.getAttribute('.cm-content', 'aria-label')).toBe('Text');
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nSecond ');
    expect(await textareaValue(page)).toBe('First line.\n\nSecond ');
    await page.keyboard.type('line.');
    expect(await textareaValue(page)).toBe('First line.\n\nSecond line.');
    await Promise.all([formPosted(page), page.click('button[value=publish]')]);
    // The browser sends a textarea's line breaks as CRLF, with JavaScript or without.
    expect(peer.submits[0]?.get('body')).toBe('First line.\r\n\r\nSecond line.');
    expect(peer.submits[0]?.get('intent')).toBe('publish');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('with JavaScript off the same form posts the textarea as typed', async () => {
    const page = await browser.newPage({ javaScript: false });
    peer.body = 'First line.';
    await page.goto(`${peer.base}/editor`);
    expect(await page.isVisible('#body')).toBe(true);
    expect(await page.$('.cm-content')).toBeNull();
    await page.fill('#body', 'First line.\n\nSecond line.');
    await Promise.all([formPosted(page), page.click('button[value=publish]')]);
    expect(peer.submits[0]?.get('body')).toBe('First line.\r\n\r\nSecond line.');
    await page.close();
  });

  it('Mod-b, Mod-i and Mod-k write Markdown, and Mod-s submits the form as a draft', async () => {
    const page = await browser.context.newPage();
    await openEditor(page, peer, '');
    await page.click('.cm-content');
    await page.keyboard.type('Hello world');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+b');
    expect(await textareaValue(page)).toBe('Hello **world**');
    await page.keyboard.press('End');
    await page.keyboard.type(' and ');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('more');
    expect(await textareaValue(page)).toBe('Hello **world** and _more_');
    await page.keyboard.press('End');
    await page.keyboard.type(', see ');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('the plan');
    expect(await textareaValue(page)).toBe('Hello **world** and _more_, see [the plan](https://)');
    await page.keyboard.press('Control+z');
    expect(await textareaValue(page)).not.toContain('the plan');
    await Promise.all([formPosted(page), page.keyboard.press('Control+s')]);
    const sent = peer.submits[0];
    expect(sent?.get('intent')).toBe('draft');
    expect(sent?.get('body')).toMatch(/^Hello \*\*world\*\* and _more_, see /);
    expect(sent?.getAll('tags')).toEqual(['harbour', 'council']);
    await page.close();
  });

  it('pasting from Google Docs gives clean Markdown, the same as the converter gives in Node', async () => {
    const page = await browser.context.newPage();
    await openEditor(page, peer, '');
    await page.click('.cm-content');
    const html = fixture('google-docs.html');
    await paste(page, { html, text: 'plain text version' });
    const value = await textareaValue(page);
    expect(value).toBe(pasteConverter()(html));
    expect(value).toContain('## Council approves the new harbour plan');
    expect(value).toContain('The vote was **nine to two**, after a _long_ debate.');
    expect(value).toContain('- A new ferry pier\n    - Open by 2028\n- Wider cycle lanes');
    expect(value).not.toMatch(/<|style|docs-internal|plain text version/);
    await page.close();
  });

  it('pasting from Word gives clean Markdown with its list paragraphs as lists', async () => {
    const page = await browser.context.newPage();
    await openEditor(page, peer, 'Intro.\n\n');
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await paste(page, { html: fixture('word.html'), text: 'plain' });
    const value = await textareaValue(page);
    expect(value).toBe(`Intro.\n\n${pasteConverter()(fixture('word.html'))}`);
    expect(value).toContain(
      '- Income tax unchanged\n    - Thresholds frozen\n- VAT down one point',
    );
    expect(value).toContain('1. First reading\n2. Vote in May');
    expect(value).not.toMatch(/mso|o:p|MsoNormal|file:/);
    await page.close();
  });

  it('pasting plain text inserts it unchanged', async () => {
    const page = await browser.context.newPage();
    await openEditor(page, peer, '');
    await page.click('.cm-content');
    await paste(page, { text: 'Just *text*.' });
    expect(await textareaValue(page)).toBe('Just *text*.');
    await page.close();
  });

  it('a dropped image shows a placeholder, uploads, and its Markdown takes the placeholder’s place', async () => {
    const page = await browser.context.newPage();
    await openEditor(page, peer, 'Text before.');
    peer.uploadDelayMs = 400;
    await drop(page, [{ name: 'pixel.png', type: 'image/png', base64: PIXEL_PNG }]);
    await page.waitForFunction(() =>
      (document.querySelector('#body') as HTMLTextAreaElement).value.includes(
        'Uploading pixel.png',
      ),
    );
    await page.waitForFunction(() =>
      (document.querySelector('#body') as HTMLTextAreaElement).value.includes('(/media/1/'),
    );
    expect(await textareaValue(page)).toBe('Text before.![pixel.png](/media/1/pixel.png)');
    expect(peer.uploads).toEqual([
      { name: 'pixel.png', type: 'image/png', size: Buffer.from(PIXEL_PNG, 'base64').length },
    ]);
    await page.close();
  });

  it('a pasted image file is uploaded the same way', async () => {
    const page = await browser.context.newPage();
    await openEditor(page, peer, '');
    await page.click('.cm-content');
    await paste(page, { files: [{ name: 'shot.png', type: 'image/png', base64: PIXEL_PNG }] });
    await page.waitForFunction(() =>
      (document.querySelector('#body') as HTMLTextAreaElement).value.includes('/media/1/'),
    );
    expect(await textareaValue(page)).toBe('![shot.png](/media/1/shot.png)');
    await page.close();
  });

  it('a refused upload removes its placeholder, keeps the text, and says why', async () => {
    const page = await browser.context.newPage();
    await openEditor(page, peer, 'Keep this text.');
    await drop(page, [
      { name: 'huge.png', type: 'image/png', base64: PIXEL_PNG, pad: PEER_UPLOAD_LIMIT },
      { name: 'notes.pdf', type: 'application/pdf', base64: 'JVBERg==' },
    ]);
    await page.waitForFunction(() =>
      document.querySelector('.editor-alert')?.textContent?.includes('huge.png'),
    );
    expect(await page.textContent('.editor-alert')).toBe(
      'Could not upload huge.png: The image is larger than 64 kB.',
    );
    expect(await page.getAttribute('.editor-alert', 'role')).toBe('alert');
    expect(await textareaValue(page)).toBe('Keep this text.');
    expect(peer.uploads).toEqual([]);
    await page.close();
  });

  it('the preview shows the server-rendered HTML a moment after typing', async () => {
    const page = await browser.context.newPage();
    await openEditor(page, peer, 'Opening paragraph.');
    await page.waitForSelector('#editor-preview p');
    expect(await page.innerHTML('#editor-preview')).toContain('<p>Opening paragraph.</p>');
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\n## A heading\n\nSome _emphasis_ <img src=x onerror=alert(1)>');
    await page.waitForSelector('#editor-preview h2');
    const html = await page.innerHTML('#editor-preview');
    expect(html).toContain('A heading</h2>');
    expect(html).toContain('<em>emphasis</em>');
    expect(html).not.toContain('onerror');
    // Debounced: one request for the burst of typing, not one per key.
    expect(peer.previews.length).toBeLessThan(5);
    await page.screenshot({ path: join(ARTIFACTS, 'editor.png'), fullPage: true });
    await page.close();
  });

  it('autosaves the form’s fields with a revision, shows when, and names others editing', async () => {
    const page = await browser.context.newPage();
    peer.othersEditing = [{ name: 'Alex Editor', at: new Date().toISOString() }];
    await openEditor(page, peer, 'Draft text.');
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' More.');
    await page.fill('#title', 'Harbour plan, updated');
    await page.waitForFunction(
      () => document.querySelector('#editor-status')?.getAttribute('data-state') === 'saved',
      undefined,
      { timeout: 10_000 },
    );
    expect(peer.autosaves).toHaveLength(1);
    expect(peer.autosaves[0]).toMatchObject({
      body: 'Draft text. More.',
      title: 'Harbour plan, updated',
      tags: ['harbour', 'council'],
      revision: 1,
    });
    expect(peer.autosaves[0]).not.toHaveProperty('intent');
    const status = await page.textContent('#editor-status');
    expect(status).toMatch(/^Draft saved at \d\d:\d\d( [AP]M)?\./); // the reader's locale
    expect(status).toContain('Also editing this article: Alex Editor');
    await page.close();
  });

  // Likely cause of the stall: page.close() (no timeout) right after the publish response, while
  // that navigation commits; Chromium can drop a Target.closeTarget that races a commit, and
  // page.close() then never returns (playwright#42068, crbug 536385539). Here the context is
  // closed instead, inside a bounded step.
  // A context of its own: no cookies, cache, kept-alive connections or pages from the file's
  // other tests. Every step has its own bound and name (their sum stays under the test's limit),
  // so a stall fails naming the step and the steps before it, and each failed try prints that.
  // Retried (kept as a stopgap): it stalled past its limit in two of three full-suite runs, and
  // under CPU load here (see the commit) the stall did not reproduce, so the fix is not proven.
  // A real fault fails all three tries.
  it(
    'a new article’s first autosave moves the next autosaves, the submit and the address to the draft it made',
    { timeout: 120_000, retry: 2 },
    async ({ onTestFailed }) => {
      const step = steps();
      onTestFailed(({ task }) => {
        // Printed for each failed try: a try that a retry follows is not in the report.
        const error = task.result?.errors?.at(-1)?.message ?? 'no error recorded';
        console.warn(
          `[newsdesk] first-autosave try failed: ${error}; steps: ${step.done().join(', ')}`,
        );
      });
      const context = await step.run('open a context', 10_000, () => browser.newContext());
      try {
        const page = await step.run('open a page', 10_000, () => context.newPage());
        peer.createsDraft = true;
        await step.run('load the editor', 20_000, () => openEditor(page, peer, 'New text.'));
        await step.run('type the first words', 10_000, async () => {
          await page.click('.cm-content', { timeout: 10_000 });
          await page.keyboard.press('Control+End');
          await page.keyboard.type(' First.');
        });
        await step.run('the first autosave answers', 12_000, () =>
          page.waitForFunction(
            () => document.querySelector('#editor-status')?.getAttribute('data-state') === 'saved',
            undefined,
            { timeout: 10_000 },
          ),
        );
        expect(peer.autosavePaths).toEqual(['/editor/autosave']);
        // The address moves with history.replaceState; Playwright learns of it by an event that
        // may come after the status it just read, so wait for it rather than read page.url().
        await step.run('the address moves to the draft', 5_000, () =>
          page.waitForURL((url) => url.pathname === DRAFT_PATH, { timeout: 5_000 }),
        );
        const action = await step.run('read the form action', 5_000, () =>
          page.evaluate(() => new URL(document.forms[0]!.action).pathname),
        );
        expect(action).toBe(DRAFT_PATH);
        await step.run('type more', 5_000, () => page.keyboard.type(' Second.'));
        await step.run('the next autosave arrives', 12_000, () =>
          expect.poll(() => peer.autosavePaths.length, { timeout: 10_000 }).toBe(2),
        );
        expect(peer.autosavePaths).toEqual(['/editor/autosave', `${DRAFT_PATH}/autosave`]);
        expect(peer.autosaves[1]).toMatchObject({ body: 'New text. First. Second.' });
        await step.run('publish', 17_000, () =>
          Promise.all([
            page.waitForResponse(
              (r) => r.request().method() === 'POST' && r.url().endsWith(DRAFT_PATH),
              { timeout: 15_000 },
            ),
            page.click('button[value=publish]', { timeout: 15_000 }),
          ]),
        );
        expect(peer.submitPaths).toEqual([DRAFT_PATH]);
      } finally {
        await step.run('close the context', 10_000, () => context.close());
      }
    },
  );

  it('a failed autosave says so and keeps the text', async () => {
    const page = await browser.context.newPage();
    peer.autosaveFailure = 503;
    await openEditor(page, peer, 'Draft text.');
    await page.click('.cm-content');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Kept ');
    await page.waitForFunction(
      () => document.querySelector('#editor-status')?.getAttribute('data-state') === 'failed',
      undefined,
      { timeout: 10_000 },
    );
    expect(await page.textContent('#editor-status')).toBe(
      'Autosave failed: The database is busy. Your text is still here; save the form to keep it.',
    );
    expect(await textareaValue(page)).toBe('Kept Draft text.');
    await page.close();
  });

  it('types into a 10,000-word article with no perceptible lag (per-keystroke latency)', async () => {
    const page = await browser.context.newPage();
    const article = longArticle();
    expect(article.split(/\s+/).filter((w) => /^[a-z]+\.?$/.test(w))).toHaveLength(10_000);
    await openEditor(page, peer, article);
    // The first preview of the whole article is laid out once, on load; typing is timed after.
    await page.waitForSelector('#editor-preview h2');
    // From the keydown's own timestamp to the task after the next frame: the key handled,
    // the document and the textarea updated, and the frame that shows it produced.
    await page.evaluate(() => {
      const w = window as unknown as { latencies: number[] };
      w.latencies = [];
      document.addEventListener(
        'keydown',
        (event) => {
          const start = event.timeStamp;
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => w.latencies.push(performance.now() - start);
            channel.port2.postMessage(null);
          });
        },
        true,
      );
    });
    const atEnd = 'The end of the story, typed at a steady pace by a reporter on deadline.'
      .repeat(2)
      .slice(0, 100);
    const inMiddle = ' A sentence added in the middle of the article while it is very long.'
      .repeat(2)
      .slice(0, 100);
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(atEnd, { delay: 15 });
    await page.evaluate(() => {
      const scroller = document
        .querySelector('.editor-cm')
        ?.shadowRoot?.querySelector('.cm-scroller');
      if (scroller) scroller.scrollTop = scroller.scrollHeight / 2;
    });
    const box = await page.locator('.cm-scroller').boundingBox();
    if (!box) throw new Error('no editor box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.type(inMiddle, { delay: 15 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));

    const value = await textareaValue(page);
    expect(value.endsWith(atEnd)).toBe(true);
    const middle = value.indexOf(inMiddle) / value.length;
    expect(middle).toBeGreaterThan(0.3);
    expect(middle).toBeLessThan(0.7);

    const latencies = await page.evaluate(
      () => (window as unknown as { latencies: number[] }).latencies,
    );
    expect(latencies.length).toBeGreaterThanOrEqual(200);
    const sorted = [...latencies].sort((a, b) => a - b);
    const figures = {
      keystrokes: sorted.length,
      words: 10_000,
      p50: Number(percentile(sorted, 50).toFixed(1)),
      p95: Number(percentile(sorted, 95).toFixed(1)),
      max: Number((sorted[sorted.length - 1] ?? NaN).toFixed(1)),
    };
    console.info(
      `[newsdesk] editor keystroke latency over ${figures.keystrokes} keys in a 10,000-word article: p50 ${figures.p50} ms, p95 ${figures.p95} ms, max ${figures.max} ms`,
    );
    writeFileSync(join(ARTIFACTS, 'typing-latency.json'), `${JSON.stringify(figures, null, 2)}\n`);
    await page.screenshot({ path: join(ARTIFACTS, 'editor-long-article.png') });
    // A frame is 16.7 ms and 100 ms is where people notice a delay (RAIL). On this 2-core
    // machine p95 measures 11–36 ms; the ceiling leaves room for a loaded CI run.
    expect(figures.p95).toBeLessThan(100);
    await page.close();
  });
});
