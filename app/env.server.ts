// Environment, validated once at start-up: a misconfigured server refuses to start with a
// message naming the variable, instead of failing later on some request. Every variable the code
// reads is declared here and read through getEnv(); only the start-up code (app/server/start.ts,
// demo.ts, app/cli/database.ts, app/db/with-database.ts and the embedded PostgreSQL files) touches
// process.env, to set DATABASE_URL and friends for the process. The README's configuration table
// lists exactly these keys (tests/unit/env.test.ts).
import { z } from "zod";
import { parseTrustProxy } from "./server/trust-proxy.ts";

const flag = z.enum(["0", "1"], { error: "应为 0 或 1 / must be 0 or 1" });
const positiveInt = z.coerce.number({ error: "应为正整数 / must be a whole number" }).int().min(1);

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(16).optional(),
  /** the site's public address: the only source of links in mail (required in production) */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
    .optional(),
  /** reverse proxies whose X-Forwarded-* headers count (app/server/trust-proxy.ts) */
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if ("error" in parsed)
        ctx.addIssue({
          code: "custom",
          message: `false | true | hop count | comma list of IPs/subnets: ${parsed.error}`,
        });
    }),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("赣州科技大市场 <noreply@localhost>"),
  MEILI_HOST: z.string().url().optional(),
  MEILI_API_KEY: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** the pk_… key Stripe.js uses in the browser; with STRIPE_SECRET_KEY, pages that take card payment allow Stripe in their CSP */
  STRIPE_PUBLISHABLE_KEY: z.string().optional(),
  /** Stripe's API base URL; a local API double for tests and demos (docs/decisions/0008) */
  STRIPE_API_BASE: z.string().url().default("https://api.stripe.com"),
  /** the market's account that receives deposits by bank transfer (对公账户) */
  MARKET_DEPOSIT_BANK_NAME: z.string().default("中国银行赣州分行营业部"),
  MARKET_DEPOSIT_ACCOUNT_NAME: z.string().default("赣州科技大市场运营管理有限公司"),
  MARKET_DEPOSIT_ACCOUNT_NUMBER: z.string().default("1907 0000 0000 0000 0000"),
  /** trading: a bidding or listing lot is announced at least this many days before it opens (0 allowed) */
  MARKET_MIN_ANNOUNCE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /** trading: bidding lasts at least this many minutes (0 allowed) */
  MARKET_MIN_BIDDING_MINUTES: z.coerce.number().int().min(0).max(525_600).default(1440),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  /** HTTP worker processes in production (default: one per core, at most 8); 1 = no workers */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** folder of pg_dump/pg_restore for `db:backup`/`db:restore` (default: the server's major version's) */
  PG_BIN_DIR: z.string().optional(),
  /** days a broker's lead attributes the deals between its two organizations to the broker */
  LEAD_ATTRIBUTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** per-IP requests per minute, shared out between the HTTP workers */
  RATE_LIMIT_AUTH_PER_MINUTE: positiveInt.default(20),
  RATE_LIMIT_API_PER_MINUTE: positiveInt.default(1200),
  /** "0": no access log lines */
  LOG_REQUESTS: flag.default("1"),
  /** "0": Express answers the hot API routes too, instead of the front door (comparisons, benchmarks) */
  FRONT_DOOR: flag.default("1"),
  /** "1": session cookies without Secure in production (a plain-HTTP trial behind no TLS) */
  INSECURE_COOKIES: flag.default("0"),
  /** a bidding room's events go to its watchers at most once per this many ms, together (0: every event-loop turn; docs/decisions/0029) */
  AUCTION_EVENTS_WINDOW_MS: z.coerce.number().int().min(0).max(1000).default(50),
  /**
   * an HTTP worker's token-bid calls in flight per lot; the bids that arrive meanwhile share the next
   * call. "0": every token bid is a call of its own (comparisons; docs/decisions/0032)
   */
  AUCTION_BID_BATCH: z.coerce.number().int().min(0).max(8).default(2),
  /** connections of the app's PostgreSQL pool (per process) */
  DATABASE_POOL_SIZE: positiveInt.max(200).default(10),
  /** "0": no search/list response cache */
  SEARCH_CACHE: flag.default("1"),
  /** how long a cached search response may live even without a NOTIFY (ms) */
  SEARCH_CACHE_TTL_MS: positiveInt.default(30_000),
  /** "1" (default): searches answered from an in-process index per worker, kept in step with PostgreSQL; "0": by PostgreSQL (docs/decisions/0026) */
  SEARCH_MEMORY_INDEX: flag.default("1"),
  /** "1" (default): that index keeps every listing's list API item too, so a list page costs PostgreSQL its change check only; "0": the items are read per request (docs/decisions/0026 "Eighth") */
  SEARCH_MEMORY_ITEMS: flag.default("1"),
  /** PostgreSQL statement_timeout of search queries (ms) */
  SEARCH_STATEMENT_TIMEOUT_MS: positiveInt.default(3000),
  /** connections of the search pool (per process) */
  SEARCH_POOL_SIZE: positiveInt.max(200).default(10),
  /** Meilisearch index names start with this (several installations on one server) */
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, "letters, digits, _ and - only")
    .default("gztm_"),
  /** Meilisearch request timeout (ms) */
  MEILI_TIMEOUT_MS: positiveInt.default(5000),
  /** a new listing alerts the owners of matches scoring at least this (0–1) */
  MATCH_ALERT_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.45),
  /** the operator's contact shown in every page's footer (the demo bureau's office by default) */
  SITE_CONTACT_PHONE: z.string().trim().max(40).default("0797-8188100"),
  SITE_CONTACT_EMAIL: z.string().trim().email().default("service@gzkjj.demo.gz"),
  /** ICP filing number (ICP备案号, e.g. 赣ICP备12345678号-1): the footer shows it only when set */
  SITE_ICP_RECORD: z.string().trim().max(60).optional(),
  /** public-security filing number (公安备案号, e.g. 赣公网安备36070202000001号): shown only when set */
  SITE_PSB_RECORD: z.string().trim().max(60).optional(),
  /** the largest file a listing takes (bytes; docs/decisions/0022-listing-files.md) */
  FILE_MAX_BYTES: positiveInt.max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** how many files one result or need may carry */
  FILE_MAX_PER_LISTING: positiveInt.max(200).default(20),
  /** where listing files are kept: DATA_DIR/files, or an S3-compatible bucket (the S3_* below) */
  FILE_STORAGE: z.enum(["local", "s3"], { error: "应为 local 或 s3 / must be local or s3" }).default("local"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
});

