// Subsidies (奖补): one zod schema per shape for the API and the bureau's forms. Client-safe.
// Messages Chinese first, then " / " and English. The model: docs/decisions/0021-subsidies.md.
import { z } from "zod";
import { contractTypeSchema, dateOnlySchema, fenSchema } from "../contracts/schemas.ts";
import { CONTRACT_TYPES } from "../domain/catalog.ts";
import { strictShape, text } from "../domain/schema-fields.ts";
import { paidAtSchema } from "../payments/schemas.ts";

export const SUBSIDY_ROLES = ["buyer", "seller", "agency", "broker"] as const;
export type SubsidyRole = (typeof SUBSIDY_ROLES)[number];
export const SUBSIDY_MODES = ["apply", "auto"] as const;
export type SubsidyMode = (typeof SUBSIDY_MODES)[number];
export const SUBSIDY_STACKING = ["stackable", "exclusive"] as const;
export const SUBSIDY_BASES = ["paid", "registered"] as const;
export type SubsidyBasis = (typeof SUBSIDY_BASES)[number];
export const APPLICATION_STATUSES = ["pending", "approved", "rejected", "disbursed", "review_required"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const CAPPED_BY = ["contract", "annual", "budget"] as const;
export type CappedBy = (typeof CAPPED_BY)[number];
/** Statuses that hold money against the annual caps and the budget once the bureau approved them. */
export const COMMITTED_STATUSES: ApplicationStatus[] = ["approved", "disbursed", "review_required"];
/** Statuses that count as "applied" (a rejected application leaves room for nothing else: 409 still). */
export const ACTIVE_STATUSES: ApplicationStatus[] = ["pending", "approved", "disbursed", "review_required"];

export const ROLE_NAMES: Record<SubsidyRole, { zh: string; en: string }> = {
  buyer: { zh: "买方", en: "Buyer" },
  seller: { zh: "卖方", en: "Seller" },
  agency: { zh: "技术转移服务机构", en: "Transfer agency" },
  broker: { zh: "技术经纪人（所在机构）", en: "Broker (their organization)" },
};
export const STATUS_NAMES: Record<ApplicationStatus, { zh: string; en: string }> = {
  pending: { zh: "待审核", en: "Pending" },
  approved: { zh: "已批准", en: "Approved" },
  rejected: { zh: "未批准", en: "Rejected" },
  disbursed: { zh: "已拨付", en: "Disbursed" },
  review_required: { zh: "待复核（合同已变更或注销）", en: "Review required (contract amended or cancelled)" },
};

const L = (zh: string, en: string) => ({ zh, en });
const id = z.string({ error: "编号无效 / Invalid id" }).trim().min(1, { error: "编号无效 / Invalid id" }).max(64);
const code = z
  .string({ error: "请填写项目代码 / code is required" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, {
    error: "项目代码为 2–40 位小写字母、数字或连字符 / code is 2–40 lowercase letters, digits or hyphens",
  });
const year = z
  .number({ error: "年度应为整数 / year must be an integer" })
  .int({ error: "年度应为整数 / year must be an integer" })
  .min(2000, { error: "年度无效 / Invalid year" })
  .max(2100, { error: "年度无效 / Invalid year" });
const cap = (zh: string, en: string) =>
  z
    .number({ error: `${zh}应为以分为单位的整数，或 null 表示不封顶 / ${en} must be integer fen, or null for no cap` })
    .int({ error: `${zh}应为整数（分） / ${en} must be whole fen` })
    .min(0, { error: `${zh}不能为负数 / ${en} must not be negative` })
    .max(1_000_000_000_000, { error: `${zh}超出上限 / ${en} is too large` })
    .nullable();
const prefix = z
  .string({ error: "地区代码前缀应为 2–6 位数字 / a region prefix is 2–6 digits" })
  .regex(/^\d{2,6}$/, { error: "地区代码前缀应为 2–6 位数字 / a region prefix is 2–6 digits" })
  .nullable();

export const ruleSchema = strictShape({
  role: z.enum(SUBSIDY_ROLES, {
    error: `role 应为 ${SUBSIDY_ROLES.join("、")} / role must be one of ${SUBSIDY_ROLES}`,
  }),
  rateBp: z
    .number({ error: "补助比例应为整数基点 / rateBp must be whole basis points" })
    .int({ error: "补助比例应为整数基点 / rateBp must be whole basis points" })
    .min(0, { error: "补助比例不能为负 / rateBp cannot be negative" })
    .max(10_000, { error: "补助比例不能超过 100%（10000 基点） / rateBp cannot exceed 10000 (100%)" }),
  capPerContractFen: cap("单个合同上限", "capPerContractFen"),
  capPerOrgYearFen: cap("单位年度上限", "capPerOrgYearFen"),
  minContractFen: fenSchema.default(0),
  contractTypes: z
    .array(contractTypeSchema, { error: "contractTypes 应为合同类型数组 / contractTypes must be an array" })
    .min(1, { error: "至少一种合同类型 / at least one contract type" })
    .default([...CONTRACT_TYPES]),
  buyerRegionPrefix: prefix.default(null),
  sellerRegionPrefix: prefix.default(null),
  sellerOutsidePrefix: prefix.default(null),
  basis: z.enum(SUBSIDY_BASES, { error: "basis 应为 paid 或 registered / basis must be paid or registered" }),
});
export type RuleInput = z.infer<typeof ruleSchema>;

const programmeFields = {
  name: strictShape({
    zh: text(L("项目名称", "Programme name"), 200, { required: true, singleLine: true }),
    en: text(L("英文名称", "English name"), 200, { required: true, singleLine: true }),
  }),
  validFrom: dateOnlySchema,
  validUntil: dateOnlySchema,
  budgetFen: fenSchema,
  mode: z.enum(SUBSIDY_MODES, { error: "mode 应为 apply 或 auto（免申即享） / mode must be apply or auto" }),
  stacking: z.enum(SUBSIDY_STACKING, {
    error: "stacking 应为 stackable 或 exclusive / stacking must be stackable or exclusive",
  }),
  stacksWith: z.array(code, { error: "stacksWith 应为项目代码数组 / stacksWith must be an array of codes" }).max(20),
  rules: z
    .array(ruleSchema, { error: "rules 应为数组 / rules must be an array" })
    .min(1, { error: "至少一条规则 / at least one rule" })
    .max(4),
};

function checkProgramme(
  v: { year?: number; validFrom?: string; validUntil?: string; rules?: RuleInput[] },
  ctx: z.RefinementCtx,
) {
  if (v.validFrom && v.validUntil && v.validFrom > v.validUntil)
    ctx.addIssue({
      code: "custom",
      path: ["validUntil"],
      message: "有效期截止日不能早于开始日 / validUntil cannot be before validFrom",
    });
  if (v.year !== undefined) {
    for (const key of ["validFrom", "validUntil"] as const) {
      const day = v[key];
      if (day && Number(day.slice(0, 4)) !== v.year)
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `有效期须在 ${v.year} 年内 / ${key} must fall within ${v.year}`,
        });
    }
  }
  const seen = new Set<string>();
  v.rules?.forEach((r, i) => {
    if (seen.has(r.role))
      ctx.addIssue({
        code: "custom",
        path: ["rules", i, "role"],
        message: "同一角色只能有一条规则 / one rule per role",
      });
    seen.add(r.role);
  });
}

