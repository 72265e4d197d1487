import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

const serverUrl = inject("databaseServerUrl");
const template = inject("templateDatabase");
const name = `test_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
await admin.end();

const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.NODE_ENV = "test";

afterAll(async () => {
  const { disconnectPrisma } = await import("../../app/db/db.server.ts");
  await disconnectPrisma();
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await dropDatabase(client);
  } finally {
    await client.end();
  }
});

// WITH (FORCE) refuses (42501) when a process of another role is in the database: on a real
// server whose owner is not a superuser (npm run test:pg), that is an autovacuum worker that
// happened to start on the file's tables. A plain DROP DATABASE stops autovacuum workers itself,
// so end our own role's connections and drop without FORCE, retrying while the worker exits.
async function dropDatabase(client: pg.Client) {
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== "42501") throw error;
  }
  for (let attempt = 1; ; attempt++) {
    await client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()",
      [name],
    );
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}"`);
      return;
    } catch (error) {
      // 55006: still in use by another session
      if ((error as { code?: string }).code !== "55006" || attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