const productionNeeds = schema.superRefine((env, ctx) => {
  if (env.FILE_STORAGE === "s3") {
    for (const key of ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
      if (!env[key]) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "FILE_STORAGE=s3 时必须设置 / required when FILE_STORAGE=s3",
        });
      }
    }
  }
  if (env.NODE_ENV === "production" && !env.PUBLIC_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["PUBLIC_URL"],
      message:
        "生产环境必须设置站点的公开地址（邮件中的链接只用它）/ required in production: the site's public address, " +
        "the only source of links in mail (e.g. PUBLIC_URL=https://market.example.cn; for a local trial: npm run demo)",
    });
  }
});

export type Env = z.infer<typeof schema>;

function clean(source: NodeJS.ProcessEnv) {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
}

function refuse(error: z.ZodError): never {
  const lines = error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new Error(`环境变量无效 / Invalid environment variables:\n${lines.join("\n")}`);
}

/** The server's start-up check (start.ts, each HTTP worker): every variable, and production's needs. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = productionNeeds.safeParse(clean(source));
  return result.success ? result.data : refuse(result.error);
}

let cached: { key: string; version: number; env: Env } | undefined;

/**
 * process.env, watched: every write, delete or replacement of it moves `envVersion`, so getEnv()
 * re-reads the declared variables only after a change. Reading all of them on every call was
 * about 4 % of an uncached search request's CPU (getEnv is called ~9 times per request;
 * docs/decisions/0026), and tests do change the environment between calls.
 */
let envVersion = 0;
let watched: NodeJS.ProcessEnv | undefined;
function watchEnv() {
  if (process.env === watched) return;
  watched = new Proxy(process.env, {
    set(target, name, value) {
      envVersion++;
      return Reflect.set(target, name, value);
    },
    deleteProperty(target, name) {
      envVersion++;
      return Reflect.deleteProperty(target, name);
    },
    defineProperty(target, name, descriptor) {
      envVersion++;
      return Reflect.defineProperty(target, name, descriptor);
    },
  });
  process.env = watched;
  envVersion++;
}

/**
 * The validated environment for code that reads a variable (the one way to read one: no
 * process.env elsewhere but the start-up code that sets DATABASE_URL, NODE_ENV and the session
 * secret). Re-read when process.env changes (tests switch engines), parsed once otherwise. The
 * production-only rules are start-up's: the CLI and seeds run without PUBLIC_URL.
 */
export function getEnv(): Env {
  watchEnv();
  if (cached?.version === envVersion) return cached.env;
  // only the declared variables count (the schema drops the rest): reading the whole environment
  // on every call was a measurable share of a small API request's CPU time
  let key = "";
  for (const name of ENV_KEYS) key += `${process.env[name] ?? "\u0000"}\u0001`;
  if (cached?.key !== key) {
    const result = schema.safeParse(clean(process.env));
    cached = { key, version: envVersion, env: result.success ? result.data : refuse(result.error) };
  }
  cached.version = envVersion;
  return cached.env;
}

/** Every variable the app reads, as declared above (the README's configuration table lists exactly these). */
export const ENV_KEYS = Object.keys(schema.shape) as Array<keyof Env>;

/**
 * Read only by the test and benchmark tooling, never by the app: listed in the README's second
 * table ("Test variables"). Benchmarks' own BENCH_* knobs are described in tests/bench/ instead.
 */
export const TEST_ENV_KEYS = [
  "TEST_DB_DIR",
  "TEST_DATABASE_URL",
  "E2E_PORT",
  "E2E_DATA_DIR",
  "E2E_TRACE",
  "E2E_RETRIES",
  "CHROMIUM_PATH",
  "STRIPE_DOUBLE_PORT",
  "WEBHOOK_URL",
] as const;
