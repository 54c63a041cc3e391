import * as assert from 'node:assert/strict';
import { openApp, openFromNav } from './support/browser';
import { browserSuite } from './support/suite';

// An institution admin creates a user (a bad password first: the API's message shows next to
// the field), who then signs in and sees their role's screens; changes a role, disables an
// account (whose sign-in then fails) and finds it all in the audit log.

describe('web app: an institution admin manages users and reads the audit log', function () {
  this.timeout(180_000);
  const newUser = { role: 'grader', email: 'new.grader@demo.medgrade.local', password: 'a-long-enough-password' };

  const suite = browserSuite('institution_admin');

  it('creates a user, showing the API error next to the field first', async () => {
    const { page } = suite.app;
    await openFromNav(page, 'Users');
    await page.getByLabel('Email', { exact: true }).fill(newUser.email);
    await page.getByLabel('Display name').fill('New Grader');
    await page.getByLabel('Role', { exact: true }).first().selectOption('grader');
    await page.getByLabel('Initial password').fill('short');
    await page.getByRole('button', { name: 'Create user' }).click();
    const passwordField = page.locator('.field').filter({ has: page.getByLabel('Initial password') });
    await passwordField.locator('.field-error').waitFor();
    assert.match((await passwordField.locator('.field-error').textContent()) ?? '', /12/);
    await page.getByLabel('Initial password').fill(newUser.password);
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText(`Created ${newUser.email}.`).waitFor();
    await page.getByTestId('users-table').locator(`tr[data-user="${newUser.email}"]`).waitFor();
    await suite.app.check('admin-users');
  });

  it('lets the new user sign in and see the screens of their role', async () => {
    const other = await openApp(suite.system, newUser);
    try {
      const nav = await other.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
      assert.ok(nav.includes('Batch upload') && nav.includes('Review queue'), nav.join(', '));
      assert.ok(!nav.includes('Users') && !nav.includes('Audit log'), nav.join(', '));
    } finally {
      await other.close();
    }
  });

  it('changes a role and disables an account, whose sign-in then fails', async () => {
    const { page } = suite.app;
    const row = page.getByTestId('users-table').locator(`tr[data-user="${newUser.email}"]`);
    await row.getByLabel('Role of New Grader').selectOption('teacher');
    await page.waitForFunction((email) => (document.querySelector(`tr[data-user="${email}"] select`) as HTMLSelectElement | null)?.value === 'teacher', newUser.email);
    await row.getByRole('button', { name: 'Disable New Grader' }).click();
    await row.getByText('disabled').waitFor();
    const api = await suite.system.api(suite.system.user('institution_admin'));
    const users = await api.expect<{ items: { email: string; role: string; disabled: boolean }[] }>(200, 'GET', `/api/v1/users?q=${encodeURIComponent(newUser.email)}`);
    assert.deepEqual(users.items.map((u) => [u.email, u.role, u.disabled]), [[newUser.email, 'teacher', true]]);

    const other = await openApp(suite.system);
    try {
      await other.page.getByLabel('Email').fill(newUser.email);
      await other.page.getByLabel('Password').fill(newUser.password);
      await other.page.getByRole('button', { name: 'Sign in' }).click();
      await other.page.getByRole('alert').waitFor();
    } finally {
      await other.close();
    }
  });

  it('filters the audit log by action', async () => {
    const { page } = suite.app;
    await openFromNav(page, 'Audit log');
    await page.getByTestId('audit-table').waitFor();
    await page.getByLabel('Action').fill('user.create');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid=audit-table] tbody tr td:nth-child(3)')).every((td) => td.textContent === 'user.create'));
    assert.ok(await page.getByTestId('audit-table').locator('tbody tr').count() >= 1);
    await suite.app.check('admin-audit');
    assert.deepEqual(suite.app.errors, []);
    assert.deepEqual(await suite.app.violations(), []);
  });
});

