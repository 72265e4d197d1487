// One zod schema per shape of the contracts feature (技术合同), shared by the API, the CLI import
// and the forms. Messages are shown as they are: Chinese first, then " / " and English.
import { z } from "zod";
import { calendarDay, isoDateTime, strictShape } from "../domain/schema-fields.ts";
import { CONTRACT_SUBTYPES, CONTRACT_TYPES, FIELDS, ORG_KINDS, type ContractType } from "../domain/catalog.ts";
import { MAX_FEN, MAX_FEN_MESSAGE } from "../domain/money.ts";
import { REGISTRATION_NUMBER_RE } from "./registration-number.ts";

import { CONTRACT_STATUSES } from "./statuses.ts";

export { CONTRACT_STATUSES, CONTRACT_STATUS_NAMES, type ContractStatus } from "./statuses.ts";

// Intellectual property involved (统计口径: 知识产权类型).
export const IP_TYPES = [
  "patent",
  "patent_application",
  "software_copyright",
  "ic_layout",
  "plant_variety",
  "new_drug",
  "know_how",
  "other",
  "none",
] as const;
export const IP_TYPE_NAMES: Record<(typeof IP_TYPES)[number], { zh: string; en: string }> = {
  patent: { zh: "专利", en: "Patent" },
  patent_application: { zh: "专利申请", en: "Patent application" },
  software_copyright: { zh: "计算机软件著作权", en: "Software copyright" },
  ic_layout: { zh: "集成电路布图设计", en: "IC layout design" },
  plant_variety: { zh: "植物新品种", en: "Plant variety" },
  new_drug: { zh: "生物医药新品种", en: "New drug / biological variety" },
  know_how: { zh: "技术秘密", en: "Know-how" },
  other: { zh: "其他知识产权", en: "Other IP" },
  none: { zh: "未涉及知识产权", en: "No IP" },
};

export const MSG = {
  required: "必填 / Required",
  fenType: "金额须为以分为单位的整数（JSON 数字，不带单位）/ Amounts are integers in fen (a JSON number, no units)",
  fenInt: "金额须为整数分，不能有小数 / Amounts must be whole fen, no fractions",
  fenNegative: "金额不能为负数 / Amounts cannot be negative",
  fenTooLarge: MAX_FEN_MESSAGE,
  costsAboveAmount: "非技术性费用不能超过合同成交额 / Non-technical costs cannot exceed the contract amount",
  dateFormat: "日期格式应为 YYYY-MM-DD / Dates are YYYY-MM-DD",
  dateImpossible: "日期不存在 / This date does not exist",
  validBeforeSigned: "有效期截止日不能早于签订日期 / The validity end cannot be before the signing date",
  typeUnknown: `未知的合同类型，应为 ${CONTRACT_TYPES.join("、")} / Unknown contract type`,
  subtypeUnknown: "该合同类型下没有这个子类型 / Unknown subtype for this contract type",
  sameParties:
    "卖方（技术输出方）与买方（技术吸纳方）不能是同一单位 / Seller and buyer must be different organizations",
  fieldUnknown: "未知的技术领域 / Unknown technical field",
  ipTypeUnknown: "未知的知识产权类型 / Unknown IP type",
  titleRequired: "请填写合同名称 / Title is required",
  titleTooLong: "合同名称不超过 200 字 / Title is at most 200 characters",
  idInvalid: "编号无效 / Invalid id",
  reasonRequired: "请填写原因 / A reason is required",
  textTooLong: "内容过长 / Too long",
  noteRequired: "退回或不予登记须说明理由 / Returning or rejecting needs a note",
  amendNothing: "请至少修改一项金额 / Change at least one amount",
  registrationNumber:
    "登记号应为14位数字：年份2位 + 36（江西）+ 07（赣州）+ 登记点2位 + 序号6位 / A registration number is 14 digits: year(2) + 36 + 07 + point(2) + serial(6)",
  registeredAt: "登记时间应为 ISO-8601 时间，如 2025-06-30T10:00:00+08:00 / registeredAt must be an ISO-8601 time",
};

export const fenSchema = z
  .number({ error: (issue) => (issue.input === undefined ? MSG.required : MSG.fenType) })
  .int({ error: MSG.fenInt })
  .min(0, { error: MSG.fenNegative })
  .max(MAX_FEN, { error: MSG.fenTooLarge });

