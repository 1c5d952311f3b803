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
const SQL_DRIVERS = ['node:sqlite', 'pg'];

/** @param {string[]} names @param {string} why */
const ban = (names, why) => names.map((name) => ({ name, message: why }));

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
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...ban(HTTP_CLIENTS, 'Outbound HTTP goes through src/net (the guarded fetcher) only.'),
            ...ban(SQL_DRIVERS, 'SQL drivers are used in src/store only.'),
            ...ban(['graphile-worker'], 'The PostgreSQL queue engine lives in src/jobs only.'),
          ],
        },
      ],
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
  // Arrows point inward: each folder below is the one allowed to use what the rules above ban.
  {
    files: ['src/net/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ban(SQL_DRIVERS, 'No SQL in net/.') }] },
  },
  {
    files: ['src/store/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ban(HTTP_CLIENTS, 'No HTTP in store/.') }],
    },
  },
  {
    files: ['src/jobs/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ban(HTTP_CLIENTS, 'No HTTP in jobs/.') }],
    },
  },
  {
    files: ['src/web/**', 'src/main/server.ts'],
    // The web layer serves HTTP (node:http, the server); it still makes no outbound requests.
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...ban(SQL_DRIVERS, 'No SQL in web/.'),
            ...ban(
              [
                'undici',
                'node:https',
                'https',
                'node:net',
                'net',
                'node:tls',
                'tls',
                'node:dns',
                'dns',
              ],
              'Outbound HTTP goes through src/net only.',
            ),
          ],
        },
      ],
    },
  },
  { files: ['src/config/**'], rules: { 'no-restricted-properties': 'off' } },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/**', '!./*'],
              message: 'domain/ is pure: it imports nothing outside itself.',
            },
            { group: ['node:*', 'kysely', 'hono', 'hono/*'], message: 'domain/ is pure.' },
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
