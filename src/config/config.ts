import { z } from 'zod';

/** The validated, frozen configuration. Only this folder reads `process.env`. */
export interface Config {
  readonly database: DatabaseTarget;
  readonly host: string;
  readonly port: number;
  readonly siteUrl: string;
  readonly siteTitle: string;
  readonly timezone: string;
  readonly fetchAllowLoopback: boolean;
  // The outbound fetcher's limits; undefined leaves the fetcher's own default (net/fetch-defaults.ts).
  /** Destination ports the outbound fetcher may connect to. */
  readonly fetchAllowedPorts: readonly number[] | undefined;
  /** Outbound requests per rolling minute, all destinations together. */
  readonly fetchGlobalPerMinute: number | undefined;
  /** Outbound requests per rolling minute to one host name, and to one IP address. */
  readonly fetchHostPerMinute: number | undefined;
  /** Outbound requests in flight to one host name at once. */
  readonly fetchHostConcurrency: number | undefined;
  /** Bytes of a fetched body read (after decoding); the rest is left unread. */
  readonly fetchMaxBytes: number | undefined;
  /** Requests a minute one client address may make to each linkback endpoint (then 429). */
  readonly linkbackIpPerMinute: number;
  /** Requests a minute one admin API caller (token, session, or address) may make (then 429). */
  readonly apiRequestsPerMinute: number;
  readonly smtpUrl: string | null;
  /** Akismet API key; when set, comments are also checked by an Akismet-compatible service. */
  readonly akismetKey: string | null;
  /** The comment-check URL of that service (default Akismet's own). */
  readonly akismetUrl: string | null;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly inProcessWorkers: boolean;
  readonly demoContent: boolean;
  /** graphile-worker's schema under PostgreSQL (several sites may share one database). */
  readonly jobsSchema: string;
  /** How long a SQLite write waits for another process's lock before answering 503, in ms. */
  readonly dbLockWaitMs: number;
  /** Delays between genuine linkback verification attempts (their count + 1 attempts). */
  readonly linkbackRetryDelaysMs: readonly number[] | undefined;
  /** How often an established linkback's source is read again; 0 never. */
  readonly linkbackRecheckMs: number | undefined;
  /** A source answering 404 on every check for this long hides its linkback. */
  readonly linkbackHideMissingMs: number | undefined;
  /** The folder media files are kept in (local-disk media storage). */
  readonly mediaDir: string;
  /** Lifetimes sent to shared caches and browsers, in seconds (web/edge-cache.ts). */
  readonly edge: EdgeConfig;
  /** Which edge cache is purged by surrogate key when content changes. */
  readonly purge: PurgeConfig;
  /** Who may read /metrics: these addresses or CIDRs, or anyone sending the bearer token. */
  readonly metricsAllow: readonly string[];
  readonly metricsToken: string | null;
  /** How long `serve` and `worker` wait for in-flight requests and jobs on SIGTERM, in ms. */
  readonly shutdownTimeoutMs: number;
  /** Bytes of rendered pages kept for the fast path; 0 keeps none (every request renders). */
  readonly pageCacheBytes: number;
  /** `weblogUpdates.extendedPing` services told when an article is published (none: off). */
  readonly pingServices: readonly string[];
  /** WebSub hubs told `hub.mode=publish` when an article is published (none: off). */
  readonly websubHubs: readonly string[];
}

export interface EdgeConfig {
  readonly edgeMaxAge: number;
  readonly formMaxAge: number;
  readonly browserMaxAge: number;
  readonly staleIfError: number;
}

