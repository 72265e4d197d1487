// The zod schemas of results and needs as the API and the CLI importer send them, shared with the
// server workflows (form variants: form-schemas.ts; field rules: app/domain/schema-fields.ts).
// Client-safe: no server imports. Messages are Chinese, then " / " and English.
import { z } from "zod";
import { FIELDS, MATURITIES, TRANSFER_MODES } from "../domain/catalog.ts";
import {
  calendarDay,
  CONTROL_CHARS,
  dedupe,
  enumOf,
  fenSchema,
  L,
  strictShape,
  text,
  unknownKeysMessage,
} from "../domain/schema-fields.ts";

export const LIMITS = {
  title: 120,
  summary: 5000,
  description: 5000,
  targetIndicators: 2000,
  ipDescription: 2000,
  keywordCount: 12,
  keywordLength: 30,
  patentCount: 20,
  patentLength: 40,
  contactName: 50,
  contactPhone: 30,
  contactEmail: 120,
  reason: 1000,
} as const;

export const fieldSchema = enumOf(FIELDS, L("技术领域", "Technology field"));
export const maturitySchema = enumOf(MATURITIES, L("成熟度", "Maturity"));
export const transferModeSchema = enumOf(TRANSFER_MODES, L("转化方式", "Transfer mode"));
export const cooperationModeSchema = enumOf(TRANSFER_MODES, L("合作方式", "Cooperation mode"));

// ---------------------------------------------------------------- keywords and patent numbers

export function keywordsProblem(list: string[]): string | null {
  if (list.length > LIMITS.keywordCount) {
    return `关键词最多 ${LIMITS.keywordCount} 个 / At most ${LIMITS.keywordCount} keywords`;
  }
  const long = list.find((k) => k.length > LIMITS.keywordLength);
  if (long) {
    return `关键词“${long.slice(0, 10)}…”超过 ${LIMITS.keywordLength} 个字符 / Each keyword must be at most ${LIMITS.keywordLength} characters`;
  }
  if (list.some((k) => CONTROL_CHARS.test(k)))
    return "关键词包含不可见的控制字符 / A keyword contains control characters";
  return null;
}

