/**
 * What a browser would send for the form posting to `action` on a page: hidden and text inputs,
 * ticked boxes only, each textarea's text and each select's chosen option, in document order.
 * Enough for the admin's server-rendered forms (no JavaScript, no nested forms).
 */
export type FormFields = [string, string][];

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

const attrs = (tag: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z][\w-]*)(?:="([^"]*)")?/g)) {
    if (m[1]) out[m[1]] = unescape(m[2] ?? '');
  }
  return out;
};

export function formFields(html: string, action: string): FormFields {
  const start = html.indexOf(`action="${action}"`);
  if (start === -1) throw new Error(`no form posting to ${action}`);
  const end = html.indexOf('</form>', start);
  const form = html.slice(start, end);
  const fields: FormFields = [];
  const control =
    /<input\b([^>]*)\/?>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g;
  for (const m of form.matchAll(control)) {
    if (m[1] !== undefined) {
      const a = attrs(m[1]);
      if (!a.name) continue;
      if ((a.type === 'checkbox' || a.type === 'radio') && !('checked' in a)) continue;
      fields.push([a.name, a.value ?? (a.type === 'checkbox' ? 'on' : '')]);
    } else if (m[2] !== undefined) {
      const a = attrs(m[2]);
      if (a.name) fields.push([a.name, unescape(m[3] ?? '')]);
    } else if (m[4] !== undefined) {
      const a = attrs(m[4]);
      const options = [...(m[5] ?? '').matchAll(/<option\b([^>]*)>/g)].map((o) =>
        attrs(o[1] ?? ''),
      );
      const chosen = options.find((o) => 'selected' in o) ?? options[0];
      if (a.name && chosen) fields.push([a.name, chosen.value ?? '']);
    }
  }
  return fields;
}

/** The fields with some replaced (every field of that name takes the one value) or added. */
export function withFields(fields: FormFields, change: Record<string, string>): FormFields {
  const kept = fields.filter(([k]) => !(k in change));
  return [...kept, ...Object.entries(change)];
}

/** The fields as AdminClient.post takes them: each name with its values in order. */
export function asRecord(fields: FormFields): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of fields) (out[k] ??= []).push(v);
  return out;
}
