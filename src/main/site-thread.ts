import type { AppDeps } from '../app/deps.js';
import { fediverseThread } from '../app/fediverse/thread.js';
import type { FediverseThread } from '../app/fediverse/thread-port.js';
import { sanitizeVisitorHtml } from '../render/sanitize.js';

/**
 * The discussion side of federation as the product runs it: replies and reactions land in the
 * article's moderated thread, sanitised like a visitor's comment. `serve`, `worker` and every
 * one-shot command pass it to openRuntime, so an article published from any of them federates.
 */
export const siteFediverseThread = (deps: AppDeps): FediverseThread =>
  fediverseThread({ app: deps, sanitize: sanitizeVisitorHtml });
