import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVICES } from '../src';

describe('docs/services.md', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/services.md'), 'utf8');

  it('lists every gRPC service of the catalog with its port, metrics port and address variable', () => {
    for (const spec of SERVICES.filter((s) => s.kind === 'grpc')) {
      const row = `| ${spec.name} | \`medgrade.v1.${spec.grpcService}\` | ${spec.port} | ${spec.metricsPort} | \`${spec.addressEnv}\` |`;
      assert.ok(doc.includes(row), `missing or outdated row: ${row}`);
    }
  });
});
