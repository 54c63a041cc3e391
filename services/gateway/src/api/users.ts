import { pointingAt } from '../http/errors';
import { HttpProblem, notFound } from '../problem';
import { route, type RouteSpec } from '../http/route';
import {
  CreateInstitutionRequest, CreateUserRequest, IdParam, Institution, ListUsersQuery, UpdateUserRequest, User, UserPage,
} from '../schemas';
import { userView, type GatewayDeps } from './deps';

// Institutions (platform admins) and the users of an institution (institution admins).

function slugOf(name: string): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  return base || 'institution';
}

export function userRoutes({ data }: GatewayDeps): RouteSpec[] {
  return [
    route({
      method: 'post', path: '/institutions', operationId: 'createInstitution', tag: 'institutions', permission: 'institutions.create',
      summary: 'Create an institution and its first institution admin',
      body: CreateInstitutionRequest,
      responses: { 201: { description: 'Created', schema: Institution, headers: ['Location'] } },
      problems: ['conflict'],
      async handler({ body, caller }) {
        const institution = await pointingAt('/name', ['conflict'], data.institutions.create(caller.tenant, { name: body.name, slug: slugOf(body.name) }));
        const adminContext = { ...caller.tenant, institutionId: institution.id, role: 'institution_admin' as const };
        const admin = await pointingAt('/admin/email', ['conflict', 'validation-failed'], data.users.create(adminContext, {
          email: body.admin.email, password: body.admin.password, role: 'institution_admin', displayName: body.admin.display_name,
        }));
        return {
          status: 201,
          headers: { Location: `/api/v1/institutions/${institution.id}` },
          body: { id: institution.id, name: institution.name, created_at: institution.createdAt.toISOString(), admin: userView(admin) },
        };
      },
    }),
    route({
      method: 'get', path: '/users', operationId: 'listUsers', tag: 'users', permission: 'users.read',
      summary: 'Users of your institution, newest first, one page at a time',
      description: 'Filter by `role`, by `disabled`, and with `q` by a part of the email or display name.',
      query: ListUsersQuery,
      responses: { 200: { description: 'One page', schema: UserPage } },
      problems: ['bad-request'],
      async handler({ caller, query }) {
        const disabled = query.disabled === undefined ? undefined : query.disabled === 'true';
        const page = await data.users.list(caller.tenant, { role: query.role, q: query.q, disabled, cursor: query.cursor, limit: query.limit });
        return { body: { items: page.items.map(userView), next_cursor: page.nextCursor } };
      },
    }),
    route({
      method: 'post', path: '/users', operationId: 'createUser', tag: 'users', permission: 'users.manage',
      summary: 'Create a user in your institution',
      body: CreateUserRequest,
      responses: { 201: { description: 'Created', schema: User, headers: ['Location'] } },
      problems: ['conflict'],
      async handler({ body, caller }) {
        const user = await pointingAt('/email', ['conflict', 'validation-failed'], data.users.create(caller.tenant, {
          email: body.email, password: body.password, role: body.role, displayName: body.display_name,
        }));
        return { status: 201, headers: { Location: `/api/v1/users/${user.id}` }, body: userView(user) };
      },
    }),
    route({
      method: 'patch', path: '/users/{id}', operationId: 'updateUser', tag: 'users', permission: 'users.manage',
      summary: 'Change a user\'s role, name or password, or disable the account',
      params: IdParam,
      body: UpdateUserRequest,
      responses: { 200: { description: 'Updated', schema: User } },
      problems: ['not-found'],
      async handler({ body, params, caller }) {
        if (params.id === caller.userId && (body.disabled || (body.role && body.role !== caller.role))) {
          throw new HttpProblem('conflict', 'you cannot disable yourself or change your own role');
        }
        const user = await data.users.update(caller.tenant, params.id, {
          role: body.role, displayName: body.display_name, password: body.password, disabled: body.disabled,
        });
        if (!user) throw notFound('user');
        return { body: userView(user) };
      },
    }),
  ];
}
