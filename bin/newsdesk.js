#!/usr/bin/env -S node --max-semi-space-size=4
// The flag keeps V8's young generation small (4 MiB semi-spaces). Node 24 scales it with the
// machine's memory, up to 128 MiB here, which doubled resident memory for no measured speed;
// 4 MiB takes another 20 MiB or so off (docs/runtime.md, "Memory").
import { main } from '../dist/cli/main.js';

await main(process.argv.slice(2));
