// Loaded into every process of the local system by `bench/e2e.ts --live-heap` (NODE_OPTIONS,
// with --expose-gc): on SIGUSR2 the process collects all garbage and appends its live heap
// (MB) to <MEDGRADE_BENCH_HEAP_DIR>/<pid>. RSS alone cannot tell a leak from a heap that V8
// has grown and keeps; the live heap after a full collection can.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.MEDGRADE_BENCH_HEAP_DIR;
if (dir && typeof global.gc === 'function') {
  process.on('SIGUSR2', () => {
    global.gc();
    fs.appendFileSync(path.join(dir, String(process.pid)), `${process.memoryUsage().heapUsed / 1048576}\n`);
  });
}
