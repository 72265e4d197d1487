// The one home for money (client-safe). Money is integer fen (分) everywhere: BigInt columns, JSON
// numbers in fen, and this module turns it into and out of what people type and read, and holds
// its one ceiling.

/**
 * The largest amount one contract or listing may carry: 1e12 fen = ¥100亿. A single technology
 * contract above that is a typing error, and the ceiling keeps every sum of a realistic set of
 * amounts far inside PostgreSQL's bigint and exact in a JS number. See
 * docs/decisions/0008-money-ceiling-exact-sums-and-drafts.md.
 */
export const MAX_FEN = 1_000_000_000_000;
/** The same ceiling in words, for messages. */
export const MAX_FEN_LABEL = { zh: "100 亿元", en: "¥10 billion" } as const;
export const MAX_FEN_MESSAGE =
  "金额不能超过 100 亿元（1,000,000,000,000 分）/ An amount cannot exceed ¥10 billion (1,000,000,000,000 fen)";

/** A sum for JSON and pages: a plain number while exact (below 2^53), else the exact bigint. */
export function fenTotal(sum: bigint): number | bigint {
  return sum <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(sum) : sum;
}

/** A sum from SQL (numeric, never cast to bigint so it cannot overflow) as an exact bigint. */
export function exactSum(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === "bigint") return value;
  return BigInt(String(value).replace(/\.0+$/, ""));
}

/** 1234500000 fen → "1,234.5万元" / "12.35亿元"; null → 面议 (negotiable). */
export function formatFen(fen: number | bigint | null | undefined, locale = "zh-CN"): string {
  const en = locale.startsWith("en");
  if (fen === null || fen === undefined) return en ? "Negotiable" : "面议";
  const n = Number(fen);
  const yuan = n / 100;
  if (en) {
    if (Math.abs(yuan) >= 1e6) return `¥${(yuan / 1e6).toLocaleString("en", { maximumFractionDigits: 2 })}M`;
    return `¥${yuan.toLocaleString("en", { maximumFractionDigits: 2 })}`;
  }
  if (Math.abs(yuan) >= 1e8) return `${(yuan / 1e8).toLocaleString("zh-CN", { maximumFractionDigits: 2 })}亿元`;
  if (Math.abs(yuan) >= 1e4) return `${(yuan / 1e4).toLocaleString("zh-CN", { maximumFractionDigits: 2 })}万元`;
  return `${yuan.toLocaleString("zh-CN", { maximumFractionDigits: 2 })}元`;
}

/**
 * The exact amount, never abbreviated (certificates and other documents of record):
 * "1,234,567.89 元" / "¥1,234,567.89", from integer fen without floating point.
 */
export function formatFenExact(fen: number | bigint, locale = "zh-CN"): string {
  const value = BigInt(fen);
  const abs = value < 0n ? -value : value;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = `${value < 0n ? "-" : ""}${yuan}.${(abs % 100n).toString().padStart(2, "0")}`;
  return locale.startsWith("en") ? `¥${text}` : `${text} 元`;
}

/** Exact 元 with two decimals from integer fen (no float rounding), for exports. */
export function fenToYuanText(fen: number) {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

// ——— money typed by people: 元 or 万元, converted to integer fen without floating point ———

export const MONEY_UNITS = ["wan", "yuan"] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];
const UNIT_DECIMALS: Record<MoneyUnit, number> = { yuan: 2, wan: 6 };

export type MoneyError = "required" | "format" | "fraction" | "tooLarge";
export type MoneyParse = { ok: true; fen: number } | { ok: false; error: MoneyError };

/** Each refusal of the parser as its message key in the `forms` namespace (errors.<key>). */
export const MONEY_MESSAGE_KEYS = {
  required: "moneyRequired",
  format: "moneyFormat",
  fraction: "moneyFraction",
  tooLarge: "moneyTooLarge",
} as const satisfies Record<MoneyError, string>;

/**
 * The one parser of typed amounts: "12.5" 万元 → 125000000 fen. Commas, spaces and full-width
 * digits are tolerated; units, signs and exponents are not.
 */
export function parseMoneyToFen(raw: string | null | undefined, unit: MoneyUnit): MoneyParse {
  const text = (raw ?? "")
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/\uFF0E/g, ".")
    .replace(/[,\s，]/g, "");
  if (!text) return { ok: false, error: "required" };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, error: "format" };
  const decimals = UNIT_DECIMALS[unit];
  const frac = m[2] ?? "";
  if (frac.replace(/0+$/, "").length > decimals) return { ok: false, error: "fraction" };
  const fen = BigInt(m[1]!) * 10n ** BigInt(decimals) + BigInt((frac + "0".repeat(decimals)).slice(0, decimals) || "0");
  if (fen > BigInt(MAX_FEN)) return { ok: false, error: "tooLarge" };
  return { ok: true, fen: Number(fen) };
}

/** 125000000 fen → "12.5" in 万元 / "1250000" in 元, for prefilling inputs ("" for null). */
export function fenToInput(fen: number | bigint | null | undefined, unit: MoneyUnit): string {
  if (fen === null || fen === undefined) return "";
  const value = BigInt(fen);
  const scale = 10n ** BigInt(UNIT_DECIMALS[unit]);
  const whole = value / scale;
  const frac = (value % scale).toString().padStart(UNIT_DECIMALS[unit], "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
}

export function isMoneyUnit(value: unknown): value is MoneyUnit {
  return value === "yuan" || value === "wan";
}