export const keywordsSchema = z
  .array(z.string({ error: "关键词应为文本 / Each keyword must be a string" }).trim(), {
    error: "关键词应为字符串数组 / keywords must be an array of strings",
  })
  .transform((list) => dedupe(list.filter(Boolean)))
  .superRefine((list, ctx) => {
    const problem = keywordsProblem(list);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const PATENT_NUMBER = /^[A-Za-z0-9.\-/ ]+$/;

export function patentNumbersProblem(list: string[]): string | null {
  if (list.length > LIMITS.patentCount)
    return `专利号最多 ${LIMITS.patentCount} 个 / At most ${LIMITS.patentCount} patent numbers`;
  const bad = list.find((p) => p.length > LIMITS.patentLength || !PATENT_NUMBER.test(p));
  if (bad) {
    return `专利号“${bad.slice(0, 20)}”格式不正确（字母、数字、点和连字符，最多 ${LIMITS.patentLength} 个字符，例如 ZL202110123456.7） / Invalid patent number (letters, digits, dots and hyphens, e.g. ZL202110123456.7)`;
  }
  return null;
}

export const patentNumbersSchema = z
  .array(z.string({ error: "专利号应为文本 / Each patent number must be a string" }).trim(), {
    error: "专利号应为字符串数组 / patentNumbers must be an array of strings",
  })
  .transform((list) => dedupe(list.filter(Boolean)))
  .superRefine((list, ctx) => {
    const problem = patentNumbersProblem(list);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const transferModesSchema = z
  .array(transferModeSchema, { error: "请至少选择一种转化方式 / Choose at least one transfer mode" })
  .min(1, "请至少选择一种转化方式 / Choose at least one transfer mode")
  .transform((list) => [...new Set(list)]);

// ---------------------------------------------------------------- dates

export const deadlineSchema = calendarDay(
  { zh: "截止日期", en: "deadline" },
  {
    years: { min: 2000, max: 2100 },
    messages: {
      required: "截止日期应为 YYYY-MM-DD 格式的字符串 / The deadline must be a YYYY-MM-DD string",
      format: "截止日期格式应为 YYYY-MM-DD / The deadline must be YYYY-MM-DD",
      impossible: "截止日期不是有效的日期 / The deadline is not a valid calendar date",
    },
  },
).nullable();

// ---------------------------------------------------------------- contact

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
export const contactNameSchema = text(L("联系人", "Contact name"), LIMITS.contactName, { singleLine: true });
export const contactPhoneSchema = text(L("联系电话", "Contact phone"), LIMITS.contactPhone, {
  singleLine: true,
}).refine(
  (v) => v === "" || /^[0-9+\-() ]{5,30}$/.test(v),
  "联系电话只能包含数字、空格和 + - ( ) / The phone number may contain digits, spaces and + - ( )",
);
export const contactEmailSchema = text(L("联系邮箱", "Contact email"), LIMITS.contactEmail, {
  singleLine: true,
}).refine((v) => v === "" || EMAIL.test(v), "联系邮箱格式不正确 / The contact email is not a valid address");

export const contactSchema = z.strictObject(
  { name: contactNameSchema.optional(), phone: contactPhoneSchema.optional(), email: contactEmailSchema.optional() },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? unknownKeysMessage(issue.keys)
        : "联系方式应为对象 / contact must be an object",
  },
);

// ---------------------------------------------------------------- results (科技成果)

export const resultTitle = text(L("成果名称", "Title"), LIMITS.title, { required: true, singleLine: true });
export const resultSummary = text(L("成果简介", "Summary"), LIMITS.summary, { required: true });
export const ipDescription = text(L("知识产权说明", "IP description"), LIMITS.ipDescription);
const priceFen = fenSchema(L("价格", "Price"));

const resultShape = {
  title: resultTitle,
  summary: resultSummary,
  keywords: keywordsSchema.optional(),
  field: fieldSchema,
  maturity: maturitySchema,
  transferModes: transferModesSchema,
  priceFen: priceFen.optional(),
  ipDescription: ipDescription.optional(),
  patentNumbers: patentNumbersSchema.optional(),
  contact: contactSchema.optional(),
};

/** POST /api/v1/results. `organizationId` is for admins entering a listing for another organization. */
export const resultCreateSchema = strictShape({
  ...resultShape,
  organizationId: z.string().trim().max(40).optional(),
  submit: z.boolean({ error: "submit 应为 true 或 false / submit must be a boolean" }).optional(),
});

/** PATCH /api/v1/results/:id: any subset of the fields; `submit: true` also sends it to review. */
export const resultUpdateSchema = strictShape({
  title: resultTitle.optional(),
  summary: resultSummary.optional(),
  keywords: keywordsSchema.optional(),
  field: fieldSchema.optional(),
  maturity: maturitySchema.optional(),
  transferModes: transferModesSchema.optional(),
  priceFen: priceFen.optional(),
  ipDescription: ipDescription.optional(),
  patentNumbers: patentNumbersSchema.optional(),
  contact: contactSchema.optional(),
  submit: z.boolean({ error: "submit 应为 true 或 false / submit must be a boolean" }).optional(),
});

export type ResultCreateInput = z.output<typeof resultCreateSchema>;
export type ResultUpdateInput = z.output<typeof resultUpdateSchema>;
/** The listing content both the API and the form produce. */
export type ResultContent = Omit<ResultUpdateInput, "submit">;
/** A complete result as the form produces it (fits both create and update). */
export type ResultFormValue = Omit<ResultCreateInput, "submit" | "organizationId">;

// ---------------------------------------------------------------- needs (技术需求)

export const needTitle = text(L("需求名称", "Need title"), LIMITS.title, { required: true, singleLine: true });
export const needDescription = text(L("需求描述", "Need description"), LIMITS.description, { required: true });
export const targetIndicators = text(L("技术指标", "Target indicators"), LIMITS.targetIndicators);
const budgetFen = fenSchema(L("预算", "Budget"));

export const needCreateSchema = strictShape({
  title: needTitle,
  description: needDescription,
  targetIndicators: targetIndicators.optional(),
  keywords: keywordsSchema.optional(),
  field: fieldSchema,
  budgetFen: budgetFen.optional(),
  deadline: deadlineSchema.optional(),
  cooperationMode: cooperationModeSchema.nullable().optional(),
  contact: contactSchema.optional(),
  organizationId: z.string().trim().max(40).optional(),
  submit: z.boolean({ error: "submit 应为 true 或 false / submit must be a boolean" }).optional(),
});

export const needUpdateSchema = strictShape({
  title: needTitle.optional(),
  description: needDescription.optional(),
  targetIndicators: targetIndicators.optional(),
  keywords: keywordsSchema.optional(),
  field: fieldSchema.optional(),
  budgetFen: budgetFen.optional(),
  deadline: deadlineSchema.optional(),
  cooperationMode: cooperationModeSchema.nullable().optional(),
  contact: contactSchema.optional(),
  submit: z.boolean({ error: "submit 应为 true 或 false / submit must be a boolean" }).optional(),
});

export type NeedCreateInput = z.output<typeof needCreateSchema>;
export type NeedUpdateInput = z.output<typeof needUpdateSchema>;
export type NeedContent = Omit<NeedUpdateInput, "submit">;
export type NeedFormValue = Omit<NeedCreateInput, "submit" | "organizationId">;

// ---------------------------------------------------------------- review, withdraw

export const reviewSchema = strictShape({
  decision: z.enum(["approve", "reject"], {
    error: 'decision 应为 approve 或 reject / decision must be "approve" or "reject"',
  }),
  reason: text(L("驳回理由", "Reason for rejecting"), LIMITS.reason).optional(),
}).superRefine((value, ctx) => {
  if (value.decision === "reject" && !value.reason) {
    ctx.addIssue({ code: "custom", path: ["reason"], message: "驳回时必须填写理由 / A reason is required to reject" });
  }
});
export type ReviewInput = z.output<typeof reviewSchema>;

export const withdrawSchema = strictShape({
  reason: text(L("撤回说明", "Reason for withdrawing"), LIMITS.reason).optional(),
});
