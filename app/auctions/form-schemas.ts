// The lot form (/auctions/new): what HTML inputs send (money in 元, times as Shanghai wall-clock
// `datetime-local`) becomes the body of POST /api/v1/auctions, and the API's own schema
// (auctionCreateSchema) then applies every rule, so the form and the API cannot drift apart.
// Its errors come back on the form's field names. Client-safe.
import { z } from "zod";
import { MAX_FEN_LABEL, parseMoneyToFen } from "../domain/money.ts";
import { auctionCreateSchema, lotNeeds } from "./schemas.ts";

/** API money fields (fen) and the form inputs (元) that carry them. */
const MONEY_INPUTS = {
  startPriceFen: "startPrice",
  incrementFen: "increment",
  reservePriceFen: "reservePrice",
  depositFen: "deposit",
} as const;
type MoneyKey = keyof typeof MONEY_INPUTS;

/** The form field that shows an error the API reports for `apiKey`. */
export function formFieldOf(apiKey: string): string {
  return (MONEY_INPUTS as Record<string, string>)[apiKey] ?? apiKey;
}

const LABELS: Record<MoneyKey, { zh: string; en: string }> = {
  startPriceFen: { zh: "起拍价", en: "Starting price" },
  incrementFen: { zh: "加价幅度", en: "Increment" },
  reservePriceFen: { zh: "保留价", en: "Reserve" },
  depositFen: { zh: "保证金", en: "Deposit" },
};

/** "2026-12-18T09:00" typed in Shanghai → "2026-12-18T09:00:00+08:00" (what the API takes). */
export function shanghaiInputToIso(value: string) {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return `${value}:00+08:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) return `${value}+08:00`;
  return value;
}

/** An instant → the Shanghai wall-clock value of a `datetime-local` input ("2026-12-18T09:00"). */
export function isoToShanghaiInput(at: Date) {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

const str = z.string().trim().optional();

export const lotFormSchema = z
  .object({
    resultId: str,
    mode: str,
    contractType: str,
    licenseScope: str,
    licenseTermMonths: str,
    startPrice: str,
    increment: str,
    reservePrice: str,
    deposit: str,
    depositOverrideReason: str,
    biddingStartsAt: str,
    biddingEndsAt: str,
    softCloseSeconds: str,
    buyerOrgId: str,
    buyerRelation: str,
    noticeEndsAt: str,
  })
  .transform((v, ctx) => {
    const body: Record<string, unknown> = {
      resultId: v.resultId ?? "",
      mode: v.mode ?? "",
      contractType: v.contractType,
    };
    const reported = new Set<string>();
    const money = (key: MoneyKey, required: boolean) => {
      const raw = v[MONEY_INPUTS[key]];
      const l = LABELS[key];
      reported.add(MONEY_INPUTS[key]);
      if (!raw) {
        if (required)
          ctx.addIssue({
            code: "custom",
            path: [MONEY_INPUTS[key]],
            message: `请填写${l.zh}（元） / Enter the ${l.en.toLowerCase()} in yuan`,
          });
        return;
      }
      const parsed = parseMoneyToFen(raw, "yuan");
      if (parsed.ok) {
        reported.delete(MONEY_INPUTS[key]);
        body[key] = parsed.fen;
        return;
      }
      ctx.addIssue({
        code: "custom",
        path: [MONEY_INPUTS[key]],
        message:
          parsed.error === "tooLarge"
            ? `${l.zh}超出上限（${MAX_FEN_LABEL.zh}） / ${l.en} is above the ceiling of ${MAX_FEN_LABEL.en}`
            : `${l.zh}请填写以元为单位的金额，例如 500000 或 12.50 / ${l.en}: an amount in yuan, e.g. 500000 or 12.50`,
      });
    };
    const int = (key: "licenseTermMonths" | "softCloseSeconds") => {
      if (v[key]) body[key] = /^\d+$/.test(v[key]!) ? Number(v[key]) : v[key];
    };
    const time = (key: "biddingStartsAt" | "biddingEndsAt" | "noticeEndsAt") => {
      if (v[key]) body[key] = shanghaiInputToIso(v[key]!);
    };
    money("startPriceFen", true);
    if (v.contractType === "license") {
      if (v.licenseScope) body.licenseScope = v.licenseScope;
      int("licenseTermMonths");
    }
    if (v.mode === "notice") {
      if (v.buyerOrgId) body.buyerOrgId = v.buyerOrgId;
      if (v.buyerRelation) body.buyerRelation = v.buyerRelation;
      time("noticeEndsAt");
    } else {
      money("incrementFen", true);
      if (v.mode === "bidding") {
        money("reservePriceFen", false);
        int("softCloseSeconds");
      }
      money("depositFen", false);
      if (v.depositOverrideReason) body.depositOverrideReason = v.depositOverrideReason;
      time("biddingStartsAt");
      time("biddingEndsAt");
    }
    // what this kind of sale needs, said now: the API's schema says it only once the price is valid
    for (const n of lotNeeds(v.mode, v.contractType)) {
      const field = formFieldOf(n.key);
      if (body[n.key] !== undefined || reported.has(field)) continue;
      ctx.addIssue({ code: "custom", path: [field], message: n.message });
      reported.add(field);
    }
    // a money input that is empty or did not parse already has its message; the API would only repeat it
    const parsed = auctionCreateSchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "");
        if (reported.has(formFieldOf(key))) continue;
        ctx.addIssue({ code: "custom", path: key ? [formFieldOf(key)] : [], message: issue.message });
      }
      return z.NEVER;
    }
    return parsed.data;
  });
export type LotFormValue = z.output<typeof lotFormSchema>;
/** The form's inputs, as strings. */
export type LotFormFields = z.input<typeof lotFormSchema>;
