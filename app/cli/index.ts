// `npm run cli -- <command>`: operator commands against the app's own database — DATABASE_URL when
// set, otherwise the embedded PostgreSQL under DATA_DIR (reused when the app is running, started
// and stopped again otherwise). Migrations are applied first, as `npm start` does.
//
// Output: results on stdout (token:create prints the token alone on the last line), progress and
// errors on stderr. Exit codes: 0 ok, 1 bad input (nothing written), 2 usage.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";

const EXIT_OK = 0;
const EXIT_INPUT = 1;
const EXIT_USAGE = 2;

class CliError extends Error {
  constructor(
    public exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
const usage = (message: string) => new CliError(EXIT_USAGE, message);
const badInput = (message: string) => new CliError(EXIT_INPUT, message);

const HELP = `赣州科技大市场 CLI / Ganzhou Technology Market CLI

用法 / Usage: npm run cli -- <command> [options]

  user:create --email E --password P --role R [--name N]
              [--org-name N --org-kind K --org-credit-code C --org-region CODE] [--org-zone Z]
      创建用户；科研人员/企业/经纪人需要机构：按信用代码、再按名称匹配已有机构，否则创建（CLI 创建的机构为已认证）。
      Creates a user. researcher/company/broker need an organization: matched by credit code, else by
      exact name, else created (organizations created here are verified).
      R: researcher | company | broker | bureau | admin
      K: university | institute | enterprise | agency | government
      Z: gz_etdz | gz_htdz | rongjiang | longnan_etdz

  token:create --email E [--name N]
      创建 API 令牌，令牌单独打印在最后一行。/ Creates an API token, printed alone on the last line.

  import results|needs --file F.jsonl [--org-name N] [--publish]
      每行一个 JSON 对象（API 字段，可带 organizationName）。先校验全部，任何一行有误则不写入。
      One JSON object per line (the API's fields, optionally organizationName). Everything is
      validated first; if any line is bad nothing is written. --publish publishes, else drafts.

  import contracts --file F.jsonl
      导入历史登记合同（全部成功或全部不写入）。/ Imports registered contracts (all or nothing).

  search:reindex [--engine postgres|meili]
      从数据库重建搜索索引。/ Rebuilds the search index from the database.

  db:url      打印数据库连接地址 / Prints the database URL
  help        显示本帮助 / Shows this help

环境变量 / Environment: DATABASE_URL (existing PostgreSQL), DATA_DIR (embedded data, default .data)
退出码 / Exit codes: 0 成功 ok, 1 输入有误 bad input, 2 用法错误 usage`;

type Options = NonNullable<ParseArgsConfig["options"]>;

const COMMANDS: Record<string, { options: Options; positionals?: number }> = {
  "user:create": {
    options: {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      "org-name": { type: "string" },
      "org-kind": { type: "string" },
      "org-credit-code": { type: "string" },
      "org-region": { type: "string" },
      "org-zone": { type: "string" },
    },
  },
  "token:create": { options: { email: { type: "string" }, name: { type: "string" } } },
  import: {
    options: { file: { type: "string" }, "org-name": { type: "string" }, publish: { type: "boolean" } },
    positionals: 1,
  },
  "search:reindex": { options: { engine: { type: "string" } } },
  "db:url": { options: {} },
  help: { options: {} },
};

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function required(values: Record<string, unknown>, names: string[], command: string) {
  const missing = names.filter((n) => values[n] === undefined || values[n] === "");
  if (missing.length) {
    throw usage(`${command}: 缺少参数 / missing option(s): ${missing.map((m) => `--${m}`).join(", ")}`);
  }
}

function parseCommandLine(argv: string[]) {
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  const command = args[0];
  if (!command || command === "--help" || command === "-h") return { command: "help" as const, values: {}, positionals: [] };
  const spec = COMMANDS[command];
  if (!spec) throw usage(`未知命令 / Unknown command: ${command}`);
  let parsed;
  try {
    parsed = parseArgs({
      args: args.slice(1),
      options: { ...spec.options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: (spec.positionals ?? 0) > 0,
    });
  } catch (error) {
    throw usage(`${command}: ${(error as Error).message}`);
  }
  if (parsed.values.help) return { command: "help" as const, values: {}, positionals: [] };
  if (parsed.positionals.length > (spec.positionals ?? 0)) {
    throw usage(`${command}: 多余的参数 / unexpected argument(s): ${parsed.positionals.slice(spec.positionals ?? 0).join(" ")}`);
  }
  return { command, values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

// ------------------------------------------------------------------ database

/** true when a migration folder is not yet applied (or the database is fresh). */
async function migrationsPending(url: string) {
  const dir = path.resolve("prisma/migrations");
  const folders = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
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

async function openDatabase() {
  const { connectDatabase } = await import("../db/embedded-postgres.server.ts");
  const db = await connectDatabase({ log });
  process.env.DATABASE_URL = db.url;
  process.env.DATABASE_POOL_SIZE ??= "4";
  // `prisma migrate deploy` costs 1–3 s, so it runs only when something is pending.
  if (!(await migrationsPending(db.url))) return db;
  log("应用数据库迁移 / applying migrations…");
  const migrate = spawnSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: db.url },
    encoding: "utf8",
  });
  if (migrate.status !== 0) {
    await db.stop().catch(() => {});
    throw new CliError(EXIT_INPUT, `数据库迁移失败 / prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  }
  return db;
}

// ------------------------------------------------------------------ commands

const FLAG_FOR_FIELD: Record<string, string> = {
  email: "--email",
  password: "--password",
  role: "--role",
  name: "--name",
  "org.name": "--org-name",
  "org.kind": "--org-kind",
  "org.creditCode": "--org-credit-code",
  "org.regionCode": "--org-region",
  "org.zone": "--org-zone",
};

async function userCreate(values: Record<string, string | boolean | undefined>) {
  required(values, ["email", "password", "role"], "user:create");
  const { cliUserCreateSchema } = await import("../auth/schemas.ts");
  const { bilingual } = await import("../auth/messages.ts");
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const orgGiven = ["org-name", "org-kind", "org-credit-code", "org-region", "org-zone"].some((k) => str(k) !== undefined);
  const input = {
    email: str("email"),
    password: str("password"),
    role: str("role"),
    name: str("name"),
    org: orgGiven
      ? {
          name: str("org-name"),
          kind: str("org-kind"),
          creditCode: str("org-credit-code"),
          regionCode: str("org-region"),
          zone: str("org-zone") || undefined,
        }
      : undefined,
  };
  const { ORG_KINDS, ROLES } = await import("../domain/catalog.ts");
  const { ZONES } = await import("../domain/regions.ts");
  const allowed: Record<string, readonly string[]> = { role: ROLES, "org.kind": ORG_KINDS, "org.zone": ZONES };
  const describe = (fields: Record<string, string[]>) =>
    Object.entries(fields)
      .map(([field, messages]) => {
        const values = allowed[field] ? `（可选值 / allowed: ${allowed[field]!.join(", ")}）` : "";
        return `  ${FLAG_FOR_FIELD[field] ?? field}: ${messages.map(bilingual).join("; ")}${values}`;
      })
      .join("\n");
  const parsed = cliUserCreateSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[issue.path.join(".")] ??= []).push(issue.message);
    throw badInput(`输入有误，未创建任何内容 / Invalid input, nothing was created:\n${describe(fields)}`);
  }
  // Everything that needs no database is checked; now the database.
  const db = await openDatabase();
  try {
    const { createUserAccount, FieldErrors } = await import("../auth/accounts.server.ts");
    try {
      const { user, organization, organizationCreated } = await createUserAccount(parsed.data, { actorId: null, via: "cli" });
      if (organization) {
        log(
          organizationCreated
            ? `已创建机构（已认证）/ Organization created (verified): ${organization.name} (${organization.id})`
            : `使用已有机构 / Using the existing organization: ${organization.name} (${organization.id})`,
        );
      }
      process.stdout.write(`已创建用户 / User created: ${user.email} (${user.role}) id=${user.id}\n`);
    } catch (error) {
      if (error instanceof FieldErrors) throw badInput(`输入有误，未创建任何内容 / Invalid input, nothing was created:\n${describe(error.fields)}`);
      throw error;
    }
  } finally {
    await closeDatabase(db);
  }
}

async function tokenCreate(values: Record<string, string | boolean | undefined>) {
  required(values, ["email"], "token:create");
  const { emailSchema } = await import("../auth/schemas.ts");
  const { bilingual } = await import("../auth/messages.ts");
  const email = emailSchema.safeParse(values.email);
  if (!email.success) throw badInput(`--email: ${bilingual(email.error.issues[0]!.message)}`);
  const name = typeof values.name === "string" && values.name.trim() ? values.name.trim() : "cli";
  if (name.length > 100) throw badInput(`--name: ${bilingual("errors.tokenNameTooLong")}`);
  const db = await openDatabase();
  try {
    const { prisma } = await import("../db/db.server.ts");
    const { createApiToken } = await import("../auth/api-token.server.ts");
    const user = await prisma.user.findUnique({ where: { email: email.data }, select: { id: true, email: true } });
    if (!user) throw badInput(`用户不存在 / No user with the email ${email.data}`);
    const { token, record } = await createApiToken(user.id, name);
    log(`已为 ${user.email} 创建令牌“${record.name}”（只显示这一次）/ Token “${record.name}” created for ${user.email} (shown once):`);
    process.stdout.write(`${token}\n`);
  } finally {
    await closeDatabase(db);
  }
}

function readFileArg(values: Record<string, string | boolean | undefined>) {
  const file = path.resolve(String(values.file));
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw badInput(`无法读取文件 / Cannot read the file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function progress(label: string) {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (done === total || now - last > 500) {
      last = now;
      log(`${label} ${done}/${total} (${total ? Math.floor((done / total) * 100) : 100}%)`);
    }
  };
}

function printProblems(problems: Array<{ line: number; field: string; message: string }>) {
  for (const p of problems) {
    const where = p.line === 0 ? p.field : `第 ${p.line} 行 / line ${p.line}${p.field && p.field !== "_" ? ` [${p.field}]` : ""}`;
    log(`  ${where}: ${p.message}`);
  }
}

async function importCommand(values: Record<string, string | boolean | undefined>, positionals: string[]) {
  const what = positionals[0];
  if (!what || !["results", "needs", "contracts"].includes(what)) {
    throw usage("import: 请指定 results、needs 或 contracts / give results, needs or contracts");
  }
  required(values, ["file"], `import ${what}`);
  if (what === "contracts" && (values["org-name"] !== undefined || values.publish !== undefined)) {
    throw usage("import contracts: --org-name 和 --publish 只用于 results/needs / --org-name and --publish apply to results and needs only");
  }
  const text = readFileArg(values);
  const db = await openDatabase();
  try {
    if (what === "contracts") {
      const { importContracts, ContractImportError } = await import("../contracts/import.server.ts");
      const lines: string[] = [];
      const lineNumbers: number[] = [];
      text.split(/\r?\n/).forEach((l, i) => {
        if (l.trim()) {
          lines.push(l);
          lineNumbers.push(i + 1);
        }
      });
      if (!lines.length) throw badInput("文件中没有数据行 / The file has no lines");
      try {
        const result = await importContracts(lines, null, { lineNumbers, onProgress: progress("写入 / writing") });
        process.stdout.write(`已导入合同 / Contracts imported: ${result.imported}\n`);
      } catch (error) {
        if (error instanceof ContractImportError) {
          log(error.message);
          printProblems(error.problems);
          throw new CliError(EXIT_INPUT, "");
        }
        throw error;
      }
      return;
    }
    const { importListings, ListingImportError } = await import("./import-listings.server.ts");
    const validating = progress("校验 / validating");
    const writing = progress("写入 / writing");
    try {
      const result = await importListings(what as "results" | "needs", text, {
        orgName: typeof values["org-name"] === "string" ? values["org-name"] : undefined,
        publish: values.publish === true,
        onProgress: (phase, done, total) => (phase === "validate" ? validating : writing)(done, total),
      });
      const label = what === "results" ? "科技成果 / results" : "技术需求 / needs";
      const status = result.status === "published" ? "已发布 / published" : "草稿 / drafts";
      process.stdout.write(`已导入${label}: ${result.imported} (${status})\n`);
    } catch (error) {
      if (error instanceof ListingImportError) {
        log(error.message);
        printProblems(error.problems);
        throw new CliError(EXIT_INPUT, "");
      }
      throw error;
    }
  } finally {
    await closeDatabase(db);
  }
}

/** The search developer's reindexSearch(), found by name in search/*.server.ts. */
async function findReindex(): Promise<((options: Record<string, unknown>) => Promise<unknown>) | null> {
  const dir = path.resolve("search");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".server.ts")).sort() : [];
  for (const file of files) {
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    if (!/export\s+(async\s+)?function\s+reindexSearch\b|export\s+const\s+reindexSearch\b/.test(source)) continue;
    const mod = (await import(path.join(dir, file))) as { reindexSearch?: (o: Record<string, unknown>) => Promise<unknown> };
    if (typeof mod.reindexSearch === "function") return mod.reindexSearch;
  }
  return null;
}

async function searchReindex(values: Record<string, string | boolean | undefined>) {
  const engine = values.engine === undefined ? undefined : String(values.engine);
  if (engine !== undefined && engine !== "postgres" && engine !== "meili") {
    throw usage("search:reindex: --engine 只能是 postgres 或 meili / --engine must be postgres or meili");
  }
  const reindexSearch = await findReindex();
  if (!reindexSearch) {
    throw badInput(
      "search:reindex 暂不可用：search/ 中还没有 reindexSearch() / search:reindex is not available yet: search/ has no reindexSearch()",
    );
  }
  const db = await openDatabase();
  try {
    const result = await reindexSearch({
      ...(engine ? { engine: engine === "meili" ? "meilisearch" : "postgres" } : {}),
      onProgress: progress("重建索引 / reindexing"),
      log,
    });
    process.stdout.write(`索引已重建 / Search index rebuilt${result !== undefined ? `: ${JSON.stringify(result)}` : ""}\n`);
  } finally {
    await closeDatabase(db);
  }
}

async function dbUrl() {
  const db = await openDatabase();
  try {
    process.stdout.write(`${db.url}\n`);
    if (db.owned) {
      log("（嵌入式数据库是为本命令启动的，命令结束后会停止；应用运行时该地址可用）/ (the embedded server was started for this command and stops with it; the URL works while the app runs)");
    }
  } finally {
    await closeDatabase(db);
  }
}

async function closeDatabase(db: { stop: () => Promise<void> }) {
  const { disconnectPrisma } = await import("../db/db.server.ts");
  await disconnectPrisma().catch(() => {});
  await db.stop().catch(() => {});
}

// ------------------------------------------------------------------ main

async function main(argv: string[]) {
  const { command, values, positionals } = parseCommandLine(argv);
  switch (command) {
    case "help":
      process.stdout.write(`${HELP}\n`);
      return;
    case "user:create":
      return userCreate(values);
    case "token:create":
      return tokenCreate(values);
    case "import":
      return importCommand(values, positionals);
    case "search:reindex":
      return searchReindex(values);
    case "db:url":
      return dbUrl();
  }
}

let exitCode = EXIT_OK;
try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError) {
    if (error.message) log(error.message);
    if (error.exitCode === EXIT_USAGE) log("\n运行 `npm run cli -- help` 查看用法 / Run `npm run cli -- help` for usage");
    exitCode = error.exitCode;
  } else {
    log(`出错了 / Failed: ${(error as Error).stack ?? String(error)}`);
    exitCode = EXIT_INPUT;
  }
}
// Exit now, with our code: embedded-postgres installs a `beforeExit` hook (async-exit-hook) that
// would end the process with 0 whatever happened, and libraries may leave timers behind.
process.exit(exitCode);
