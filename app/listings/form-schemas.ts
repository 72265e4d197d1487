// The HTML forms of results, needs and reviews send strings: keywords as one line, patent numbers
// one per line, money in 万元 (what people quote), contact as three fields. These schemas reuse the
// field rules of schemas.ts and produce the same content objects as the API. Client-safe.
import { z } from "zod";
import { MAX_FEN_LABEL, parseMoneyToFen } from "../domain/money.ts";
import { dedupe, L, splitList, text, type Label } from "../domain/schema-fields.ts";
import {
  contactEmailSchema,
  contactNameSchema,
  contactPhoneSchema,
  cooperationModeSchema,
  deadlineSchema,
  fieldSchema,
  ipDescription,
  keywordsProblem,
  LIMITS,
  maturitySchema,
  needDescription,
  needTitle,
  patentNumbersProblem,
  resultSummary,
  resultTitle,
  targetIndicators,
  transferModesSchema,
  type NeedFormValue,
  type ResultFormValue,
} from "./schemas.ts";

/** Money typed in 万元 (what people quote) → fen through the one money parser; empty is 面议. */
function wanSchema(label: Label) {
  return z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const parsed = parseMoneyToFen(v, "wan");
      if (parsed.ok) return parsed.fen;
      ctx.addIssue({
        code: "custom",
        message:
          parsed.error === "tooLarge"
            ? `${label.zh}超出上限（${MAX_FEN_LABEL.zh}） / ${label.en} is above the ceiling of ${MAX_FEN_LABEL.en}`
            : `${label.zh}请填写以万元为单位的数字，例如 50 或 12.5；留空表示面议 / ${label.en}: a number in units of ¥10,000, e.g. 50 or 12.5; leave empty for negotiable`,
      });
      return z.NEVER;
    });
}

const keywordsText = z
  .string()
  .optional()
  .transform((v) => dedupe(splitList(v ?? "")))
  .superRefine((list, ctx) => {
    const problem = keywordsProblem(list);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const patentNumbersText = z
  .string()
  .optional()
  .transform((v) => dedupe(splitList(v ?? "", /[\r\n,，;；、]+/)))
  .superRefine((list, ctx) => {
    const problem = patentNumbersProblem(list);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const contactFormFields = {
  contactName: contactNameSchema.optional(),
  contactPhone: contactPhoneSchema.optional(),
  contactEmail: contactEmailSchema.optional(),
};

function contactFrom(v: { contactName?: string; contactPhone?: string; contactEmail?: string }) {
  return { name: v.contactName ?? "", phone: v.contactPhone ?? "", email: v.contactEmail ?? "" };
}

export const resultFormSchema = z
  .object({
    title: resultTitle,
    summary: resultSummary,
    keywords: keywordsText,
    field: fieldSchema,
    maturity: maturitySchema,
    transferModes: transferModesSchema,
    priceWan: wanSchema(L("价格", "Price")),
    ipDescription: ipDescription.optional(),
    patentNumbers: patentNumbersText,
    ...contactFormFields,
  })
  .transform((v): ResultFormValue => ({
    title: v.title,
    summary: v.summary,
    keywords: v.keywords,
    field: v.field,
    maturity: v.maturity,
    transferModes: v.transferModes,
    priceFen: v.priceWan,
    ipDescription: v.ipDescription ?? "",
    patentNumbers: v.patentNumbers,
    contact: contactFrom(v),
  }));

export const needFormSchema = z
  .object({
    title: needTitle,
    description: needDescription,
    targetIndicators: targetIndicators.optional(),
    keywords: keywordsText,
    field: fieldSchema,
    budgetWan: wanSchema(L("预算", "Budget")),
    deadline: deadlineSchema.optional(),
    cooperationMode: cooperationModeSchema.optional(),
    ...contactFormFields,
  })
  .transform((v): NeedFormValue => ({
    title: v.title,
    description: v.description,
    targetIndicators: v.targetIndicators ?? "",
    keywords: v.keywords,
    field: v.field,
    budgetFen: v.budgetWan,
    deadline: v.deadline ?? null,
    cooperationMode: v.cooperationMode ?? null,
    contact: contactFrom(v),
  }));

export const reviewFormSchema = z
  .object({
    decision: z.enum(["approve", "reject"]),
    reason: text(L("驳回理由", "Reason for rejecting"), LIMITS.reason).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "reject" && !value.reason) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "驳回时必须填写理由 / A reason is required to reject",
      });
    }
  });
