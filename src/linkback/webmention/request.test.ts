import { describe, expect, it } from 'vitest';
import { validateWebmentionRequest } from './request.js';

const FORM = 'application/x-www-form-urlencoded';
const target = 'https://news.example/2024/05/story';

const code = (form: { source?: string; target?: string }, ...rest: [string?]) => {
  const contentType = rest.length === 0 ? FORM : rest[0];
  const result = validateWebmentionRequest(form, contentType);
  return result.ok ? 'ok' : result.error.code;
};

describe('Webmention request validation (W3C Webmention §3.2.1; cases B29–B40)', () => {
  it('accepts a valid pair and returns parsed URLs (28)', () => {
    const result = validateWebmentionRequest({ source: 'https://a.example/reply', target }, FORM);
    expect(result.ok && [result.value.source.href, result.value.target.href]).toEqual([
      'https://a.example/reply',
      target,
    ]);
  });

  it('accepts a charset parameter on the content type', () => {
    expect(code({ source: 'https://a.example/r', target }, `${FORM}; charset=UTF-8`)).toBe('ok');
  });

  it.each([
    [
      'a source that is not a URL (29)',
      { source: 'jwoijgoisdjlskjegisvjowuehjtkx', target },
      'invalid_source',
    ],
    [
      'a target that is not a URL (30)',
      { source: 'https://a.example/r', target: 'nope' },
      'invalid_target',
    ],
    ['both invalid (31)', { source: 'x', target: 'y' }, 'invalid_source'],
    ['a missing source (32)', { target }, 'invalid_request'],
    ['a missing target (32)', { source: 'https://a.example/r' }, 'invalid_request'],
    ['an empty source (32)', { source: '  ', target }, 'invalid_request'],
    ['source equal to target (33)', { source: target, target }, 'same_source_target'],
    [
      'source equal to target but for a fragment',
      { source: `${target}#x`, target },
      'same_source_target',
    ],
    ['a mailto: source (34)', { source: 'mailto:x@y.example', target }, 'invalid_source'],
    ['a javascript: source (34)', { source: 'javascript:alert(1)', target }, 'invalid_source'],
    ['an ftp: source (34)', { source: 'ftp://a.example/x', target }, 'invalid_source'],
    ['a file: source (34)', { source: 'file:///etc/passwd', target }, 'invalid_source'],
    ['a relative source', { source: '/reply', target }, 'invalid_source'],
    ['a source with user info', { source: 'https://u:p@a.example/', target }, 'invalid_source'],
    [
      'a javascript: target',
      { source: 'https://a.example/r', target: 'javascript:x' },
      'invalid_target',
    ],
  ])('rejects %s', (_name, form, expected) => {
    expect(code(form)).toBe(expected);
  });

  it.each([
    ['JSON', 'application/json'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['no content type', undefined],
  ])('rejects a %s body with invalid_content_type (40)', (_name, contentType) => {
    expect(code({ source: 'https://a.example/r', target }, contentType)).toBe(
      'invalid_content_type',
    );
  });

  it('keeps the target fragment for threading (38)', () => {
    const result = validateWebmentionRequest(
      { source: 'https://a.example/r', target: `${target}#comment-5` },
      FORM,
    );
    expect(result.ok && result.value.target.hash).toBe('#comment-5');
  });
});
