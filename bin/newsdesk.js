#!/usr/bin/env -S node --max-semi-space-size=4 --no-concurrent-recompilation --heap-growing-percent=50 --max-inlined-bytecode-size-cumulative=300
// The flags hold resident memory down (docs/runtime.md, "Memory"), measured in bench/README.md:
// - a 4 MiB young generation (Node 24 scales it with the machine's memory, up to 128 MiB here);
// - optimising compiles on the main thread: on V8's worker threads each compile's scratch memory
//   is freed into that thread's own malloc arena, which glibc keeps (20-30 MiB after a load);
// - the old generation grows by half its live size between full collections, not two to four
//   times;
// - less inlining per optimised function, so each compile needs less scratch memory.
// Together about 35 MiB less after rendering loads, for no CPU per render the bench could tell.
import { main } from '../dist/cli/main.js';

await main(process.argv.slice(2));
