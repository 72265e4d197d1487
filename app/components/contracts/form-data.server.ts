// Reading the offers/contracts forms: text fields trimmed, amounts in 万元/元 → integer fen.
import { serverT, type Locale } from "../../i18n/i18n.ts";
import { isMoneyUnit, parseMoneyToFen } from "../../domain/money.ts";

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** "" → undefined, so optional schema fields stay absent. */
export function optional(form: FormData, name: string): string | undefined {
  return text(form, name) || undefined;
}

export type PercentRead = { bp: number | null; error?: string };

/**
 * A percentage typed as "3", "2.5" or "2.55%" → whole basis points (300, 250, 255); empty → null.
 * Only the format is checked here: the bounds are the schema's (so its message names the field).
 */
export function percentBp(form: FormData, name: string, locale: Locale): PercentRead {
  const raw = text(form, name)
    .replace(/[%％]$/, "")
    .trim();
  if (!raw) return { bp: null };
  const m = /^(\d{1,5})(?:[.．](\d{1,2}))?$/.exec(raw);
  if (!m) return { bp: null, error: serverT(locale)("contracts:common.percentError") };
  return { bp: Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) };
}

export type MoneyRead = { fen: number | null; error?: string };

/**
 * `<name>` + `<name>Unit` (+ `<name>Negotiable` when allowed). An empty optional field is null;
 * an empty required one is an error. Errors are messages in the reader's language.
 */
export function money(
  form: FormData,
  name: string,
  locale: Locale,
  opts: { required?: boolean; negotiable?: boolean } = {},
): MoneyRead {
  if (opts.negotiable && form.get(`${name}Negotiable`)) return { fen: null };
  const raw = text(form, name);
  const unitValue = form.get(`${name}Unit`);
  const unit = isMoneyUnit(unitValue) ? unitValue : "wan";
  if (!raw) {
    return opts.required
      ? { fen: null, error: serverT(locale)("contracts:common.moneyErrors.required") }
      : { fen: null };
  }
  const parsed = parseMoneyToFen(raw, unit);
  if (!parsed.ok) return { fen: null, error: serverT(locale)(`contracts:common.moneyErrors.${parsed.error}`) };
  return { fen: parsed.fen };
}
