// Broker profiles (技术经纪人 / 技术经理人): one schema per shape for the API and the profile form.
// Client-safe; messages Chinese first, then English.
import { z } from "zod";
import { fieldSchema } from "../listings/schemas.ts";
import { regionCodeSchema } from "../organizations/schemas.ts";
import { pageQueryShape, strictShape, text } from "../domain/schema-fields.ts";

export const BROKER_LEVELS = ["junior", "intermediate", "senior"] as const;
export type BrokerLevel = (typeof BROKER_LEVELS)[number];
export const BROKER_LEVEL_NAMES: Record<BrokerLevel, { zh: string; en: string }> = {
  junior: { zh: "初级技术经纪人", en: "Junior technology broker" },
  intermediate: { zh: "中级技术经纪人", en: "Intermediate technology broker" },
  senior: { zh: "高级技术经理人", en: "Senior technology manager" },
};

const L = (zh: string, en: string) => ({ zh, en });
const CERT_REQUIRED = "中级、高级须填写证书编号 / Intermediate and senior brokers enter their certificate number";

const level = z.enum(BROKER_LEVELS, {
  error: "请选择等级：初级、中级或高级 / Choose the level: junior, intermediate or senior",
});
const certificateNumber = text(L("证书编号", "Certificate number"), 40, { singleLine: true });
const fields = z
  .array(fieldSchema, { error: "擅长领域应为数组 / fields must be an array" })
  .max(12, { error: "擅长领域最多 12 项 / at most 12 fields" });
const regions = z
  .array(regionCodeSchema, { error: "服务地区应为数组 / regions must be an array" })
  .max(30, { error: "服务地区最多 30 项 / at most 30 regions" });
const id = z.string({ error: "编号无效 / Invalid id" }).trim().min(1, { error: "编号无效 / Invalid id" }).max(64);

function certificateForLevel(value: { level?: BrokerLevel; certificateNumber?: string | null }, ctx: z.RefinementCtx) {
  if (value.level && value.level !== "junior" && !value.certificateNumber) {
    ctx.addIssue({ code: "custom", path: ["certificateNumber"], message: CERT_REQUIRED });
  }
}

/** POST /api/v1/brokers: the caller's own profile (brokerOrgId defaults to the caller's organization). */
export const brokerCreateSchema = strictShape({
  level,
  certificateNumber: certificateNumber.nullish(),
  fields: fields.default([]),
  regions: regions.default([]),
  bio: text(L("简介", "Profile"), 2000).optional(),
  brokerOrgId: id.optional(),
}).superRefine(certificateForLevel);
export type BrokerCreateInput = z.infer<typeof brokerCreateSchema>;

/** PATCH /api/v1/brokers/:id: any subset; the certificate rule is checked on the merge. */
export const brokerPatchSchema = strictShape({
  level: level.optional(),
  certificateNumber: certificateNumber.nullish(),
  fields: fields.optional(),
  regions: regions.optional(),
  bio: text(L("简介", "Profile"), 2000).optional(),
  brokerOrgId: id.optional(),
});
export type BrokerPatchInput = z.infer<typeof brokerPatchSchema>;

export const brokerVerifySchema = strictShape({
  decision: z
    .enum(["verify", "revoke"], { error: "请选择认证或撤销认证 / Choose to verify or to revoke" })
    .default("verify"),
  note: text(L("说明", "Note"), 1000).optional(),
});

export { CERT_REQUIRED };

/** GET /api/v1/brokers: the directory's filters. */
export const brokerListQuerySchema = z.strictObject({
  field: z.string().max(40).optional(),
  region: z.string().max(6).optional(),
  level: z
    .enum(BROKER_LEVELS, { error: "请选择等级：初级、中级或高级 / Choose the level: junior, intermediate or senior" })
    .optional(),
  verified: z
    .enum(["yes", "no", "all"], { error: "verified 应为 yes、no 或 all / verified must be yes, no or all" })
    .optional(),
  ...pageQueryShape,
});
