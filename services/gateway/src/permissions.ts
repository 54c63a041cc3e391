import { ROLES, type Role } from '@medgrade/data';

// The one permission table. Every route names exactly one permission; the route layer asks
// `scopeOf` before running a handler, and docs/permissions.md is generated from this table
// (npm run docs:permissions -w @medgrade/gateway), with a test that the two agree.
//
// Scopes:
//   institution  everything inside the caller's own institution
//   own          only resources tied to the caller (a student's own gradings)
//   platform     platform-level actions not tied to one institution
// A role without an entry is refused with 403. Resources of another institution are never
// visible at all: they answer 404 whatever the role, because the data layer and PostgreSQL
// row-level security scope every query to the caller's institution.

export type Scope = 'institution' | 'own' | 'platform';

export interface PermissionRule {
  description: string;
  roles: Partial<Record<Role, Scope>>;
}

const staff = { institution_admin: 'institution', teacher: 'institution', grader: 'institution' } as const;
const rubricAuthors = { institution_admin: 'institution', teacher: 'institution' } as const;

export const PERMISSIONS = {
  'profile.read': {
    description: 'Read your own account (GET /me)',
    roles: { platform_admin: 'own', institution_admin: 'own', teacher: 'own', grader: 'own', student: 'own' },
  },
  'institutions.create': {
    description: 'Create an institution together with its first institution admin',
    roles: { platform_admin: 'platform' },
  },
  'users.read': {
    description: 'List and read the users of your institution',
    roles: { ...staff },
  },
  'users.manage': {
    description: 'Create users, change their role, name or password, disable them',
    roles: { institution_admin: 'institution' },
  },
  'rubrics.read': {
    description: 'List rubrics, read any version and the version history',
    roles: { ...staff, student: 'institution' },
  },
  'rubrics.write': {
    description: 'Create rubrics, new draft versions (PUT, JSON Patch), archive',
    roles: { ...rubricAuthors },
  },
  'rubrics.approve': {
    description: 'Approve a draft version after QA validation',
    roles: { ...rubricAuthors },
  },
  'rubrics.validate': {
    description: 'Run QA validation and preview natural-language edits (stores nothing)',
    roles: { ...rubricAuthors },
  },
  'gradings.create': {
    description: 'Grade a transcript (a student grades only themself)',
    roles: { teacher: 'institution', grader: 'institution', student: 'own' },
  },
  'gradings.read': {
    description: 'Read and list gradings (a student only their own)',
    roles: { ...staff, student: 'own' },
  },
  'gradings.batch': {
    description: 'Submit batch gradings and follow their jobs',
    roles: { teacher: 'institution', grader: 'institution' },
  },
  'gradings.review': {
    description: 'Review gradings: the review queue, and overriding key-question, link and element decisions with a reason',
    roles: { teacher: 'institution', grader: 'institution' },
  },
  'analytics.read': {
    description: 'Cohort analytics of a rubric and the CSV exports of gradings and analytics',
    roles: { institution_admin: 'institution', teacher: 'institution' },
  },
  'audit.read': {
    description: 'Read the audit log of your institution',
    roles: { institution_admin: 'institution' },
  },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** The caller's scope for a permission, or null when the role does not have it. */
export function scopeOf(role: Role, permission: Permission): Scope | null {
  const roles: Partial<Record<Role, Scope>> = PERMISSIONS[permission].roles;
  return roles[role] ?? null;
}

const CELL: Record<Scope, string> = { institution: 'yes', own: 'own', platform: 'platform' };

/**
 * docs/permissions.md, generated. `routes` lists, per permission, the endpoints that require it
 * (taken from the route table so the document names every endpoint).
 */
export function renderPermissionsMarkdown(routes: Record<Permission, string[]>): string {
  const header = `| Permission | Endpoints | ${ROLES.join(' | ')} |`;
  const divider = `|${' --- |'.repeat(ROLES.length + 2)}`;
  const rows = PERMISSION_NAMES.map((name) => {
    const rule: PermissionRule = PERMISSIONS[name];
    const cells = ROLES.map((role) => {
      const scope = rule.roles[role];
      return scope ? CELL[scope] : '—';
    });
    const endpoints = routes[name].map((r) => `\`${r}\``).join('<br>');
    return `| **${name}**<br>${rule.description} | ${endpoints} | ${cells.join(' | ')} |`;
  });
  return [
    '# Permissions',
    '',
    '<!-- Generated from services/gateway/src/permissions.ts by `npm run docs:permissions -w @medgrade/gateway`. Do not edit by hand: a test fails when this file and the code disagree. -->',
    '',
    'Every endpoint of `/api/v1` requires exactly one permission. A cell says what the role may do:',
    '',
    '- **yes**: everything inside the caller\'s own institution;',
    '- **own**: only what belongs to the caller (their account, a student\'s own gradings);',
    '- **platform**: platform-wide (creating institutions);',
    '- **—**: refused with `403 forbidden`.',
    '',
    'Whatever the role, resources of another institution are invisible: reading or changing them by id answers',
    '`404 not-found`, exactly like an id that does not exist. The data layer scopes every query to the caller\'s',
    'institution and PostgreSQL row-level security enforces the same rule a second time.',
    '',
    header,
    divider,
    ...rows,
    '',
    'Operational endpoints (`/health`, `/ready`, `/services/status`, `/metrics`, `/openapi.json`, `/docs`) and',
    '`POST /api/v1/auth/login|refresh|logout` need no access token.',
    '',
  ].join('\n');
}
