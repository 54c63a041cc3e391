// `npm run bench`: every benchmark in turn with its default options, each in its own
// process so that one's heap and JIT state cannot colour the next one's figures. Run a
// script directly to pass it options.
//
//   npm run bench

import { spawnSync } from 'node:child_process';
import path from 'node:path';

// hot-path.ts, batch.ts and analytics.ts need PostgreSQL and Redis (DATABASE_URL / REDIS_URL, as the tests do).
const SCRIPTS = ['grade-inprocess.ts', 'grade-phases.ts', 'grpc-floor.ts', 'e2e.ts', 'hot-path.ts', 'batch.ts', 'analytics.ts'];

for (const script of SCRIPTS) {
  console.log(`\n=== bench/${script}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script)], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench/${script} failed (${run.signal ?? `exit ${run.status}`})`);
    process.exit(run.status ?? 1);
  }
}
