// The CLI's command-line grammar, help text and error type: exit codes 0 ok, 1 failure (bad input,
// or anything that went wrong while running, such as the database going away), 2 usage.
import { parseArgs, type ParseArgsConfig } from "node:util";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    public exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
export const usage = (message: string) => new CliError(EXIT_USAGE, message);
export const badInput = (message: string) => new CliError(EXIT_FAILURE, message);

export type Values = Record<string, string | boolean | undefined>;

export const HELP = `赣州科技大市场 CLI / Ganzhou Technology Market CLI

用法 / Usage: npm run cli -- <command> [options]

  user:create --email E --password P --role R [--name N]
              [--org-name N --org-kind K --org-credit-code C --org-region CODE] [--org-zone Z]
      创建用户；科研人员/企业/经纪人需要机构：按信用代码、再按名称匹配已有机构（忽略空格、全角/半角和大小写，
      优先已认证的；仍有多个时列出候选及其信用代码，请改用 --org-credit-code），否则创建（CLI 创建的机构为已认证）。
      Creates a user. researcher/company/broker need an organization: matched by credit code, else by
      name (ignoring spaces, full-width forms and case; the verified one first; when still ambiguous
      the candidates and their credit codes are listed: use --org-credit-code), else created
      (organizations created here are verified).
      R: researcher | company | broker | bureau | admin
      K: university | institute | enterprise | agency | government
      Z: gz_etdz | gz_htdz | rongjiang | longnan_etdz

  token:create --email E [--name N]
      创建 API 令牌，令牌单独打印在最后一行。/ Creates an API token, printed alone on the last line.

  import results|needs --file F.jsonl [--org-name N | --org-credit-code C] [--publish]
      每行一个 JSON 对象（API 字段，可带 organizationName）。边校验边写入同一事务，任何一行有误则不写入。
      机构名称的匹配同 user:create（优先已认证的；有歧义时用 --org-credit-code 指定）。
      One JSON object per line (the API's fields, optionally organizationName). Validated while
      written, in one transaction; if any line is bad nothing is written. --publish publishes, else drafts.
      Names match as in user:create (the verified one first; if ambiguous, give --org-credit-code).

  import contracts --file F.jsonl
      导入历史登记合同（全部成功或全部不写入）。/ Imports registered contracts (all or nothing).

  search:reindex [--engine postgres|meili]
      从数据库重建搜索索引。/ Rebuilds the search index from the database.

  db:backup --out FILE
      用与数据库版本相同的 pg_dump 备份整个数据库（自定义格式）。/ Backs up the whole database with the
      pg_dump of the server's version (custom format).

  db:restore --file FILE
      恢复到空数据库（新的 DATA_DIR 或空的 DATABASE_URL 数据库）；目标非空则拒绝。/ Restores into an
      empty database (a new DATA_DIR, or an empty DATABASE_URL database); refuses a non-empty one.

  db:url      打印数据库连接地址 / Prints the database URL
  help        显示本帮助 / Shows this help

环境变量 / Environment: DATABASE_URL (existing PostgreSQL), DATA_DIR (embedded data, default .data)
退出码 / Exit codes: 0 成功 ok, 1 输入有误 bad input, 2 用法错误 usage`;

type Options = NonNullable<ParseArgsConfig["options"]>;

export const COMMANDS: Record<string, { options: Options; positionals?: number }> = {
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
    options: {
      file: { type: "string" },
      "org-name": { type: "string" },
      "org-credit-code": { type: "string" },
      publish: { type: "boolean" },
    },
    positionals: 1,
  },
  "search:reindex": { options: { engine: { type: "string" } } },
  "db:url": { options: {} },
  "db:backup": { options: { out: { type: "string" } } },
  "db:restore": { options: { file: { type: "string" } } },
  help: { options: {} },
};

export function log(message: string) {
  process.stderr.write(`${message}\n`);
}

export function required(values: Record<string, unknown>, names: string[], command: string) {
  const missing = names.filter((n) => values[n] === undefined || values[n] === "");
  if (missing.length) {
    throw usage(`${command}: 缺少参数 / missing option(s): ${missing.map((m) => `--${m}`).join(", ")}`);
  }
}

export function parseCommandLine(argv: string[]) {
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  const command = args[0];
  if (!command || command === "--help" || command === "-h")
    return { command: "help" as const, values: {}, positionals: [] };
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
    throw usage(
      `${command}: 多余的参数 / unexpected argument(s): ${parsed.positionals.slice(spec.positionals ?? 0).join(" ")}`,
    );
  }
  return {
    command,
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
  };
}
