// Environment, validated once at start-up: a misconfigured server refuses to start with a
// message naming the variable, instead of failing later on some request.
import { z } from "zod";

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
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("赣州科技大市场 <noreply@localhost>"),
  MEILI_HOST: z.string().url().optional(),
  MEILI_API_KEY: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
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
});

const productionNeeds = schema.superRefine((env, ctx) => {
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

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const clean = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = productionNeeds.safeParse(clean);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`环境变量无效 / Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

export function getEnv(): Env {
  return parseEnv(process.env);
}
