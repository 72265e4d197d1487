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
