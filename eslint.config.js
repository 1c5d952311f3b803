// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const HTTP_CLIENTS = [
  'undici',
  'node:http',
  'node:https',
  'http',
  'https',
  'node:net',
  'node:tls',
  'net',
  'tls',
  'node:dns',
  'dns',
];
/** What a server needs to listen: allowed where HTTP is served (web/, main/), never a client. */
const HTTP_SERVER = ['node:http', 'http'];
const SQL_DRIVERS = ['node:sqlite', 'pg'];

/**
 * Packages only one folder may use; everywhere else they are banned, types included. The first
 * entries are the guarded fetcher's reason to exist: no other HTTP client.
 */
const PACKAGES = [
  {
    names: HTTP_CLIENTS,
    home: ['net'],
    why: 'Outbound HTTP goes through src/net (the guarded fetcher) only.',
  },
  { names: SQL_DRIVERS, home: ['store'], why: 'SQL drivers are used in src/store only.' },
  { names: ['kysely'], home: ['store', 'jobs'], why: 'SQL is written in src/store (and jobs).' },
  {
    names: ['graphile-worker'],
    home: ['jobs'],
    why: 'The PostgreSQL queue engine lives in src/jobs only.',
  },
  { names: ['nodemailer'], home: ['adapters'], why: 'Mail is sent by src/adapters only.' },
  { names: ['sharp'], home: ['adapters'], why: 'Images are decoded by src/adapters only.' },
];

/**
 * The architecture's arrows (README "Architecture"): the folders of src/ each folder may import.
 * A folder not listed under another is forbidden to it, `import type` included. main/ is the
 * composition root and may import everything.
 */
export const ARROWS = {
  domain: [],
  config: [],
  linkback: ['domain'],
  net: ['domain'],
  app: ['domain', 'linkback'],
  render: ['domain', 'app'],
  store: ['domain', 'app', 'config'],
  jobs: ['domain', 'app', 'store'],
  adapters: ['domain', 'app', 'net'],
  web: ['domain', 'app', 'linkback', 'render'],
  cli: ['domain', 'app', 'config', 'jobs', 'main'],
  main: [
    'domain',
    'config',
    'linkback',
    'net',
    'app',
    'render',
    'store',
    'jobs',
    'adapters',
    'web',
  ],
};
/** Folders that may use hono (the HTTP framework and its JSX): the web layer and the theme. */
const HONO_HOMES = ['web', 'render', 'main'];

/** @param {string[]} names @param {string} why */
const ban = (names, why) => names.map((name) => ({ name, message: why }));

/** The no-restricted-imports options for one folder of src/. @param {keyof typeof ARROWS} folder */
function importRules(folder) {
  const allowed = /** @type {readonly string[]} */ (ARROWS[folder]);
  const forbidden = Object.keys(ARROWS).filter((f) => f !== folder && !allowed.includes(f));
  const paths = PACKAGES.flatMap((p) =>
    p.home.includes(folder)
      ? []
      : ban(
          // The web layer and the composition root serve HTTP: they may listen, never fetch.
          folder === 'web' || folder === 'main'
            ? p.names.filter((n) => !HTTP_SERVER.includes(n))
            : p.names,
          p.why,
        ),
  );
  const patterns = forbidden.map((target) => ({
    regex: `^(\\.\\./)+${target}(/|$)`,
    message: `${folder}/ must not import ${target}/: ${folder}/ may import ${allowed.length ? allowed.map((f) => `${f}/`).join(', ') : 'nothing outside itself'} (README "Architecture").`,
  }));
  if (!HONO_HOMES.includes(folder)) {
    patterns.push({
      regex: '^(hono|@hono)(/|$)',
      message: `${folder}/ does not use hono: HTTP and markup belong to web/ and render/.`,
    });
  }
  if (folder === 'domain') {
    patterns.push({ regex: '^node:', message: 'domain/ is pure: no Node built-ins.' });
  }
  return ['error', { paths, patterns }];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Outside src/ (scripts, config files) only the package bans apply.
      'no-restricted-imports': ['error', { paths: PACKAGES.flatMap((p) => ban(p.names, p.why)) }],
      'no-restricted-globals': [
        'error',
        {
          name: 'fetch',
          message: "Never Node's global fetch: use the guarded fetcher from src/net.",
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config reads the environment.' },
      ],
    },
  },
  // One block per folder of src/: the packages it may not use and the folders it may not import.
  ...Object.keys(ARROWS).map((folder) => ({
    files: [`src/${folder}/**`],
    rules: {
      'no-restricted-imports': importRules(/** @type {keyof typeof ARROWS} */ (folder)),
    },
  })),
  { files: ['src/config/**'], rules: { 'no-restricted-properties': 'off' } },
  // Browser islands run in the admin's browser, not in Node: fetch there is the page's own
  // same-origin request, and no server module or Node built-in can be bundled into them.
  {
    files: ['src/web/admin/islands/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-globals': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'An island runs in the browser: no Node built-ins.' },
            {
              regex: '^\\.\\./\\.\\./',
              message: 'An island imports only its own folder and browser packages.',
            },
          ],
        },
      ],
    },
  },
  // Tests and benchmarks talk to loopback servers and read the test database URL.
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'bench/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-properties': 'off',
      'no-restricted-globals': 'off',
    },
  },
);
