/** The island's requests: same-origin POSTs carrying the page's CSRF token in a header. */

export interface Endpoint {
  readonly url: string;
  readonly csrf: string;
}

/** A refusal or a network failure, with a sentence a person can read. */
export class RequestFailed extends Error {}

async function reasonOf(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).trim();
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const error = body.error as { message?: unknown } | string | undefined;
    const message =
      body.message ?? (typeof error === 'string' ? error : error?.message) ?? undefined;
    if (typeof message === 'string' && message) return message;
  } catch {
    // Not JSON: a plain-text refusal (body limit, proxy) is shown as it is.
  }
  return text && text.length <= 200 && !text.startsWith('<') ? text : `HTTP ${res.status}`;
}

export async function post(endpoint: Endpoint, body: BodyInit, json: boolean): Promise<unknown> {
  const headers: Record<string, string> = {
    'X-CSRF-Token': endpoint.csrf,
    Accept: 'application/json',
  };
  if (json) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(endpoint.url, {
      method: 'POST',
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new RequestFailed('the server could not be reached');
  }
  if (!res.ok) throw new RequestFailed(await reasonOf(res));
  try {
    return (await res.json()) as unknown;
  } catch {
    throw new RequestFailed('the server sent an answer that is not JSON');
  }
}

export const postJson = (endpoint: Endpoint, value: unknown): Promise<unknown> =>
  post(endpoint, JSON.stringify(value), true);

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