export type PurgeConfig =
  | { readonly kind: 'none' }
  | { readonly kind: 'varnish'; readonly urls: readonly string[]; readonly soft: boolean }
  | {
      readonly kind: 'fastly';
      readonly apiUrl: string;
      readonly serviceId: string;
      readonly token: string;
    }
  | {
      readonly kind: 'cloudflare';
      readonly apiUrl: string;
      readonly zoneId: string;
      readonly token: string;
    };

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expectation: string,
  ) {
    super(`${variable}: ${expectation}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_SQLITE_FILE = './data/newsdesk.sqlite';

export function parseDatabaseUrl(raw: string | undefined): DatabaseTarget {
  const value = raw?.trim();
  if (!value) return { kind: 'sqlite', file: DEFAULT_SQLITE_FILE };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('NEWSDESK_DATABASE_URL', 'expected a valid postgres:// URL');
    }
    return { kind: 'postgres', url: value };
  }
  if (value.startsWith('sqlite:')) {
    const file = value.replace(/^sqlite:(\/\/)?/, '');
    if (!file) throw new ConfigError('NEWSDESK_DATABASE_URL', 'expected a file after sqlite:');
    return { kind: 'sqlite', file };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new ConfigError(
      'NEWSDESK_DATABASE_URL',
      'expected a SQLite file path, a sqlite: URL or a postgres:// URL',
    );
  }
  return { kind: 'sqlite', file: value };
}

const flag = (name: string) =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
    .optional()
    .transform((v) => v === '1' || v === 'true' || v === 'yes')
    .describe(name);

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/** `80,443,8080`: a comma-separated list of TCP ports, each from 1 to 65535. */
/** `60,600,3600`: a comma-separated list of whole seconds, up to 20 of them. */
const secondsList = z
  .string()
  .regex(/^\s*\d{1,7}\s*(,\s*\d{1,7}\s*){0,19}$/)
  .transform((list) => list.split(',').map((v) => Number(v) * 1000));

/** `https://a.example/rpc, https://b.example/`: up to 20 absolute http(s) URLs. */
const urlList = z
  .string()
  .transform((list) =>
    list
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/ })).max(20))
  .transform((urls) => [...new Set(urls)]);

const days = (min: number, max: number) => z.coerce.number().min(min).max(max).optional();
const DAY_MS = 24 * 60 * 60 * 1000;

const portList = z
  .string()
  .regex(/^\s*\d{1,5}\s*(,\s*\d{1,5}\s*)*$/)
  .transform((list) => [...new Set(list.split(',').map(Number))])
  .refine((ports) => ports.every((p) => p >= 1 && p <= 65_535));

const seconds = (max: number, fallback: number) =>
  z.coerce.number().int().min(0).max(max).default(fallback);

const httpUrl = z.url({ protocol: /^https?$/ });

/** `http://127.0.0.1:6081/,http://10.0.0.7:6081/`: one or more http(s) URLs. */
const serverUrlList = z
  .string()
  .transform((list) => list.split(',').map((u) => u.trim()))
  .refine((urls) => urls.length <= 16 && urls.every((u) => httpUrl.safeParse(u).success));

/** `127.0.0.1,::1,10.0.0.0/8`: addresses or CIDRs (checked by the address classifier later). */
const addressList = z
  .string()
  .regex(/^\s*[0-9A-Fa-f.:/]{2,49}\s*(,\s*[0-9A-Fa-f.:/]{2,49}\s*){0,63}$/)
  .transform((list) => list.split(',').map((a) => a.trim()));

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  NEWSDESK_HOST: z.string().min(1).default('127.0.0.1'),
  NEWSDESK_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  NEWSDESK_SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  NEWSDESK_SITE_TITLE: z.string().min(1).max(200).default('Newsdesk'),
  NEWSDESK_TIMEZONE: z.string().refine(isTimeZone).default('UTC'),
  NEWSDESK_FETCH_ALLOW_LOOPBACK: flag('NEWSDESK_FETCH_ALLOW_LOOPBACK'),
  NEWSDESK_FETCH_ALLOWED_PORTS: portList.optional(),
  NEWSDESK_FETCH_GLOBAL_PER_MINUTE: count(1, 1_000_000),
  NEWSDESK_FETCH_HOST_PER_MINUTE: count(1, 1_000_000),
  NEWSDESK_FETCH_HOST_CONCURRENCY: count(1, 1_000),
  NEWSDESK_FETCH_MAX_BYTES: count(16 * 1024, 64 * 1024 * 1024),
  NEWSDESK_LINKBACK_IP_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  NEWSDESK_API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  NEWSDESK_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  NEWSDESK_AKISMET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{8,64}$/)
    .optional(),
  NEWSDESK_AKISMET_URL: z.url({ protocol: /^https?$/ }).optional(),
  NEWSDESK_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  NEWSDESK_WORKERS: z.enum(['in-process', 'none']).default('in-process'),
  NEWSDESK_DEMO_CONTENT: z.enum(['0', '1']).default('1'),
  NEWSDESK_PG_JOBS_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('graphile_worker'),
  NEWSDESK_DB_LOCK_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  NEWSDESK_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(16),
  NEWSDESK_LINKBACK_RETRY_DELAYS: secondsList.optional(),
  NEWSDESK_LINKBACK_RECHECK_DAYS: days(0, 3650),
  NEWSDESK_LINKBACK_HIDE_MISSING_DAYS: days(0, 3650),
  NEWSDESK_MEDIA_DIR: z.string().trim().min(1).max(4096).optional(),
  NEWSDESK_EDGE_MAX_AGE: seconds(31_536_000, 86_400),
  NEWSDESK_EDGE_FORM_MAX_AGE: seconds(3_600, 60),
  NEWSDESK_BROWSER_MAX_AGE: seconds(86_400, 60),
  NEWSDESK_STALE_IF_ERROR: seconds(2_592_000, 86_400),
  NEWSDESK_PURGE: z.enum(['none', 'varnish', 'fastly', 'cloudflare']).default('none'),
  NEWSDESK_VARNISH_URLS: serverUrlList.optional(),
  NEWSDESK_VARNISH_SOFT_PURGE: flag('NEWSDESK_VARNISH_SOFT_PURGE'),
  NEWSDESK_FASTLY_API_URL: httpUrl.default('https://api.fastly.com'),
  NEWSDESK_FASTLY_SERVICE_ID: z
    .string()
    .regex(/^[A-Za-z0-9]{1,64}$/)
    .optional(),
  NEWSDESK_FASTLY_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/)
    .optional(),
  NEWSDESK_CLOUDFLARE_API_URL: httpUrl.default('https://api.cloudflare.com/client/v4'),
  NEWSDESK_CLOUDFLARE_ZONE_ID: z
    .string()
    .regex(/^[a-f0-9]{32}$/)
    .optional(),
  NEWSDESK_CLOUDFLARE_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/)
    .optional(),
  NEWSDESK_METRICS_ALLOW: addressList.default(['127.0.0.1', '::1']),
  NEWSDESK_METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,256}$/)
    .optional(),
  NEWSDESK_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  NEWSDESK_PING_SERVICES: urlList.optional(),
  NEWSDESK_WEBSUB_HUBS: urlList.optional(),
});

