// One zod schema per shape of the accounts feature, shared by the forms (client-side validation
// through conform), the route actions, the admin pages and the CLI. Messages are keys of the
// `auth` i18n namespace (`errors.*`): the UI shows them in the reader's language, the CLI prints
// both (see authMessage in app/auth/messages.ts).
import { z } from "zod";
import { ORG_KINDS, ROLES } from "../domain/catalog.ts";
import { creditCodeProblem } from "../domain/credit-code.ts";
import { isGanzhou, isKnownRegion, ZONES } from "../domain/regions.ts";
import { ORG_LIMITS } from "../organizations/schemas.ts";
import { isCommonPassword } from "./common-passwords.ts";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const SIGNUP_ROLES = ["researcher", "company", "broker"] as const;
export const STAFF_ROLES = ["bureau", "admin"] as const;
/** Roles whose users act for an organization (and so must belong to one). */
export const ORGANIZATION_ROLES: readonly string[] = SIGNUP_ROLES;

export const emailSchema = z
  .string({ error: "errors.emailRequired" })
  .trim()
  .toLowerCase()
  .max(254, { error: "errors.emailInvalid" })
  .pipe(z.email({ error: "errors.emailInvalid" }));

/** The password rules (new passwords only; a login just needs a non-empty string). */
export const newPasswordSchema = z
  .string({ error: "errors.passwordRequired" })
  .min(PASSWORD_MIN_LENGTH, { error: "errors.passwordTooShort" })
  .max(PASSWORD_MAX_LENGTH, { error: "errors.passwordTooLong" })
  .refine((p) => !/^\d+$/.test(p), { error: "errors.passwordAllDigits" })
  .refine((p) => !isCommonPassword(p), { error: "errors.passwordCommon" });

export const personNameSchema = z
  .string({ error: "errors.nameRequired" })
  .trim()
  .min(1, { error: "errors.nameRequired" })
  .max(100, { error: "errors.nameTooLong" });

export const creditCodeSchema = z
  .string({ error: "errors.creditCodeRequired" })
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `errors.creditCode.${problem}` });
  });

export const regionCodeSchema = z
  .string({ error: "errors.regionRequired" })
  .trim()
  .refine(isKnownRegion, { error: "errors.regionUnknown" });

export const zoneSchema = z.enum(ZONES, { error: "errors.zoneUnknown" });

/**
 * A new organization: name, kind, 统一社会信用代码 (GB 32100 with the GB 11714 check), GB/T 2260
 * region, optional Ganzhou functional zone (only for a Ganzhou region).
 */
export const organizationInputSchema = z
  .object({
    name: z
      .string({ error: "errors.orgNameRequired" })
      .trim()
      .min(ORG_LIMITS.nameMin, { error: "errors.orgNameRequired" })
      .max(ORG_LIMITS.name, { error: "errors.orgNameTooLong" }),
    kind: z.enum(ORG_KINDS, { error: "errors.orgKindRequired" }),
    creditCode: creditCodeSchema,
    regionCode: regionCodeSchema,
    zone: zoneSchema.optional(),
  })
  .superRefine((org, ctx) => {
    if (org.zone && !isGanzhou(org.regionCode)) {
      ctx.addIssue({ code: "custom", path: ["zone"], message: "errors.zoneOutsideGanzhou" });
    }
  });
export type OrganizationInput = z.infer<typeof organizationInputSchema>;

const signupBase = z.object({
  email: emailSchema,
  name: personNameSchema,
  password: newPasswordSchema,
  role: z.enum(SIGNUP_ROLES, { error: "errors.roleSignup" }),
  // The signup form's checkbox: the user agreement and privacy policy (the version is recorded on the user).
  acceptTerms: z.literal("on", { error: "errors.termsRequired" }),
});

/** /signup: join an organization found by search, or describe a new one. */
export const signupSchema = z.discriminatedUnion(
  "orgMode",
  [
    signupBase.extend({
      orgMode: z.literal("existing"),
      organizationId: z
        .string({ error: "errors.organizationPick" })
        .trim()
        .min(1, { error: "errors.organizationPick" })
        .max(40),
    }),
    signupBase.extend({ orgMode: z.literal("new"), org: organizationInputSchema }),
  ],
  { error: "errors.orgModeRequired" },
);
export type SignupInput = z.infer<typeof signupSchema>;

