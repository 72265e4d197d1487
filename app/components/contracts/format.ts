// Number display of the offers, contracts and statistics pages (dates: app/domain/time.ts, money:
// app/domain/money.ts).

export function formatPercent(ratio: number | null | undefined, locale: string, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  return new Intl.NumberFormat(locale.startsWith("en") ? "en" : "zh-CN", {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: "auto",
  }).format(ratio);
}

export function formatCount(n: number, locale: string) {
  return new Intl.NumberFormat(locale.startsWith("en") ? "en" : "zh-CN").format(n);
}
