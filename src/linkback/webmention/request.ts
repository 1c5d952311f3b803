/**
 * Webmention receiver, synchronous checks of W3C Webmention §3.2.1.
 * Whether the target is one of our articles with linkbacks open is the caller's question.
 *
 * Decisions: only `application/x-www-form-urlencoded` is accepted (the spec's request format;
 * multipart and JSON get `invalid_content_type`, case B40); URLs with user info are refused
 * (they are never public pages and `user@host` tricks confuse people); source and target are
 * "the same" when equal after dropping the fragment — a page cannot mention itself.
 */
import { err, ok, type Result } from '../../domain/result.js';
import { mediaType } from '../media-type.js';
import { parseSourceUrl, withoutFragment } from '../url.js';

export type WebmentionRequestErrorCode =
  | 'invalid_content_type'
  | 'invalid_request'
  | 'invalid_source'
  | 'invalid_target'
  | 'same_source_target';

export interface WebmentionRequestError {
  readonly code: WebmentionRequestErrorCode;
  readonly message: string;
}

export interface WebmentionRequest {
  readonly source: URL;
  readonly target: URL;
}

const FORM_TYPE = 'application/x-www-form-urlencoded';

const fail = (
  code: WebmentionRequestErrorCode,
  message: string,
): { ok: false; error: WebmentionRequestError } => err({ code, message });

export function validateWebmentionRequest(
  form: { readonly source?: string; readonly target?: string },
  contentType: string | undefined,
): Result<WebmentionRequest, WebmentionRequestError> {
  if (mediaType(contentType) !== FORM_TYPE) {
    return fail('invalid_content_type', `Content-Type must be ${FORM_TYPE}`);
  }
  if (form.source === undefined || form.source.trim() === '') {
    return fail('invalid_request', 'the source parameter is required');
  }
  if (form.target === undefined || form.target.trim() === '') {
    return fail('invalid_request', 'the target parameter is required');
  }
  const source = parseSourceUrl(form.source);
  if (source === null) return fail('invalid_source', 'source must be an absolute http(s) URL');
  const target = parseSourceUrl(form.target);
  if (target === null) return fail('invalid_target', 'target must be an absolute http(s) URL');
  if (withoutFragment(source) === withoutFragment(target)) {
    return fail('same_source_target', 'source and target must be different');
  }
  return ok({ source, target });
}