/** A real calendar date written YYYY-MM-DD ("2026-02-30" is refused). */
export const dateOnlySchema = calendarDay(
  { zh: "日期", en: "date" },
  { messages: { required: MSG.required, format: MSG.dateFormat, impossible: MSG.dateImpossible } },
);

const idSchema = z
  .string({ error: MSG.idInvalid })
  .trim()
  .min(1, { error: MSG.idInvalid })
  .max(64, { error: MSG.idInvalid });
const optionalId = idSchema.nullish();

/** 佣金: a rate in basis points of the contract amount (10000 = 100%) or a fixed amount in fen, not both. */
export const commissionSchema = z
  .strictObject(
    {
      rateBp: z
        .number({ error: "佣金比例应为整数基点 / rateBp must be whole basis points" })
        .int({ error: "佣金比例应为整数基点 / rateBp must be whole basis points" })
        .min(0, { error: "佣金比例不能为负 / rateBp cannot be negative" })
        .max(10_000, { error: "佣金比例不能超过 100%（10000 基点） / rateBp cannot exceed 10000 (100%)" })
        .optional(),
      amountFen: fenSchema.optional(),
    },
    { error: "commission 应为 {rateBp} 或 {amountFen} / commission must be {rateBp} or {amountFen}" },
  )
  .superRefine((v, ctx) => {
    if (v.rateBp !== undefined && v.amountFen !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["amountFen"],
        message: "佣金只能按比例或固定金额之一约定 / Give rateBp or amountFen, not both",
      });
    }
  });
export type CommissionInput = z.infer<typeof commissionSchema>;

export const contractTypeSchema = z.enum(CONTRACT_TYPES, { error: MSG.typeUnknown });
export const fieldSchema = z.enum(FIELDS, { error: MSG.fieldUnknown });
export const ipTypeSchema = z.enum(IP_TYPES, { error: MSG.ipTypeUnknown });
const titleSchema = z
  .string({ error: MSG.titleRequired })
  .trim()
  .min(1, { error: MSG.titleRequired })
  .max(200, { error: MSG.titleTooLong });
const subtypeSchema = z.string({ error: MSG.subtypeUnknown }).trim().max(40, { error: MSG.subtypeUnknown }).nullish();

/** The fields a contract is made of; every one optional here, the rules below decide. */
const contractFields = {
  type: contractTypeSchema.optional(),
  subtype: subtypeSchema,
  title: titleSchema.optional(),
  sellerOrgId: idSchema.optional(),
  buyerOrgId: idSchema.optional(),
  brokerOrgId: optionalId,
  // the executing broker (中介人); set from a live lead on the two parties when there is one
  brokerUserId: optionalId,
  commission: commissionSchema.nullish(),
  contractAmountFen: fenSchema.optional(),
  nonTechnicalCostsFen: fenSchema.optional(),
  signedAt: dateOnlySchema.optional(),
  validUntil: dateOnlySchema.nullish(),
  offerId: optionalId,
  resultId: optionalId,
  needId: optionalId,
  ipType: ipTypeSchema.nullish(),
  field: fieldSchema.nullish(),
};

export type ContractDraft = {
  type?: ContractType;
  subtype?: string | null;
  title?: string;
  sellerOrgId?: string;
  buyerOrgId?: string;
  brokerOrgId?: string | null;
  contractAmountFen?: number;
  nonTechnicalCostsFen?: number;
  signedAt?: string;
  validUntil?: string | null;
  field?: string | null;
  ipType?: string | null;
};

/**
 * The rules across fields, on the complete contract (after prefilling from an offer or merging a
 * PATCH with the stored contract). Returns field → message; empty when the contract is valid.
 */
