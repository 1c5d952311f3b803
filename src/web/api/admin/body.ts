/**
 * Reading a request body for the admin API: the declared content type first (415), then the size
 * while reading (413, via hono/body-limit, which trusts Content-Length only without
 * Transfer-Encoding), then the syntax (400). Nothing is handed to a route before all three hold.
 */
import type { Context } from 'hono';
import { failure, type Failure } from '../../../domain/failures.js';
import { err, ok, type Result } from '../../../domain/result.js';
import type { BodySpec, UploadedFile } from './route-table.js';
import type { ZodType } from 'zod';

/** JSON bodies: an article's Markdown may be 2 MB, and JSON escaping can double it. */
export const DEFAULT_JSON_MAX_BYTES = 5 * 1024 * 1024;

export interface ReadBody {
  readonly body: unknown;
  readonly files: ReadonlyMap<string, UploadedFile>;
}

const NONE: ReadBody = { body: undefined, files: new Map() };

const mediaType = (c: Context) =>
  (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** True when the request says it has a body (RFC 9112 §6.3: a length or a transfer coding). */
function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return (
    c.req.header('transfer-encoding') !== undefined || (length !== undefined && length !== '0')
  );
}

export async function readBody(
  c: Context,
  spec: BodySpec<ZodType> | undefined,
): Promise<Result<ReadBody, Failure>> {
  if (!spec) {
    if (!hasBody(c)) return ok(NONE);
    const text = await c.req.text();
    return text.trim() === ''
      ? ok(NONE)
      : err(failure('invalid_input', 'this route takes no request body'));
  }
  const type = mediaType(c);
  if (spec.kind === 'json') {
    if (type !== 'application/json') {
      return err(
        failure(
          'unsupported_media_type',
          `send the body as application/json (got ${type.slice(0, 60) || 'no Content-Type'})`,
        ),
      );
    }
    const charset = /;\s*charset="?([^";\s]+)/i.exec(c.req.header('content-type') ?? '')?.[1];
    if (charset && charset.toLowerCase() !== 'utf-8') {
      return err(failure('unsupported_media_type', 'JSON bodies are UTF-8 (RFC 8259 §8.1)'));
    }
    const text = await c.req.text();
    if (text.trim() === '') return err(failure('invalid_input', 'body: a JSON object is required'));
    try {
      return ok({ body: JSON.parse(text) as unknown, files: new Map() });
    } catch (error) {
      const why = error instanceof Error ? error.message.slice(0, 120) : 'not JSON';
      return err(failure('invalid_input', `body: not valid JSON (${why})`));
    }
  }
  if (type !== 'multipart/form-data') {
    return err(
      failure(
        'unsupported_media_type',
        `send the body as multipart/form-data (got ${type.slice(0, 60) || 'no Content-Type'})`,
      ),
    );
  }
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch {
    return err(failure('invalid_input', 'body: the multipart form cannot be read'));
  }
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedFile>();
  for (const [name, value] of form) {
    if (name in fields || files.has(name)) {
      return err(failure('invalid_input', `body.${name.slice(0, 40)}: given more than once`));
    }
    if (typeof value === 'string') {
      if (spec.files.includes(name)) {
        return err(failure('invalid_input', `body.${name.slice(0, 40)}: must be a file`));
      }
      fields[name] = value;
    } else {
      if (!spec.files.includes(name)) {
        return err(failure('invalid_input', `body.${name.slice(0, 40)}: no file expected here`));
      }
      files.set(name, {
        name: value.name,
        type: value.type,
        bytes: new Uint8Array(await value.arrayBuffer()),
      });
    }
  }
  const missing = spec.files.find((name) => !files.has(name));
  if (missing) return err(failure('invalid_input', `body.${missing}: a file is required`));
  return ok({ body: fields, files });
}

/**
 * Reads (and drops) what is left of a refused body, up to a bound, so the client, which is still
 * sending, gets the 413 instead of a reset connection.
 */
export async function drainBody(request: Request, maxBytes = 8 * 1024 * 1024): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  let read = 0;
  try {
    for await (const chunk of request.body) {
      read += (chunk as Uint8Array).byteLength;
      if (read > maxBytes) break;
    }
  } catch {
    // The client gave up first: nothing to answer.
  }
}
