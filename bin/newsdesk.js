#!/usr/bin/env -S node --max-semi-space-size=16
// The flag keeps V8's young generation at 16 MiB (Node 20's size). Node 24 scales it with the
// machine's memory, up to 128 MiB here, which doubled resident memory for no measured speed.
import { main } from '../dist/cli/main.js';

await main(process.argv.slice(2));