export function contractRuleProblems(c: ContractDraft, { complete = true } = {}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (complete) {
    for (const key of [
      "type",
      "title",
      "sellerOrgId",
      "buyerOrgId",
      "contractAmountFen",
      "nonTechnicalCostsFen",
      "signedAt",
    ] as const) {
      if (c[key] === undefined || c[key] === null || c[key] === "") problems[key] = MSG.required;
    }
  }
  if (c.type && c.subtype && !(c.subtype in CONTRACT_SUBTYPES[c.type])) problems.subtype = MSG.subtypeUnknown;
  if (c.sellerOrgId && c.buyerOrgId && c.sellerOrgId === c.buyerOrgId) problems.buyerOrgId = MSG.sameParties;
  if (
    typeof c.contractAmountFen === "number" &&
    typeof c.nonTechnicalCostsFen === "number" &&
    c.nonTechnicalCostsFen > c.contractAmountFen
  ) {
    problems.nonTechnicalCostsFen = MSG.costsAboveAmount;
  }
  if (c.signedAt && c.validUntil && c.validUntil < c.signedAt) problems.validUntil = MSG.validBeforeSigned;
  return problems;
}

function addRuleIssues(value: ContractDraft, ctx: z.RefinementCtx, complete: boolean) {
  for (const [path, message] of Object.entries(contractRuleProblems(value, { complete }))) {
    ctx.addIssue({ code: "custom", path: [path], message });
  }
}

/**
 * POST /api/v1/contracts. Direct entry needs type, title, both parties, both amounts and the
 * signing date; from an accepted offer (`offerId`) the parties, amount, title and type are
 * prefilled and only `signedAt` is required.
 */
export const contractCreateSchema = strictShape({ ...contractFields, signedAt: dateOnlySchema }).superRefine(
  (value, ctx) => addRuleIssues(value, ctx, !value.offerId),
);
export type ContractCreateInput = z.infer<typeof contractCreateSchema>;

/** PATCH /api/v1/contracts/:id (draft or returned): any subset; rules re-checked on the merge. */
export const contractPatchSchema = strictShape({
  type: contractFields.type,
  subtype: contractFields.subtype,
  title: contractFields.title,
  sellerOrgId: contractFields.sellerOrgId,
  buyerOrgId: contractFields.buyerOrgId,
  brokerOrgId: contractFields.brokerOrgId,
  brokerUserId: contractFields.brokerUserId,
  commission: contractFields.commission,
  contractAmountFen: contractFields.contractAmountFen,
  nonTechnicalCostsFen: contractFields.nonTechnicalCostsFen,
  signedAt: contractFields.signedAt,
  validUntil: contractFields.validUntil,
  ipType: contractFields.ipType,
  field: contractFields.field,
}).superRefine((value, ctx) => addRuleIssues(value, ctx, false));
export type ContractPatchInput = z.infer<typeof contractPatchSchema>;

const noteSchema = z.string({ error: MSG.textTooLong }).trim().max(2000, { error: MSG.textTooLong });

export const reviewSchema = strictShape({
  decision: z.enum(["register", "return", "reject"], {
    error: "审核结论应为 register、return 或 reject / decision must be register, return or reject",
  }),
  note: noteSchema.optional(),
}).superRefine((value, ctx) => {
  if (value.decision !== "register" && !value.note)
    ctx.addIssue({ code: "custom", path: ["note"], message: MSG.noteRequired });
});
export type ReviewInput = z.infer<typeof reviewSchema>;

const reasonSchema = z
  .string({ error: MSG.reasonRequired })
  .trim()
  .min(1, { error: MSG.reasonRequired })
  .max(2000, { error: MSG.textTooLong });

export const amendSchema = strictShape({
  contractAmountFen: fenSchema.optional(),
  nonTechnicalCostsFen: fenSchema.optional(),
  reason: reasonSchema,
}).superRefine((value, ctx) => {
  if (value.contractAmountFen === undefined && value.nonTechnicalCostsFen === undefined) {
    ctx.addIssue({ code: "custom", path: ["contractAmountFen"], message: MSG.amendNothing });
  }
  addRuleIssues(value, ctx, false);
});
export type AmendInput = z.infer<typeof amendSchema>;

export const cancelSchema = strictShape({ reason: reasonSchema });

