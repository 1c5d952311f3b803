/**
 * The live preview: the server renders the Markdown with the public page's renderer and
 * sanitiser, so its HTML is inserted as it comes. A slow answer never overwrites a newer one.
 */
import { debounce } from './debounce.js';
import { messageOf, postJson, type Endpoint } from './http.js';

export interface LivePreview {
  schedule(): void;
  now(): void;
}

export function livePreview(opts: {
  readonly endpoint: Endpoint;
  readonly target: HTMLElement;
  readonly body: () => string;
  readonly delayMs: number;
  readonly report: (message: string) => void;
}): LivePreview {
  let sent = 0;
  let shown = 0;
  const render = async () => {
    const seq = ++sent;
    opts.target.setAttribute('aria-busy', 'true');
    try {
      const answer = (await postJson(opts.endpoint, { body: opts.body() })) as { html?: unknown };
      if (typeof answer.html !== 'string') throw new Error('the preview answer has no html');
      if (seq < shown) return;
      shown = seq;
      opts.target.innerHTML = answer.html;
    } catch (error) {
      if (seq < shown) return;
      shown = seq;
      opts.report(`The preview could not be updated: ${messageOf(error)}.`);
    } finally {
      if (seq === sent) opts.target.removeAttribute('aria-busy');
    }
  };
  const timer = debounce(opts.delayMs, () => void render());
  return { schedule: timer.schedule, now: () => void render() };
}
