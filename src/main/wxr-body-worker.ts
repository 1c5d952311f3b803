/**
 * The WordPress import's body conversion on worker threads: this module is both the pool's
 * opener (on the main thread) and the threads' entry (the same file runs in each worker), so the
 * threads convert with the very renderers the server uses: Markdown and the article allowlist
 * for bodies, the visitors' allowlist for comments.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { openBodyWorkers } from '../adapters/wxr-body-workers.js';
import {
  prepareBody,
  type BodyJob,
  type BodyMarkup,
  type BodyPreparer,
} from '../app/import/wxr-bodies.js';
import { markdownMarkup } from '../render/markdown.js';
import { sanitizeImportedCommentHtml } from '../render/sanitize.js';

const markup: BodyMarkup = {
  article: markdownMarkup.article,
  commentHtml: sanitizeImportedCommentHtml,
};

/** Starts `threads` converting threads (this file as their entry). */
export const openImportBodyWorkers = (threads: number): BodyPreparer =>
  openBodyWorkers({ threads, script: new URL(import.meta.url) });

const port = isMainThread ? null : parentPort;
port?.on('message', (message: { readonly id: number; readonly jobs: readonly BodyJob[] }) => {
  try {
    port.postMessage({ id: message.id, results: message.jobs.map((j) => prepareBody(j, markup)) });
  } catch (e) {
    port.postMessage({
      id: message.id,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
  }
});
