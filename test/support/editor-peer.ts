/**
 * A test peer for the editor island: a real HTTP server on 127.0.0.1 that serves an editor page
 * following the admin's contract (the textarea's data attributes, #editor-preview,
 * #editor-status, a plain POST form), the real built island through the islands module, and
 * the three JSON endpoints the island calls: preview (rendered by the real article renderer and
 * sanitiser), autosave and image upload. It records what it was sent, for the tests to check.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { renderArticleMarkdown } from '../../src/render/markdown.js';
import { islandsApp, ISLANDS_PATH, type Islands } from '../../src/web/admin/islands.js';

export const PEER_CSRF = 'peer-csrf-token-0123456789';
/** Uploads larger than this are refused with 413, as a media library with a limit would. */
/** Where a new article's draft lives once its first autosave made it (createsDraft). */
export const DRAFT_PATH = '/editor/drafts/7';

export const PEER_UPLOAD_LIMIT = 64 * 1024;
/** The admin's script policy: scripts from our own origin only, nothing inline. */
export const EDITOR_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export interface OtherEditor {
  readonly name: string;
  readonly at: string;
}

export interface EditorPeer {
  readonly base: string;
  /** The article text the next page load starts with. */
  body: string;
  /** Who else the autosave answer says is editing. */
  othersEditing: OtherEditor[];
  /** Delay before an upload is answered, to see the placeholder. */
  uploadDelayMs: number;
  /** When set, autosave answers with this status and a message. */
  autosaveFailure: number | null;
  /**
   * True: the page is a new article's, and its first autosave answers as the admin's does, with
   * the draft it made (at DRAFT_PATH) for the next autosaves and the submit to go to.
   */
  createsDraft: boolean;
  /** The path of each autosave and submit, in order. */
  readonly autosavePaths: string[];
  readonly submitPaths: string[];
  readonly previews: string[];
  readonly autosaves: Record<string, unknown>[];
  readonly uploads: { name: string; type: string; size: number }[];
  readonly submits: URLSearchParams[];
  close(): Promise<void>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function page(body: string, scriptHref: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Edit article</title></head>
<body><main>
<h1>Edit article</h1>
<form method="post" action="/editor">
<input type="hidden" name="_csrf" value="${PEER_CSRF}">
<p><label for="title">Title</label> <input id="title" name="title" value="Harbour plan"></p>
<p><label><input type="checkbox" name="tags" value="harbour" checked> harbour</label>
<label><input type="checkbox" name="tags" value="council" checked> council</label></p>
<p><label for="body">Text</label></p>
<textarea id="body" name="body" rows="20" cols="80" data-editor="markdown" data-preview-url="/editor/preview" data-autosave-url="/editor/autosave" data-upload-url="/admin/media/upload" data-csrf="${PEER_CSRF}">${escapeHtml(body)}</textarea>
<p id="editor-status" role="status"></p>
<p><button type="submit" name="intent" value="draft" data-editor-save>Save draft</button>
<button type="submit" name="intent" value="publish">Publish</button></p>
</form>
<h2>Preview</h2>
<div id="editor-preview" aria-live="polite"></div>
</main>
${scriptHref ? `<script type="module" src="${scriptHref}"></script>` : ''}
</body></html>`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': EDITOR_CSP });
  res.end(body);
}
const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json', JSON.stringify(value));

export async function startEditorPeer(islands: Islands): Promise<EditorPeer> {
  const assets = getRequestListener(islandsApp(islands).fetch);
  const media = new Map<string, { type: string; bytes: Buffer }>();
  const peer = {
    body: '',
    othersEditing: [] as OtherEditor[],
    uploadDelayMs: 0,
    autosaveFailure: null as number | null,
    createsDraft: false,
    autosavePaths: [] as string[],
    submitPaths: [] as string[],
    previews: [] as string[],
    autosaves: [] as Record<string, unknown>[],
    uploads: [] as { name: string; type: string; size: number }[],
    submits: [] as URLSearchParams[],
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://peer.test');
    if (req.method === 'GET' && url.pathname.startsWith(`${ISLANDS_PATH}/`)) {
      req.url = url.pathname.slice(ISLANDS_PATH.length);
      return assets(req, res);
    }
    if (req.method === 'GET' && url.pathname === '/editor') {
      return send(res, 200, 'text/html; charset=utf-8', page(peer.body, islands.href('editor')));
    }
    if (req.method === 'GET' && media.has(url.pathname)) {
      const file = media.get(url.pathname)!;
      return send(res, 200, file.type, file.bytes);
    }
    if (req.method !== 'POST') return send(res, 404, 'text/plain', 'not found');
    const raw = await readBody(req);
    if (url.pathname === '/editor' || url.pathname === DRAFT_PATH) {
      peer.submitPaths.push(url.pathname);
      peer.submits.push(new URLSearchParams(raw.toString('utf8')));
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        '<!doctype html><title>Saved</title><p>Saved.</p>',
      );
    }
    if (req.headers['x-csrf-token'] !== PEER_CSRF) {
      return json(res, 403, { error: { message: 'This page has expired; reload it.' } });
    }
    if (url.pathname === '/editor/preview') {
      const { body } = JSON.parse(raw.toString('utf8')) as { body: string };
      peer.previews.push(body);
      return json(res, 200, { html: String(renderArticleMarkdown(body)) });
    }
    if (url.pathname === '/editor/autosave' || url.pathname === `${DRAFT_PATH}/autosave`) {
      const fields = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      peer.autosaves.push(fields);
      peer.autosavePaths.push(url.pathname);
      if (peer.autosaveFailure) {
        return json(res, peer.autosaveFailure, { error: { message: 'The database is busy' } });
      }
      const first = peer.createsDraft && url.pathname === '/editor/autosave';
      return json(res, 200, {
        savedAt: new Date().toISOString(),
        othersEditing: peer.othersEditing,
        ...(first
          ? { created: { editUrl: DRAFT_PATH, autosaveUrl: `${DRAFT_PATH}/autosave`, revision: 1 } }
          : {}),
      });
    }
    if (url.pathname === '/admin/media/upload') {
      const form = await new Request('http://peer.test/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: new Uint8Array(raw),
      }).formData();
      const file = form.get('file');
      if (!(file instanceof File)) return json(res, 400, { error: { message: 'No file sent' } });
      await new Promise((r) => setTimeout(r, peer.uploadDelayMs));
      if (file.size > PEER_UPLOAD_LIMIT) {
        return json(res, 413, { error: { message: 'The image is larger than 64 kB' } });
      }
      peer.uploads.push({ name: file.name, type: file.type, size: file.size });
      const id = peer.uploads.length;
      const path = `/media/${id}/${encodeURIComponent(file.name)}`;
      media.set(path, { type: file.type, bytes: Buffer.from(await file.arrayBuffer()) });
      return json(res, 200, { id, url: path, markdown: `![${file.name}](${path})` });
    }
    return send(res, 404, 'text/plain', 'not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, 'text/plain', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(peer, {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
