import { useState } from 'preact/hooks';
import { Field, formatDate, Loading, Pager, ProblemMessage } from '../components/common';
import { get, patch, post, withQuery } from '../lib/api';
import { useAction, useDebounced, usePaged } from '../lib/hooks';
import { useSession } from '../lib/session';
import type { Page, User } from '../lib/types';

const ROLES = ['student', 'grader', 'teacher', 'institution_admin'] as const;
const roleLabel = (role: string) => role.replace('_', ' ');

export function Users() {
  const [typed, setTyped] = useState('');
  const [role, setRole] = useState('');
  const q = useDebounced(typed.trim());
  const page = usePaged((cursor) => get<Page<User>>(withQuery('/users', { q, role, cursor, limit: 20 })), [q, role]);
  return (
    <>
      <h1>Users</h1>
      <CreateUser onCreated={page.reload} />
      <h2>People in your institution</h2>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label="Search by name or email">{(a) => <input {...a} type="search" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />}</Field>
        <Field label="Role">
          {(a) => <select {...a} value={role} onChange={(e) => setRole(e.currentTarget.value)}><option value="">Any</option>{ROLES.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}</select>}
        </Field>
      </form>
      <ProblemMessage problem={page.error} />
      {page.loading && !page.data ? <Loading /> : (
        <table class="list" data-testid="users-table">
          <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>
          <tbody>{page.items.map((u) => <UserRow key={u.id} user={u} onChanged={page.reload} />)}</tbody>
        </table>
      )}
      <Pager page={page} label="Users" />
    </>
  );
}

function UserRow({ user, onChanged }: { user: User; onChanged(): void }) {
  const { me } = useSession();
  const self = me.id === user.id;
  const change = useAction(async (body: Partial<Pick<User, 'role' | 'disabled'>>) => {
    await patch<User>(`/users/${user.id}`, body);
    onChanged();
  });
  const name = user.display_name ?? user.email;
  return (
    <tr data-user={user.email}>
      <td>{user.display_name ?? '—'}</td>
      <td>{user.email}</td>
      <td>
        <label class="visually-hidden" for={`role-${user.id}`}>Role of {name}</label>
        <select id={`role-${user.id}`} value={user.role} disabled={self || change.busy} onChange={(e) => void change.run({ role: e.currentTarget.value as User['role'] })}>
          {ROLES.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
        </select>
        <ProblemMessage problem={change.error} />
      </td>
      <td>
        {user.disabled ? 'disabled' : 'active'}{' '}
        {!self && (
          <button type="button" class="secondary small" disabled={change.busy} onClick={() => void change.run({ disabled: !user.disabled })}>
            {user.disabled ? 'Enable' : 'Disable'}<span class="visually-hidden"> {name}</span>
          </button>
        )}
      </td>
      <td>{formatDate(user.created_at)}</td>
    </tr>
  );
}

function CreateUser({ onCreated }: { onCreated(): void }) {
  const blank = { email: '', display_name: '', role: 'student', password: '' };
  const [form, setForm] = useState(blank);
  const [created, setCreated] = useState<string | undefined>();
  const create = useAction(async () => {
    const user = await post<User>('/users', { ...form, display_name: form.display_name.trim() || undefined });
    setCreated(user.email);
    setForm(blank);
    onCreated();
  });
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm((f) => ({ ...f, [key]: e.currentTarget.value }));
  const err = (pointer: string) => create.error?.errorAt(pointer);
  return (
    <section aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">Add a user</h2>
      <form class="grid-form" onSubmit={(e) => { e.preventDefault(); setCreated(undefined); void create.run(); }}>
        <Field label="Email" error={err('/email')}>{(a) => <input {...a} type="email" name="new_email" required value={form.email} onInput={set('email')} />}</Field>
        <Field label="Display name" error={err('/display_name')}>{(a) => <input {...a} name="new_display_name" value={form.display_name} onInput={set('display_name')} />}</Field>
        <Field label="Role" error={err('/role')}>
          {(a) => <select {...a} name="new_role" value={form.role} onChange={set('role')}>{ROLES.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}</select>}
        </Field>
        <Field label="Initial password" hint="At least 12 characters" error={err('/password')}>
          {(a) => <input {...a} type="password" name="new_password" autocomplete="new-password" required value={form.password} onInput={set('password')} />}
        </Field>
        <ProblemMessage problem={create.error} />
        <button type="submit" disabled={create.busy}>Create user</button>
        {created && <p role="status">Created {created}.</p>}
      </form>
    </section>
  );
}
