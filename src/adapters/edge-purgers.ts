/**
 * The edge-cache purgers (app/cache/ports.ts): Varnish with vmod xkey, Fastly's and Cloudflare's
 * purge-by-tag APIs, or none. Every request goes through the guarded fetcher from src/net.
 */
import type { EdgePurger, PurgeFailure } from '../app/cache/ports.js';
import { batches } from '../domain/surrogate-keys.js';
import { err, ok, type Result } from '../domain/result.js';
import type { Fetcher, FetchRequest } from '../net/index.js';

/** Used when no edge is configured: nothing to purge. */
export const noPurger: EdgePurger = { name: 'none', purge: async () => ok(undefined) };

/** A purge call is small; a slow edge is retried by the job rather than waited on. */
const PURGE_TIMEOUT_MS = 10_000;

async function send(
  fetch: Fetcher,
  req: FetchRequest,
  accepted: (status: number, body: string) => boolean,
): Promise<Result<void, PurgeFailure>> {
  const res = await fetch({
    timeoutMs: PURGE_TIMEOUT_MS,
    maxRedirects: 0,
    accept: ['*/*'],
    maxBytes: 64 * 1024,
    ...req,
  });
  if (!res.ok) return err({ message: `${req.url}: ${res.error.code} (${res.error.message})` });
  if (!accepted(res.value.status, res.value.body)) {
    return err({
      message: `${req.url} answered ${res.value.status}: ${res.value.body.slice(0, 200)}`,
    });
  }
  return ok(undefined);
}

/**
 * Varnish with vmod xkey (deploy/varnish/newsdesk.vcl): `PURGE /` with the keys in an
 * `xkey-purge` header (or `xkey-softpurge`, which keeps the objects for grace), sent to every
 * Varnish server; all must answer 200.
 */
export function varnishPurger(opts: {
  readonly urls: readonly string[];
  readonly soft: boolean;
  readonly fetch: Fetcher;
}): EdgePurger {
  const header = opts.soft ? 'xkey-softpurge' : 'xkey-purge';
  return {
    name: 'varnish',
    async purge(keys) {
      for (const batch of batches(keys, 256)) {
        const results = await Promise.all(
          opts.urls.map((url) =>
            send(
              opts.fetch,
              { url, method: 'PURGE', headers: { [header]: batch.join(' ') } },
              (s) => s === 200,
            ),
          ),
        );
        const failed = results.find((r) => !r.ok);
        if (failed) return failed;
      }
      return ok(undefined);
    },
  };
}

/**
 * Fastly: `POST /service/{id}/purge` with up to 256 keys in a `Surrogate-Key` header and the
 * API token in `Fastly-Key` (https://www.fastly.com/documentation/reference/api/purging/).
 */
export function fastlyPurger(opts: {
  readonly apiUrl: string;
  readonly serviceId: string;
  readonly token: string;
  readonly fetch: Fetcher;
}): EdgePurger {
  const url = `${opts.apiUrl}/service/${encodeURIComponent(opts.serviceId)}/purge`;
  return {
    name: 'fastly',
    async purge(keys) {
      for (const batch of batches(keys, 256)) {
        const result = await send(
          opts.fetch,
          {
            url,
            method: 'POST',
            headers: {
              'fastly-key': opts.token,
              'surrogate-key': batch.join(' '),
              accept: 'application/json',
            },
          },
          (s) => s === 200,
        );
        if (!result.ok) return result;
      }
      return ok(undefined);
    },
  };
}

/**
 * Cloudflare: `POST /zones/{zone}/purge_cache` with `{"tags": […]}`, at most 30 tags a call,
 * answered `{"success": true}` (https://developers.cloudflare.com/api/resources/cache/).
 */
export function cloudflarePurger(opts: {
  readonly apiUrl: string;
  readonly zoneId: string;
  readonly token: string;
  readonly fetch: Fetcher;
}): EdgePurger {
  const url = `${opts.apiUrl}/zones/${encodeURIComponent(opts.zoneId)}/purge_cache`;
  const succeeded = (status: number, body: string) => {
    if (status !== 200) return false;
    try {
      return (JSON.parse(body) as { success?: unknown }).success === true;
    } catch {
      return false;
    }
  };
  return {
    name: 'cloudflare',
    async purge(keys) {
      for (const batch of batches(keys, 30)) {
        const result = await send(
          opts.fetch,
          {
            url,
            method: 'POST',
            headers: {
              authorization: `Bearer ${opts.token}`,
              'content-type': 'application/json',
              accept: 'application/json',
            },
            body: JSON.stringify({ tags: batch }),
          },
          succeeded,
        );
        if (!result.ok) return result;
      }
      return ok(undefined);
    },
  };
}
