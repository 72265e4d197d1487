// Money is integer fen (分) everywhere; these format it for people and hold its one ceiling.

/**
 * The largest amount one contract or listing may carry: 1e12 fen = ¥100亿. A single technology
 * contract above that is a typing error, and the ceiling keeps every sum of a realistic set of
 * amounts far inside PostgreSQL's bigint and exact in a JS number. See docs/decisions/ on money.
 */
export const MAX_FEN = 1_000_000_000_000;
export const MAX_FEN_MESSAGE = "金额不能超过 100 亿元（1,000,000,000,000 分）/ An amount cannot exceed ¥10 billion (1,000,000,000,000 fen)";

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

export function fenToYuanString(fen: number) {
  const yuan = fen / 100;
  return yuan.toLocaleString("zh-CN", { minimumFractionDigits: 0, maximumFractionDigits: 2 });
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

/** Whole-yuan or 万元 input from forms → fen, refusing fractions of a fen. */
export function yuanToFen(yuan: number) {
  return Math.round(yuan * 100);
}
