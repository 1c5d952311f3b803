import { raw } from 'hono/html';
import { markupOnly } from './child-html.js';
import { escapeHtml } from './escape.js';

export interface ErrorPageProps {
  readonly status: number;
  readonly heading: string;
  readonly message: string;
}

export function errorPageHtml({ status, heading, message }: ErrorPageProps): string {
  return `<section class="error-page"><p class="kicker">Error ${status}</p><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Go to the front page</a></p></section>`;
}

/** The same, as a hono/jsx component (web/error-page.tsx); markup only. */
export const ErrorPage = markupOnly((props: ErrorPageProps) => raw(errorPageHtml(props)));