const EXPECTATIONS: Record<string, string> = {
  NEWSDESK_HOST: 'expected a host name or IP address to listen on',
  NEWSDESK_PORT: 'expected a port number from 0 to 65535',
  NEWSDESK_SITE_URL: 'expected an absolute http:// or https:// URL such as https://news.example',
  NEWSDESK_SITE_TITLE: 'expected a non-empty title of at most 200 characters',
  NEWSDESK_TIMEZONE: 'expected an IANA time zone such as Europe/Paris or UTC',
  NEWSDESK_FETCH_ALLOW_LOOPBACK: 'expected 1 or 0',
  NEWSDESK_FETCH_ALLOWED_PORTS: 'expected comma-separated port numbers from 1 to 65535',
  NEWSDESK_FETCH_GLOBAL_PER_MINUTE: 'expected a whole number of requests from 1 to 1000000',
  NEWSDESK_FETCH_HOST_PER_MINUTE: 'expected a whole number of requests from 1 to 1000000',
  NEWSDESK_FETCH_HOST_CONCURRENCY: 'expected a whole number from 1 to 1000',
  NEWSDESK_FETCH_MAX_BYTES: 'expected a byte count from 16384 (16 KiB) to 67108864 (64 MiB)',
  NEWSDESK_LINKBACK_IP_PER_MINUTE: 'expected a whole number of requests from 1 to 1000000',
  NEWSDESK_API_REQUESTS_PER_MINUTE: 'expected a whole number of requests from 1 to 1000000',
  NEWSDESK_SMTP_URL: 'expected an smtp:// or smtps:// URL',
  NEWSDESK_AKISMET_KEY: 'expected an Akismet API key (8 to 64 letters and digits)',
  NEWSDESK_AKISMET_URL: 'expected an http:// or https:// comment-check URL',
  NEWSDESK_LOG_LEVEL: 'expected one of fatal, error, warn, info, debug, trace, silent',
  NEWSDESK_WORKERS: 'expected in-process or none',
  NEWSDESK_DEMO_CONTENT: 'expected 1 or 0',
  NEWSDESK_PG_JOBS_SCHEMA: 'expected a lowercase SQL identifier such as graphile_worker',
  NEWSDESK_DB_LOCK_WAIT_MS: 'expected a whole number of milliseconds from 0 to 600000',
  NEWSDESK_PAGE_CACHE_MB: 'expected a whole number of MiB from 0 (no page cache) to 4096',
  NEWSDESK_LINKBACK_RETRY_DELAYS: 'expected up to 20 comma-separated whole numbers of seconds',
  NEWSDESK_LINKBACK_RECHECK_DAYS: 'expected a number of days from 0 (never) to 3650',
  NEWSDESK_LINKBACK_HIDE_MISSING_DAYS: 'expected a number of days from 0 to 3650',
  NEWSDESK_MEDIA_DIR: 'expected a folder path for media files',
  NEWSDESK_EDGE_MAX_AGE: 'expected a whole number of seconds from 0 to 31536000',
  NEWSDESK_EDGE_FORM_MAX_AGE: 'expected a whole number of seconds from 0 to 3600',
  NEWSDESK_BROWSER_MAX_AGE: 'expected a whole number of seconds from 0 to 86400',
  NEWSDESK_STALE_IF_ERROR: 'expected a whole number of seconds from 0 to 2592000',
  NEWSDESK_PURGE: 'expected none, varnish, fastly or cloudflare',
  NEWSDESK_VARNISH_URLS: 'expected up to 16 comma-separated http:// URLs of Varnish servers',
  NEWSDESK_VARNISH_SOFT_PURGE: 'expected 1 or 0',
  NEWSDESK_FASTLY_API_URL: 'expected an http:// or https:// URL',
  NEWSDESK_FASTLY_SERVICE_ID: 'expected a Fastly service id (letters and digits)',
  NEWSDESK_FASTLY_TOKEN: 'expected a Fastly API token (16 to 128 letters, digits, - or _)',
  NEWSDESK_CLOUDFLARE_API_URL: 'expected an http:// or https:// URL',
  NEWSDESK_CLOUDFLARE_ZONE_ID: 'expected a Cloudflare zone id (32 hexadecimal digits)',
  NEWSDESK_CLOUDFLARE_TOKEN: 'expected a Cloudflare API token (16 to 128 letters, digits, - or _)',
  NEWSDESK_METRICS_ALLOW: 'expected comma-separated IP addresses or CIDRs',
  NEWSDESK_METRICS_TOKEN: 'expected a token of 16 to 256 printable characters without spaces',
  NEWSDESK_SHUTDOWN_TIMEOUT_MS: 'expected a whole number of milliseconds from 0 to 600000',
  NEWSDESK_PING_SERVICES: 'expected up to 20 comma-separated http:// or https:// URLs',
  NEWSDESK_WEBSUB_HUBS: 'expected up to 20 comma-separated http:// or https:// URLs',
};

