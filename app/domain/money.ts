// Money is integer fen (分) everywhere; these only format it for people.

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
