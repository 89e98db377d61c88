import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

// The tests' PostgreSQL: a throw-away server that `scripts/test-postgres.sh start` runs and names in
// TEST_DATABASE_URL (.ci/run does this). Without it, PostgreSQL tests are skipped (describe.skipIf).

/** The server's URL, or undefined when none was started for these tests. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export interface FreshDatabase {
  /** Its own URL: the test server's, with this database's name. */
  url: string;
  name: string;
  /** Drops it, closing whatever connections are left. */
  drop(): Promise<void>;
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  if (!TEST_DATABASE_URL)
    throw new Error('TEST_DATABASE_URL is not set: start scripts/test-postgres.sh first');
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server, for one test (or one file) alone. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const name = `rm_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/** A connected client on `url`; the caller ends it. */
export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}
