// The zod schemas of organizations: the API body (POST /api/v1/organizations), the staff form, the
// profile its members edit, and the new organization described at signup. One set of rules (name of
// 2–100 characters, GB 32100 credit code, GB/T 2260 region, functional zone only in Ganzhou); the
// signup variant (app/auth/schemas.ts) shares ORG_LIMITS but speaks in `auth` message keys, because
// its form translates them. Client-safe.
import { z } from "zod";
import { ORG_KINDS } from "../domain/catalog.ts";
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from "../domain/credit-code.ts";
import { isGanzhou, isKnownRegion, ZONES } from "../domain/regions.ts";
import { enumOf, L, requiredMessage, strictShape, text } from "../domain/schema-fields.ts";

export const ORG_LIMITS = {
  nameMin: 2,
  name: 100,
  description: 2000,
  website: 200,
} as const;

export const orgKindSchema = enumOf(ORG_KINDS, L("机构类型", "Organization kind"));
export const zoneSchema = enumOf(ZONES, L("功能区", "Zone"));

export const creditCodeSchema = z
  .string({
    error: (i) =>
      i.input === undefined
        ? requiredMessage(L("统一社会信用代码", "Unified social credit code"))
        : "统一社会信用代码应为文本 / creditCode must be a string",
  })
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: CREDIT_CODE_MESSAGES[problem] });
  });

export const regionCodeSchema = z
  .string({
    error: (i) =>
      i.input === undefined
        ? requiredMessage(L("所在地区", "Region"))
        : "地区代码应为文本 / The region code must be text",
  })
  .trim()
  .regex(/^\d{6}$/, "地区代码应为 6 位 GB/T 2260 行政区划代码 / The region code must be a six-digit GB/T 2260 code")
  .refine(
    isKnownRegion,
    "地区代码无效：不是 GB/T 2260 行政区划代码 / The region code is not a valid GB/T 2260 administrative division code",
  );

const orgShape = {
  name: text(L("机构名称", "Organization name"), ORG_LIMITS.name, { required: true, singleLine: true }).refine(
    (v) => v.length === 0 || Array.from(v).length >= ORG_LIMITS.nameMin,
    `机构名称至少 ${ORG_LIMITS.nameMin} 个字 / name must be at least ${ORG_LIMITS.nameMin} characters`,
  ),
  kind: orgKindSchema,
  creditCode: creditCodeSchema,
  regionCode: regionCodeSchema,
  zone: zoneSchema.nullable().optional(),
  description: text(L("机构简介", "Organization description"), ORG_LIMITS.description).optional(),
  website: text(L("网址", "Website"), ORG_LIMITS.website, { singleLine: true })
    .refine(
      (v) => v === "" || /^https?:\/\/[^\s<>"]+$/i.test(v),
      "网址应以 http:// 或 https:// 开头 / The website address must start with http:// or https://",
    )
    .optional(),
};

function zoneInGanzhou(value: { regionCode: string; zone?: string | null }, ctx: z.RefinementCtx) {
  if (value.zone && !isGanzhou(value.regionCode)) {
    ctx.addIssue({
      code: "custom",
      path: ["zone"],
      message: "功能区只适用于赣州市内的机构 / A functional zone only applies to organizations in Ganzhou",
    });
  }
}

/** POST /api/v1/organizations, and the staff form. */
export const organizationCreateSchema = strictShape(orgShape).superRefine(zoneInGanzhou);
export type OrganizationCreateInput = z.output<typeof organizationCreateSchema>;

/** The organization form: the API shape, with an empty zone meaning none. */
export const organizationFormSchema = z.object({ ...orgShape, zone: zoneSchema.optional() }).superRefine(zoneInGanzhou);

/**
 * PATCH /api/v1/organizations/:id and the profile form: what its members describe themselves, and
 * the name while the organization is unverified (once verified, only an administrator renames it).
 * Kind, credit code and region are what the bureau verifies, so they are not in it.
 */
export const organizationProfileSchema = strictShape({
  name: orgShape.name.optional(),
  description: orgShape.description,
  website: orgShape.website,
});
export type OrganizationProfileInput = z.output<typeof organizationProfileSchema>;

/** A member's (or the bureau's) decision on a join request (/memberships): both fields are the buttons'. */
export const membershipDecisionSchema = z.object({
  intent: z.enum(["approve", "reject"]),
  requestId: z.string().trim().min(1).max(100),
});
