// A broker's lead (线索备案): one schema for the API and the form. Client-safe.
import { z } from "zod";
import { pageQueryShape, strictShape, text } from "../domain/schema-fields.ts";

const L = (zh: string, en: string) => ({ zh, en });
const id = z.string({ error: "编号无效 / Invalid id" }).trim().min(1, { error: "编号无效 / Invalid id" }).max(64);
export const SAME_ORG_TWICE = "买方与卖方不能是同一单位 / The buyer and the seller must be two different organizations";
export const NEED_PARTIES = "请选择需求或需求方单位 / Choose the need or the buyer organization";
export const RESULT_PARTIES = "请选择成果或成果方单位 / Choose the result or the seller organization";

/** POST /api/v1/leads: a need and a result, or a buyer and a seller organization (optionally with either). */
export const leadCreateSchema = strictShape({
  needId: id.optional(),
  resultId: id.optional(),
  buyerOrgId: id.optional(),
  sellerOrgId: id.optional(),
  note: text(L("线索说明", "Lead note"), 2000, { required: true }),
}).superRefine((v, ctx) => {
  if (!v.needId && !v.buyerOrgId) ctx.addIssue({ code: "custom", path: ["buyerOrgId"], message: NEED_PARTIES });
  if (!v.resultId && !v.sellerOrgId) ctx.addIssue({ code: "custom", path: ["sellerOrgId"], message: RESULT_PARTIES });
  if (v.buyerOrgId && v.sellerOrgId && v.buyerOrgId === v.sellerOrgId) {
    ctx.addIssue({ code: "custom", path: ["sellerOrgId"], message: SAME_ORG_TWICE });
  }
});
export type LeadCreateInput = z.infer<typeof leadCreateSchema>;

export const LEAD_STATUSES = ["live", "waived", "expired"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const leadListQuerySchema = z.strictObject({
  status: z
    .enum(LEAD_STATUSES, { error: "status 应为 live、waived 或 expired / status must be live, waived or expired" })
    .optional(),
  brokerId: id.optional(),
  ...pageQueryShape,
});
