// Regenerates the golden reports: node --import tsx services/core/test/golden/update.ts
// Review the diff before committing: every changed figure must be re-checked by hand in
// golden.test.ts.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GOLDEN_CASES, GOLDEN_DIR, referenceDataPresent, renderGolden } from './cases';

for (const c of GOLDEN_CASES) {
  if (c.reference && !referenceDataPresent()) {
    console.log(`skipped ${c.file} (no reference data)`);
    continue;
  }
  writeFileSync(path.join(GOLDEN_DIR, c.file), renderGolden(c));
  console.log(`wrote ${c.file}`);
}
