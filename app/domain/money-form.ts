// Amounts and percentages as HTML forms send them (strings), read inside a form schema's transform:
// an amount is `<name>` typed in 万元 or 元 with `<name>Unit` (and, where 面议 is allowed, a
// `<name>Negotiable` checkbox), converted to integer fen by the one parser (money.ts); a percentage
// becomes whole basis points. Refusals are "中文 / English" messages of the `forms` namespace on the
// form's own field name, so the form controls show the reader's half. Client-safe: forms validate
// with the same schema.
import { z } from "zod";
import { isMoneyUnit, MONEY_MESSAGE_KEYS, MONEY_UNITS, parseMoneyToFen, type MoneyError } from "./money.ts";
import { formMessage } from "./zod-messages.ts";

export function moneyMessage(error: MoneyError) {
  return formMessage(MONEY_MESSAGE_KEYS[error]);
}

export const PERCENT_MESSAGE =
  "请填写百分比数字，例如 3 或 2.5（最多 2 位小数） / Enter a percentage, e.g. 3 or 2.5 (at most 2 decimals)";

const str = z.string().trim().optional();

/** The strings of one amount input: `<name>`, `<name>Unit`, `<name>Negotiable`. */
export function moneyShape<const N extends string>(name: N) {
  return { [name]: str, [`${name}Unit`]: str, [`${name}Negotiable`]: str } as {
    [K in N | `${N}Unit` | `${N}Negotiable`]: typeof str;
  };
}

/**
 * A required amount input of a form whose other fields have their own checks: refused empty on its
 * own, beside the other fields' messages (an object's transform runs only once every field passed).
 */
export function moneyAmountField(opts: { required?: boolean } = {}) {
  const amount = z.string({ error: formMessage("moneyRequired") }).trim();
  return opts.required ? amount.min(1, { error: formMessage("moneyRequired") }) : amount.optional();
}

/** The unit input of an amount (`<name>Unit`): 万元 or 元. */
export const moneyUnitField = z.enum(MONEY_UNITS).optional();

/**
 * The amount `name` of the form values `v` in fen (万元 when the form sent no unit): null when left
 * empty (or 面议 when allowed), undefined after adding an issue (empty but required, or not an
 * amount) at `path` (default: the field's own name).
 */
export function readMoney(
  v: Record<string, unknown>,
  name: string,
  ctx: z.RefinementCtx,
  opts: { required?: boolean; negotiable?: boolean; path?: Array<string | number> } = {},
): number | null | undefined {
  const path = opts.path ?? [name];
  if (opts.negotiable && v[`${name}Negotiable`]) return null;
  const raw = typeof v[name] === "string" ? (v[name] as string).trim() : "";
  const unitValue = v[`${name}Unit`];
  if (!raw) {
    if (!opts.required) return null;
    ctx.addIssue({ code: "custom", path, message: moneyMessage("required") });
    return undefined;
  }
  const parsed = parseMoneyToFen(raw, isMoneyUnit(unitValue) ? unitValue : "wan");
  if (parsed.ok) return parsed.fen;
  ctx.addIssue({ code: "custom", path, message: moneyMessage(parsed.error) });
  return undefined;
}

/** "3", "2.5" or "2.55%" → 300, 250, 255 basis points; empty → null; anything else → an issue (undefined). */
export function readPercentBp(raw: string | undefined, name: string, ctx: z.RefinementCtx): number | null | undefined {
  const text = (raw ?? "").replace(/[%％]$/, "").trim();
  if (!text) return null;
  const m = /^(\d{1,5})(?:[.．](\d{1,2}))?$/.exec(text);
  if (!m) {
    ctx.addIssue({ code: "custom", path: [name], message: PERCENT_MESSAGE });
    return undefined;
  }
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/**
 * The issues of an API schema, parsed after the form's own checks, on the form's field names
 * (`rename`: schema path → form field; unnamed paths and `skip`ped fields, already reported by the
 * form, are left out or moved to the form as a whole).
 */
export function addApiIssues(
  error: z.ZodError,
  ctx: z.RefinementCtx,
  rename: Record<string, string> = {},
  skip: ReadonlySet<string> = new Set(),
) {
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    const field = rename[path] ?? rename[String(issue.path[0] ?? "")] ?? path;
    if (skip.has(field)) continue;
    ctx.addIssue({ code: "custom", path: field ? [field] : [], message: issue.message });
  }
}
