// Money typed into a form as two inputs — the amount and its unit (万元 or 元) — read inside a zod
// schema, so the form's client validation and its action share one rule. The amount goes through
// the one parser (money.ts); its refusals are "中文 / English" messages from the `forms` namespace,
// shown under the field in the reader's language. Client-safe.
import { z } from "zod";
import { MONEY_UNITS, parseMoneyToFen, type MoneyUnit } from "./money.ts";
import { formMessage } from "./zod-messages.ts";

const MESSAGES = {
  required: "moneyRequired",
  format: "moneyFormat",
  fraction: "moneyFraction",
  tooLarge: "moneyTooLarge",
} as const;

/**
 * The amount input: a required one is refused empty on its own, beside the other fields' messages
 * (an object's transform runs only once every field has passed).
 */
export function moneyAmountField(opts: { required?: boolean } = {}) {
  const amount = z.string({ error: formMessage("moneyRequired") }).trim();
  return opts.required ? amount.min(1, { error: formMessage("moneyRequired") }) : amount.optional();
}

/** The unit input of an amount (`<name>Unit`): 万元 or 元. */
export const moneyUnitField = z.enum(MONEY_UNITS).optional();

/**
 * Integer fen from the typed amount and unit (万元 when the form sent none), or null after adding
 * the refusal at `path`. An empty amount is null without an issue unless `required`.
 */
export function readMoney(
  raw: string | undefined,
  unit: MoneyUnit | undefined,
  ctx: z.RefinementCtx,
  path: string,
  opts: { required?: boolean } = {},
): number | null {
  if (!raw) {
    if (opts.required) ctx.addIssue({ code: "custom", path: [path], message: formMessage("moneyRequired") });
    return null;
  }
  const parsed = parseMoneyToFen(raw, unit ?? "wan");
  if (parsed.ok) return parsed.fen;
  ctx.addIssue({ code: "custom", path: [path], message: formMessage(MESSAGES[parsed.error]) });
  return null;
}