/** Media files live beside the SQLite file (one data folder to back up), else in ./data/media. */
function defaultMediaDir(database: DatabaseTarget): string {
  if (database.kind !== 'sqlite') return './data/media';
  const slash = Math.max(database.file.lastIndexOf('/'), database.file.lastIndexOf('\\'));
  return slash < 0 ? 'media' : `${database.file.slice(0, slash)}/media`;
}

/** The purge target the variables describe; a missing companion variable is a ConfigError. */
function purgeConfig(e: z.infer<typeof schema>): PurgeConfig {
  const need = <T>(value: T | undefined, variable: string, expectation: string): T => {
    if (value === undefined) throw new ConfigError(variable, expectation);
    return value;
  };
  switch (e.NEWSDESK_PURGE) {
    case 'none':
      return { kind: 'none' };
    case 'varnish':
      return {
        kind: 'varnish',
        urls: Object.freeze(
          need(
            e.NEWSDESK_VARNISH_URLS,
            'NEWSDESK_VARNISH_URLS',
            'required with NEWSDESK_PURGE=varnish',
          ),
        ),
        soft: e.NEWSDESK_VARNISH_SOFT_PURGE,
      };
    case 'fastly':
      return {
        kind: 'fastly',
        apiUrl: e.NEWSDESK_FASTLY_API_URL.replace(/\/+$/, ''),
        serviceId: need(
          e.NEWSDESK_FASTLY_SERVICE_ID,
          'NEWSDESK_FASTLY_SERVICE_ID',
          'required with NEWSDESK_PURGE=fastly',
        ),
        token: need(
          e.NEWSDESK_FASTLY_TOKEN,
          'NEWSDESK_FASTLY_TOKEN',
          'required with NEWSDESK_PURGE=fastly',
        ),
      };
    case 'cloudflare':
      return {
        kind: 'cloudflare',
        apiUrl: e.NEWSDESK_CLOUDFLARE_API_URL.replace(/\/+$/, ''),
        zoneId: need(
          e.NEWSDESK_CLOUDFLARE_ZONE_ID,
          'NEWSDESK_CLOUDFLARE_ZONE_ID',
          'required with NEWSDESK_PURGE=cloudflare',
        ),
        token: need(
          e.NEWSDESK_CLOUDFLARE_TOKEN,
          'NEWSDESK_CLOUDFLARE_TOKEN',
          'required with NEWSDESK_PURGE=cloudflare',
        ),
      };
  }
}

