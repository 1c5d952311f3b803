/** The editor's form as a browser would post it, and the island's JSON and multipart posts. */
import type { AdminClient } from './admin-client.js';

/** Every field of an article the editor's form sends, with an override or two. */
export function editorForm(
  csrf: string,
  over: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    _csrf: csrf,
    title: 'A headline',
    slug: '',
    excerpt: '',
    standfirst: '',
    body: 'The body.',
    categories: '',
    tags: '',
    author: '',
    featured: '',
    featured_alt: '',
    publish_at: '',
    unpublish_at: '',
    comments: 'on',
    comments_close_at: '',
    linkbacks: 'on',
    linkbacks_close_at: '',
    trackback_to: '',
    send_linkbacks: '',
    correction_kind: 'correction',
    correction_note: '',
    action: 'save',
    ...over,
  };
}

/** The form as it comes back: field → value, for the inputs, textareas and selects. */
export function formValues(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (!name || /type="file"/.test(m[0]) || name === 'coauthors') continue;
    if (/type="checkbox"/.test(m[0])) out[name] = /\bchecked\b/.test(m[0]) ? value : '';
    else out[name] = unescape(value);
  }
  for (const m of html.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(m[2] ?? '');
    out[m[1] ?? ''] = unescape(
      selected?.[1] ?? /<option value="([^"]*)"/.exec(m[2] ?? '')?.[1] ?? '',
    );
  }
  for (const m of html.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    out[m[1] ?? ''] = unescape(m[2] ?? '');
  }
  return out;
}

/** The value of the editor's hidden revision field. */
export const revisionIn = (html: string) => /name="revision" value="(\d+)"/.exec(html)?.[1] ?? '';

/** The article id an editor redirect names. */
export const editedId = (res: Response) =>
  Number(/\/admin\/articles\/(\d+)\/edit/.exec(res.headers.get('location') ?? '')?.[1]);

export function postJson(
  browser: AdminClient,
  path: string,
  body: unknown,
  csrf: string | null,
): Promise<Response> {
  return browser.send(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(csrf === null ? {} : { 'x-csrf-token': csrf }),
    },
    body: JSON.stringify(body),
  });
}

export function postMultipart(
  browser: AdminClient,
  path: string,
  form: FormData,
  headers: Record<string, string> = {},
): Promise<Response> {
  return browser.send(path, { method: 'POST', body: form, headers });
}

/** The body of the public article page: what the editor's preview must equal. */
export function publicBodyHtml(page: string): string {
  const start = page.indexOf('<div class="e-content">');
  if (start < 0) throw new Error('no article body on the page');
  const from = start + '<div class="e-content">'.length;
  return page.slice(from, page.indexOf('</div>', from));
}