/** POST /api/v1/subsidies/programmes: a new programme, or a new version of one (same code). */
export const programmeCreateSchema = strictShape({
  code,
  year,
  ...programmeFields,
  stacksWith: programmeFields.stacksWith.default([]),
  stacking: programmeFields.stacking.default("stackable"),
  mode: programmeFields.mode.default("apply"),
}).superRefine(checkProgramme);
export type ProgrammeCreateInput = z.infer<typeof programmeCreateSchema>;

/** PATCH /api/v1/subsidies/programmes/:id: any subset (rules, when given, replace all rules). */
export const programmePatchSchema = strictShape({
  name: programmeFields.name.optional(),
  validFrom: dateOnlySchema.optional(),
  validUntil: dateOnlySchema.optional(),
  budgetFen: fenSchema.optional(),
  mode: programmeFields.mode.optional(),
  stacking: programmeFields.stacking.optional(),
  stacksWith: programmeFields.stacksWith.optional(),
  rules: programmeFields.rules.optional(),
}).superRefine(checkProgramme);
export type ProgrammePatchInput = z.infer<typeof programmePatchSchema>;

export const programmeListQuerySchema = z.object({
  year: z.coerce
    .number({ error: "年份无效 / Invalid year" })
    .int({ error: "年份无效 / Invalid year" })
    .min(2000, { error: "年份无效 / Invalid year" })
    .max(2100, { error: "年份无效 / Invalid year" })
    .optional(),
  code: code.optional(),
});

export const eligibilityQuerySchema = z.object({ contractId: id });

export const applicationCreateSchema = strictShape({
  contractId: id,
  programme: code,
  role: ruleSchema.shape.role,
});
export type ApplicationCreateInput = z.infer<typeof applicationCreateSchema>;

export const decideSchema = strictShape({
  decision: z.enum(["approve", "reject"], {
    error: "decision 应为 approve 或 reject / decision must be approve or reject",
  }),
  note: text(L("审核意见", "Review note"), 1000).optional(),
}).superRefine((v, ctx) => {
  if (v.decision === "reject" && !v.note)
    ctx.addIssue({
      code: "custom",
      path: ["note"],
      message: "不予批准须说明理由 / A rejection needs a note",
    });
});
export type DecideInput = z.infer<typeof decideSchema>;

export const disburseSchema = strictShape({
  paidAt: paidAtSchema,
  bankReference: z
    .string({ error: "请填写银行流水号 / bankReference is required" })
    .trim()
    .min(1, { error: "请填写银行流水号 / bankReference is required" })
    .max(64, { error: "银行流水号不超过 64 个字符 / bankReference is at most 64 characters" }),
});
export type DisburseInput = z.infer<typeof disburseSchema>;

export const applicationListQuerySchema = z.object({
  programme: code.optional(),
  year: programmeListQuerySchema.shape.year,
  status: z
    .enum(APPLICATION_STATUSES, { error: `status 应为 ${APPLICATION_STATUSES.join("、")} / unknown status` })
    .optional(),
  orgId: id.optional(),
  contractId: id.optional(),
});
export type ApplicationListQuery = z.infer<typeof applicationListQuerySchema>;