/** Reads the environment once into a frozen Config; throws ConfigError naming the bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('NEWSDESK_') && v !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, EXPECTATIONS[variable] ?? issue?.message ?? 'invalid value');
  }
  const e = parsed.data;
  const database = parseDatabaseUrl(env.NEWSDESK_DATABASE_URL);
  const shownHost = e.NEWSDESK_HOST.includes(':') ? `[${e.NEWSDESK_HOST}]` : e.NEWSDESK_HOST;
  const siteUrl = (e.NEWSDESK_SITE_URL ?? `http://${shownHost}:${e.NEWSDESK_PORT}`).replace(
    /\/+$/,
    '',
  );
  return Object.freeze({
    database,
    host: e.NEWSDESK_HOST,
    port: e.NEWSDESK_PORT,
    siteUrl,
    siteTitle: e.NEWSDESK_SITE_TITLE,
    timezone: e.NEWSDESK_TIMEZONE,
    fetchAllowLoopback: e.NEWSDESK_FETCH_ALLOW_LOOPBACK,
    fetchAllowedPorts:
      e.NEWSDESK_FETCH_ALLOWED_PORTS && Object.freeze(e.NEWSDESK_FETCH_ALLOWED_PORTS),
    fetchGlobalPerMinute: e.NEWSDESK_FETCH_GLOBAL_PER_MINUTE,
    fetchHostPerMinute: e.NEWSDESK_FETCH_HOST_PER_MINUTE,
    fetchHostConcurrency: e.NEWSDESK_FETCH_HOST_CONCURRENCY,
    fetchMaxBytes: e.NEWSDESK_FETCH_MAX_BYTES,
    linkbackIpPerMinute: e.NEWSDESK_LINKBACK_IP_PER_MINUTE,
    apiRequestsPerMinute: e.NEWSDESK_API_REQUESTS_PER_MINUTE,
    smtpUrl: e.NEWSDESK_SMTP_URL ?? null,
    akismetKey: e.NEWSDESK_AKISMET_KEY ?? null,
    akismetUrl: e.NEWSDESK_AKISMET_URL ?? null,
    logLevel: e.NEWSDESK_LOG_LEVEL,
    inProcessWorkers: e.NEWSDESK_WORKERS === 'in-process',
    demoContent: e.NEWSDESK_DEMO_CONTENT === '1',
    jobsSchema: e.NEWSDESK_PG_JOBS_SCHEMA,
    dbLockWaitMs: e.NEWSDESK_DB_LOCK_WAIT_MS,
    linkbackRetryDelaysMs:
      e.NEWSDESK_LINKBACK_RETRY_DELAYS && Object.freeze(e.NEWSDESK_LINKBACK_RETRY_DELAYS),
    linkbackRecheckMs:
      e.NEWSDESK_LINKBACK_RECHECK_DAYS === undefined
        ? undefined
        : Math.round(e.NEWSDESK_LINKBACK_RECHECK_DAYS * DAY_MS),
    linkbackHideMissingMs:
      e.NEWSDESK_LINKBACK_HIDE_MISSING_DAYS === undefined
        ? undefined
        : Math.round(e.NEWSDESK_LINKBACK_HIDE_MISSING_DAYS * DAY_MS),
    mediaDir: e.NEWSDESK_MEDIA_DIR ?? defaultMediaDir(database),
    edge: Object.freeze({
      edgeMaxAge: e.NEWSDESK_EDGE_MAX_AGE,
      formMaxAge: e.NEWSDESK_EDGE_FORM_MAX_AGE,
      browserMaxAge: e.NEWSDESK_BROWSER_MAX_AGE,
      staleIfError: e.NEWSDESK_STALE_IF_ERROR,
    }),
    purge: Object.freeze(purgeConfig(e)),
    metricsAllow: Object.freeze(e.NEWSDESK_METRICS_ALLOW),
    metricsToken: e.NEWSDESK_METRICS_TOKEN ?? null,
    shutdownTimeoutMs: e.NEWSDESK_SHUTDOWN_TIMEOUT_MS,
    pageCacheBytes: e.NEWSDESK_PAGE_CACHE_MB * 1024 * 1024,
    pingServices: Object.freeze(e.NEWSDESK_PING_SERVICES ?? []),
    websubHubs: Object.freeze(e.NEWSDESK_WEBSUB_HUBS ?? []),
  });
}

/** The process environment, read here and nowhere else. */
export function loadConfigFromProcess(): Config {
  return loadConfig(process.env);
}
