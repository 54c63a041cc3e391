// Scratch databases for tests: a fresh PostgreSQL database with a random name, dropped
// afterwards. Tests of every workspace use it so they never share state.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createScratchDatabase(baseUrl = process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL): Promise<ScratchDatabase> {
  const name = `medgrade_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(baseUrl: string, text: string): Promise<void> {
  const client = new Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A Redis key prefix nobody else uses, for one test run. */
export function scratchKeyPrefix(): string {
  return `medgrade_test:${randomBytes(6).toString('hex')}:`;
}
