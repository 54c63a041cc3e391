import * as fs from 'node:fs';
import * as path from 'node:path';
import { routeCatalog } from '../app';
import { API_BASE } from '../http/route';
import { PERMISSION_NAMES, renderPermissionsMarkdown, type Permission } from '../permissions';

// Writes docs/permissions.md from the permission table and the route declarations.
// Run: npm run docs:permissions -w @medgrade/gateway

export const PERMISSIONS_DOC = path.resolve(__dirname, '../../../../docs/permissions.md');

export function permissionsMarkdown(): string {
  const routes = Object.fromEntries(PERMISSION_NAMES.map((name) => [name, [] as string[]])) as Record<Permission, string[]>;
  for (const route of routeCatalog()) {
    if (route.permission) routes[route.permission].push(`${route.method.toUpperCase()} ${API_BASE}${route.path}`);
  }
  return renderPermissionsMarkdown(routes);
}

if (require.main === module) {
  fs.writeFileSync(PERMISSIONS_DOC, permissionsMarkdown());
  process.stdout.write(`wrote ${path.relative(process.cwd(), PERMISSIONS_DOC)}\n`);
}
