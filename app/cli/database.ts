// The CLI's database: DATABASE_URL when set, otherwise the embedded server under DATA_DIR, held
// by a lease (app/db/embedded-lease.server.ts) so a command never stops it under a running app.
// Migrations are applied first, as `npm start` does.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CliError, EXIT_FAILURE, log } from "./args.ts";

/** true when a migration folder is not yet applied (or the database is fresh). */
async function migrationsPending(url: string) {
  const dir = path.resolve("prisma/migrations");
  const folders = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return folders.some((f) => !applied.has(f));
  } catch {
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openDatabase({ migrate = true }: { migrate?: boolean } = {}) {
  const { connectDatabase } = await import("../db/embedded-postgres.server.ts");
  const db = await connectDatabase({ log });
  process.env.DATABASE_URL = db.url;
  process.env.DATABASE_POOL_SIZE ??= "4";
  // a backup takes the database as it is; a restore needs it empty
  if (!migrate) return db;
  // `prisma migrate deploy` costs 1–3 s, so it runs only when something is pending.
  if (!(await migrationsPending(db.url))) return db;
  log("应用数据库迁移 / applying migrations…");
  const deploy = spawnSync(
    process.execPath,
    [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"],
    {
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: "utf8",
    },
  );
  if (deploy.status !== 0) {
    await db.stop().catch(() => {});
    throw new CliError(
      EXIT_FAILURE,
      `数据库迁移失败 / prisma migrate deploy failed:\n${deploy.stdout}\n${deploy.stderr}`,
    );
  }
  return db;
}

export async function closeDatabase(db: { stop: () => Promise<void> }) {
  const { disconnectPrisma } = await import("../db/db.server.ts");
  await disconnectPrisma().catch(() => {});
  await db.stop().catch(() => {});
}

export async function dbUrl() {
  const db = await openDatabase();
  try {
    process.stdout.write(`${db.url}\n`);
    if (db.owned) {
      log(
        "（嵌入式数据库是为本命令启动的；最后一个使用它的进程退出时停止，应用运行时该地址可用）/ (the embedded server was started for this command; it stops when the last process using it exits, so the URL works while the app runs)",
      );
    }
  } finally {
    await closeDatabase(db);
  }
}
