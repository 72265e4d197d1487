// Sub-centres (分中心): one schema per shape for the API and the staff forms. Client-safe.
import { z } from "zod";
import { fenSchema } from "../contracts/schemas.ts";
import { isoDateTime, strictShape, text } from "../domain/schema-fields.ts";
import { needCreateSchema } from "../listings/schemas.ts";
import { regionCodeSchema } from "../organizations/schemas.ts";

export const SUBCENTRE_KINDS = ["city_centre", "industry_cluster", "county", "bay_area", "university"] as const;
export type SubcentreKind = (typeof SUBCENTRE_KINDS)[number];
export const VISIT_OUTCOMES = ["visited", "matched", "contracted", "no_interest", "follow_up"] as const;
export const SCORE_CATEGORIES = ["basics", "service", "capability", "management", "reputation"] as const;
export type ScoreCategory = (typeof SCORE_CATEGORIES)[number];
/** The 100-point template for transfer organisations. */
export const SCORE_MAX: Record<ScoreCategory, number> = {
  basics: 10,
  service: 30,
  capability: 30,
  management: 20,
  reputation: 10,
};

const L = (zh: string, en: string) => ({ zh, en });
const id = z.string({ error: "编号无效 / Invalid id" }).trim().min(1, { error: "编号无效 / Invalid id" }).max(64);
const year = z.coerce
  .number({ error: "年份无效 / Invalid year" })
  .int({ error: "年份无效 / Invalid year" })
  .min(2000, { error: "年份无效 / Invalid year" })
  .max(2100, { error: "年份无效 / Invalid year" });
const isoTime = (zh: string, en: string) => isoDateTime({ zh, en });

export const subcentreCreateSchema = strictShape({
  name: text(L("分中心名称", "Sub-centre name"), 100, { required: true, singleLine: true }),
  kind: z.enum(SUBCENTRE_KINDS, {
    error: `类型应为 ${SUBCENTRE_KINDS.join("、")} 之一 / kind must be one of ${SUBCENTRE_KINDS.join(", ")}`,
  }),
  regionCode: regionCodeSchema,
  operatorOrgId: id.nullish(),
  parentId: id.nullish(),
  description: text(L("简介", "Description"), 2000).optional(),
  delegatedReview: z
    .boolean({ error: "delegatedReview 应为 true 或 false / delegatedReview must be a boolean" })
    .optional(),
});
export type SubcentreCreateInput = z.infer<typeof subcentreCreateSchema>;

export const subcentrePatchSchema = strictShape({
  name: text(L("分中心名称", "Sub-centre name"), 100, { singleLine: true }).optional(),
  operatorOrgId: id.nullish(),
  description: text(L("简介", "Description"), 2000).optional(),
  delegatedReview: z
    .boolean({ error: "delegatedReview 应为 true 或 false / delegatedReview must be a boolean" })
    .optional(),
  target: strictShape({ year, amountFen: fenSchema }).optional(),
});
export type SubcentrePatchInput = z.infer<typeof subcentrePatchSchema>;

/** POST /api/v1/subcentres/:id/affiliations: affiliate organizations (or detach with subcentre null elsewhere). */
export const affiliationSchema = strictShape({
  organizationIds: z
    .array(id, { error: "organizationIds 应为数组 / organizationIds must be an array" })
    .min(1)
    .max(200),
});
export const staffSchema = strictShape({ userId: id });

export const dispatchSchema = strictShape({
  subcentreId: id,
  dueAt: isoTime("办结期限", "Due date"),
  note: text(L("说明", "Note"), 2000).optional(),
});
export type DispatchInput = z.infer<typeof dispatchSchema>;

export const visitSchema = strictShape({
  visitedAt: isoTime("走访时间", "Visit time"),
  outcome: z.enum(VISIT_OUTCOMES, {
    error: `结果应为 ${VISIT_OUTCOMES.join("、")} 之一 / outcome must be one of ${VISIT_OUTCOMES.join(", ")}`,
  }),
  note: text(L("走访记录", "Visit notes"), 2000).optional(),
  close: z.boolean().optional(),
});
export type VisitInput = z.infer<typeof visitSchema>;

export const scoreSchema = strictShape({
  year,
  category: z.enum(SCORE_CATEGORIES, { error: `category 应为 ${SCORE_CATEGORIES.join("、")} 之一 / Unknown category` }),
  points: z
    .number({ error: "分数应为整数 / points must be a whole number" })
    .int({ error: "分数应为整数 / points must be a whole number" })
    .min(0, { error: "分数不能为负 / points cannot be negative" }),
  note: text(L("评分说明", "Note on the rating"), 1000, { required: true }),
}).superRefine((v, ctx) => {
  if (v.points > SCORE_MAX[v.category])
    ctx.addIssue({
      code: "custom",
      path: ["points"],
      message: `该项满分 ${SCORE_MAX[v.category]} / at most ${SCORE_MAX[v.category]} points`,
    });
});

export const yearQuerySchema = z.strictObject({ year: year.optional() });

/** A need entered by sub-centre staff for an affiliated company: the need's fields and the company. */
export const fieldNeedSchema = needCreateSchema.omit({ submit: true }).extend({
  organizationId: z
    .string({ error: "请选择企业 / Choose the company" })
    .trim()
    .min(1, { error: "请选择企业 / Choose the company" })
    .max(40, { error: "请选择企业 / Choose the company" }),
});
export type FieldNeedInput = z.output<typeof fieldNeedSchema>;
