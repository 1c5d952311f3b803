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
  /** `weblogUpdates.extendedPing` services told when an article is published (none: off). */
  readonly pingServices: readonly string[];
  /** WebSub hubs told `hub.mode=publish` when an article is published (none: off). */
  readonly websubHubs: readonly string[];
}

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
  NEWSDESK_LINKBACK_RETRY_DELAYS: secondsList.optional(),
  NEWSDESK_LINKBACK_RECHECK_DAYS: days(0, 3650),
  NEWSDESK_LINKBACK_HIDE_MISSING_DAYS: days(0, 3650),
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
  NEWSDESK_SMTP_URL: 'expected an smtp:// or smtps:// URL',
  NEWSDESK_AKISMET_KEY: 'expected an Akismet API key (8 to 64 letters and digits)',
  NEWSDESK_AKISMET_URL: 'expected an http:// or https:// comment-check URL',
  NEWSDESK_LOG_LEVEL: 'expected one of fatal, error, warn, info, debug, trace, silent',
  NEWSDESK_WORKERS: 'expected in-process or none',
  NEWSDESK_DEMO_CONTENT: 'expected 1 or 0',
  NEWSDESK_PG_JOBS_SCHEMA: 'expected a lowercase SQL identifier such as graphile_worker',
  NEWSDESK_DB_LOCK_WAIT_MS: 'expected a whole number of milliseconds from 0 to 600000',
  NEWSDESK_LINKBACK_RETRY_DELAYS: 'expected up to 20 comma-separated whole numbers of seconds',
  NEWSDESK_LINKBACK_RECHECK_DAYS: 'expected a number of days from 0 (never) to 3650',
  NEWSDESK_LINKBACK_HIDE_MISSING_DAYS: 'expected a number of days from 0 to 3650',
  NEWSDESK_PING_SERVICES: 'expected up to 20 comma-separated http:// or https:// URLs',
  NEWSDESK_WEBSUB_HUBS: 'expected up to 20 comma-separated http:// or https:// URLs',
};

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
    pingServices: Object.freeze(e.NEWSDESK_PING_SERVICES ?? []),
    websubHubs: Object.freeze(e.NEWSDESK_WEBSUB_HUBS ?? []),
  });
}

/** The process environment, read here and nowhere else. */
export function loadConfigFromProcess(): Config {
  return loadConfig(process.env);
}
