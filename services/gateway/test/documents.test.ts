import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { routeCatalog } from '../src/app';
import { permissionsMarkdown, PERMISSIONS_DOC } from '../src/cli/permissions-doc';
import { buildOpenApi } from '../src/openapi';
import { PERMISSIONS, PERMISSION_NAMES } from '../src/permissions';
import { PROBLEMS } from '../src/problem';

describe('gateway documents', () => {
  it('docs/permissions.md is exactly what the permission table generates', () => {
    const onDisk = fs.readFileSync(PERMISSIONS_DOC, 'utf8');
    assert.equal(onDisk, permissionsMarkdown(), 'run: npm run docs:permissions -w @medgrade/gateway');
  });

  it('every permission guards at least one endpoint and every protected endpoint names a known one', () => {
    const used = new Set(routeCatalog().map((r) => r.permission).filter(Boolean));
    assert.deepEqual([...used].sort(), [...PERMISSION_NAMES].sort());
    for (const name of PERMISSION_NAMES) assert.ok(PERMISSIONS[name].description.length > 0);
  });

  it('docs/api.md explains every problem type the gateway can answer, with its status', () => {
    const apiDoc = fs.readFileSync(path.resolve(__dirname, '../../../docs/api.md'), 'utf8');
    for (const [kind, { status }] of Object.entries(PROBLEMS)) {
      assert.match(apiDoc, new RegExp(`\\| ${status} \\| \`${kind}\` \\|`), `docs/api.md lacks a row for ${status} ${kind}`);
    }
  });

  it('the OpenAPI 3.1 document validates', async () => {
    const document = buildOpenApi(routeCatalog(), '0.0.0-test');
    // validate() dereferences in place: hand it a copy.
    await SwaggerParser.validate(structuredClone(document) as never);
    assert.equal(document.openapi, '3.1.0');
  });

  it('documents every route once, with a problem+json answer for each declared problem', () => {
    const document = buildOpenApi(routeCatalog(), '0.0.0-test') as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }>> };
    const operationIds = new Set<string>();
    for (const route of routeCatalog()) {
      const operation = document.paths[`/api/v1${route.path}`]?.[route.method];
      assert.ok(operation, `${route.method} ${route.path} missing from the document`);
      assert.ok(!operationIds.has(operation.operationId), `duplicate operationId ${operation.operationId}`);
      operationIds.add(operation.operationId);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) assert.ok(response.content?.['application/problem+json'], `${route.operationId} ${status} is not problem+json`);
      }
    }
  });
});
