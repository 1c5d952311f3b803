// Lets a child process run our TypeScript sources without a build step or a new dependency:
// `node --import ./test/support/jobs-ts-loader.mjs file.ts`. Types are stripped with the
// TypeScript compiler we already have (transpileModule: no type check, which tsc does anyway).
import { register } from 'node:module';

register('./jobs-ts-hooks.mjs', import.meta.url);
