import { Job } from 'kubernetes-models/batch/v1';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DeployError } from '../src/deploy/errors';
import { initDatabaseJob, initDatabaseSql, SETUP_NAMESPACE } from '../src/deploy/init-db';

const target = { host: 'db.example.internal', port: 5432, database: 'medgrade', adminUser: 'medgrade_admin', iamUser: 'medgrade_app' };

describe('deploy init-db', () => {
  it('creates the IAM login idempotently and grants it rds_iam and the schema', () => {
    const sql = initDatabaseSql('medgrade_app', 'medgrade');
    assert.match(sql, /IF NOT EXISTS \(SELECT FROM pg_roles WHERE rolname = 'medgrade_app'\) THEN CREATE ROLE medgrade_app WITH LOGIN/);
    assert.match(sql, /^GRANT rds_iam TO medgrade_app;$/m);
    assert.match(sql, /^GRANT CONNECT ON DATABASE medgrade TO medgrade_app;$/m);
    assert.match(sql, /^GRANT CREATE, USAGE ON SCHEMA public TO medgrade_app;$/m);
    assert.doesNotMatch(sql, /PASSWORD/i, 'an IAM login has no password');
  });

  describe('on a real PostgreSQL', () => {
    const suffix = randomBytes(5).toString('hex');
    const database = `mgtest_initdb_${suffix}`;
    const user = `mgtest_app_${suffix}`;
    const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    let admin: Client;
    let createdRdsIam = false;

    before(async () => {
      admin = new Client({ connectionString: url });
      await admin.connect();
      // RDS predefines rds_iam; a plain PostgreSQL gets a stand-in for this test only.
      const { rowCount } = await admin.query(`SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam'`);
      if (!rowCount) { await admin.query('CREATE ROLE rds_iam'); createdRdsIam = true; }
      await admin.query(`CREATE DATABASE ${database}`);
    });

    after(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.query(`DROP ROLE IF EXISTS ${user}`);
      if (createdRdsIam) await admin.query('DROP ROLE IF EXISTS rds_iam');
      await admin.end();
    });

    it('runs twice without error and leaves a login in rds_iam that may create tables', async () => {
      const target = new URL(url);
      target.pathname = `/${database}`;
      const db = new Client({ connectionString: target.toString() });
      await db.connect();
      try {
        await db.query(initDatabaseSql(user, database));
        await db.query(initDatabaseSql(user, database));
        const { rows } = await db.query(
          `SELECT r.rolcanlogin, pg_has_role($1, 'rds_iam', 'member') AS iam,
                  has_database_privilege($1, $2, 'CONNECT') AS connect,
                  has_schema_privilege($1, 'public', 'CREATE') AS create_in_public
             FROM pg_roles r WHERE r.rolname = $1`, [user, database]);
        assert.deepEqual(rows, [{ rolcanlogin: true, iam: true, connect: true, create_in_public: true }]);
      } finally {
        await db.query(`DROP OWNED BY ${user}`);
        await db.end();
      }
    });
  });

  it('refuses identifiers that could smuggle SQL', () => {
    for (const bad of ["app'; DROP TABLE x; --", 'App', '1app', 'a b', '']) {
      assert.throws(() => initDatabaseSql(bad, 'medgrade'), (e: Error) => e instanceof DeployError && /not a plain PostgreSQL identifier/.test(e.message), bad);
    }
    assert.throws(() => initDatabaseSql('medgrade_app', 'med"grade'), /database name/);
  });

  it('runs psql over TLS as the admin, password from a Secret, in a hardened one-shot Job', () => {
    const manifest = initDatabaseJob(target) as any;
    new Job(manifest).validate();
    assert.equal(manifest.metadata.namespace, SETUP_NAMESPACE);
    const pod = manifest.spec.template.spec;
    assert.equal(pod.restartPolicy, 'Never');
    assert.equal(pod.automountServiceAccountToken, false);
    const [container] = pod.containers;
    const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    assert.deepEqual(
      { PGHOST: env.PGHOST, PGPORT: env.PGPORT, PGDATABASE: env.PGDATABASE, PGUSER: env.PGUSER, PGSSLMODE: env.PGSSLMODE },
      { PGHOST: target.host, PGPORT: '5432', PGDATABASE: 'medgrade', PGUSER: 'medgrade_admin', PGSSLMODE: 'require' },
    );
    assert.ok(env.PGPASSWORD.secretKeyRef, 'the password is never inlined');
    assert.ok(!JSON.stringify(manifest).includes('secret-password'));
    assert.deepEqual(container.command.slice(0, 4), ['psql', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1']);
    assert.equal(container.command.at(-1), initDatabaseSql('medgrade_app', 'medgrade'));
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(container.securityContext.capabilities.drop, ['ALL']);
    assert.equal(pod.securityContext.runAsNonRoot, true);
  });
});