/** One line of a historical import (the provincial system's export). */
export const importLineSchema = z
  .object({
    registrationNumber: z
      .string({ error: MSG.registrationNumber })
      .trim()
      .regex(REGISTRATION_NUMBER_RE, { error: MSG.registrationNumber }),
    registeredAt: isoDateTime({ zh: "登记时间", en: "registeredAt" }, { message: MSG.registeredAt }).transform((d) =>
      d.toISOString(),
    ),
    type: contractTypeSchema,
    subtype: subtypeSchema,
    title: titleSchema,
    sellerOrgId: idSchema,
    buyerOrgId: idSchema,
    brokerOrgId: optionalId,
    contractAmountFen: fenSchema,
    nonTechnicalCostsFen: fenSchema,
    signedAt: dateOnlySchema,
    validUntil: dateOnlySchema.nullish(),
    field: fieldSchema.nullish(),
    ipType: ipTypeSchema.nullish(),
  })
  .superRefine((value, ctx) => addRuleIssues(value, ctx, true));
export type ImportLine = z.infer<typeof importLineSchema>;

/** PUT /api/v1/contracts/registration-points: a bureau organization's point, or (null) the default. */
export const registrationPointBodySchema = strictShape({
  organizationId: z
    .string({ error: "organizationId 应为机构 ID 或 null / organizationId must be an organization id or null" })
    .trim()
    .min(1)
    .max(100)
    .nullable(),
  point: z.string({ error: "point 应为两位数字 01–99 / point must be two digits 01–99" }).regex(/^(0[1-9]|[1-9]\d)$/, {
    error: "登记点应为两位数字 01–99 / The registration point is two digits 01–99",
  }),
});

export const importBodySchema = strictShape({
  contracts: z
    .array(z.unknown(), { error: "contracts 应为数组 / contracts must be an array" })
    .min(1, { error: "没有要导入的合同 / Nothing to import" })
    .max(20_000, { error: "一次最多导入 20000 条 / At most 20,000 contracts per import" }),
});

// The dimensions of the dashboard; the contracts list accepts the same keys as filters, so a
// figure can be drilled down to the contracts behind it.
export const GROUP_BY = [
  "type",
  "sellerRegion",
  "buyerRegion",
  "zone",
  "field",
  "month",
  "sellerKind",
  "buyerKind",
  "bayArea",
  "subcentre",
] as const;
export type GroupBy = (typeof GROUP_BY)[number];

const yearSchema = z.coerce
  .number({ error: "年份无效 / Invalid year" })
  .int({ error: "年份无效 / Invalid year" })
  .min(1990, { error: "年份无效 / Invalid year" })
  .max(2100, { error: "年份无效 / Invalid year" });

const keyFilter = z.string().trim().min(1).max(40).optional();

/** Filters of the contracts list and of filtered statistics (query string). */
export const contractFiltersSchema = z.object({
  status: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || v.split(",").every((s) => (CONTRACT_STATUSES as readonly string[]).includes(s)), {
      error: `状态应为 ${CONTRACT_STATUSES.join(",")} 之一（可逗号分隔）/ Unknown status`,
    }),
  year: yearSchema.optional(),
  month: z.coerce
    .number({ error: "月份应为 1–12 / Month is 1–12" })
    .int({ error: "月份应为 1–12 / Month is 1–12" })
    .min(1, { error: "月份应为 1–12 / Month is 1–12" })
    .max(12, { error: "月份应为 1–12 / Month is 1–12" })
    .optional(),
  type: contractTypeSchema.optional(),
  sellerRegion: keyFilter,
  buyerRegion: keyFilter,
  zone: keyFilter,
  field: keyFilter,
  sellerKind: z.enum([...ORG_KINDS, "none"], { error: "未知的单位类型 / Unknown organization kind" }).optional(),
  buyerKind: z.enum([...ORG_KINDS, "none"], { error: "未知的单位类型 / Unknown organization kind" }).optional(),
  bayArea: z.enum(["yes", "no"], { error: "bayArea 应为 yes 或 no / bayArea is yes or no" }).optional(),
  // the sub-centre a contract came through ("none": none)
  subcentre: keyFilter,
  sellerOrgId: keyFilter,
  buyerOrgId: keyFilter,
  q: z.string().trim().max(100).optional(),
});
export type ContractFilters = z.infer<typeof contractFiltersSchema>;

export const contractListQuerySchema = contractFiltersSchema.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const FILTER_KEYS = Object.keys(contractFiltersSchema.shape) as Array<keyof ContractFilters>;