export const loginSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "errors.passwordRequired" })
    .max(PASSWORD_MAX_LENGTH, { error: "errors.passwordTooLong" }),
  redirectTo: z.string().max(2000).optional(),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({
    token: z.string({ error: "errors.resetInvalid" }).min(10, { error: "errors.resetInvalid" }).max(200),
    password: newPasswordSchema,
    confirm: z.string({ error: "errors.confirmRequired" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "errors.confirmMismatch" });

export const changePasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string({ error: "errors.currentPasswordRequired" }).max(PASSWORD_MAX_LENGTH),
    password: newPasswordSchema,
    confirm: z.string({ error: "errors.confirmRequired" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "errors.confirmMismatch" })
  .refine((v) => v.password !== v.currentPassword, { path: ["password"], error: "errors.passwordUnchanged" });

export const profileSchema = z.object({
  intent: z.literal("profile"),
  name: personNameSchema,
  locale: z.enum(["zh-CN", "en"], { error: "errors.localeUnknown" }),
});

export const tokenCreateSchema = z.object({
  intent: z.literal("create"),
  name: z
    .string({ error: "errors.tokenNameRequired" })
    .trim()
    .min(1, { error: "errors.tokenNameRequired" })
    .max(100, { error: "errors.tokenNameTooLong" }),
});

/** /admin/users: staff accounts (bureau, admin) are created here or by the CLI, never by signup. */
export const staffUserCreateSchema = z.object({
  intent: z.literal("create"),
  email: emailSchema,
  name: personNameSchema,
  password: newPasswordSchema,
  role: z.enum(STAFF_ROLES, { error: "errors.roleStaff" }),
});

export const roleChangeSchema = z.object({
  intent: z.literal("role"),
  userId: z.string().min(1).max(40),
  role: z.enum(ROLES, { error: "errors.roleUnknown" }),
});

/**
 * `npm run cli -- user:create`: any role; the organization is optional here and resolved against
 * the database afterwards (matched by credit code, else by exact name, else created — then every
 * organization field is required and checked with organizationInputSchema).
 */
export const cliUserCreateSchema = z
  .object({
    email: emailSchema,
    password: newPasswordSchema,
    role: z.enum(ROLES, { error: "errors.roleUnknown" }),
    name: personNameSchema.optional(),
    org: z
      .object({
        name: z
          .string()
          .trim()
          .min(ORG_LIMITS.nameMin, { error: "errors.orgNameRequired" })
          .max(ORG_LIMITS.name, { error: "errors.orgNameTooLong" })
          .optional(),
        kind: z.enum(ORG_KINDS, { error: "errors.orgKindRequired" }).optional(),
        creditCode: creditCodeSchema.optional(),
        regionCode: regionCodeSchema.optional(),
        zone: zoneSchema.optional(),
      })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (ORGANIZATION_ROLES.includes(v.role) && !v.org?.name && !v.org?.creditCode) {
      ctx.addIssue({ code: "custom", path: ["org", "name"], message: "errors.organizationRequiredForRole" });
    }
  });
export type CliUserCreateInput = z.infer<typeof cliUserCreateSchema>;

const REDIRECT_BASE = "http://same-origin.invalid";

/**
 * A redirect target is used only when it is a path on this site, judged the way a browser reads
 * the Location header: the WHATWG URL parser drops tabs and newlines anywhere and treats a backslash
 * as "/", so a backslash-prefixed or tab-prefixed path leads to another host. Any control character (also
 * percent-encoded, which some proxies decode) is refused outright, and the answer is the parsed,
 * percent-encoded path, so it is always a valid header value.
 */
export function safeRedirect(to: unknown, fallback = "/dashboard") {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/")) return fallback;
  let decoded = to;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    // a malformed escape is no control character; the URL parser below keeps it as it is
  }
  for (const form of [to, decoded]) {
    // eslint-disable-next-line no-control-regex -- refusing control characters in a redirect target is the point
    if (/[\u0000-\u001f\u007f]/.test(form) || /^[/\\][/\\]/.test(form)) return fallback;
  }
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  return url.pathname + url.search + url.hash;
}
