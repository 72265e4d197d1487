// What people read when a form is refused: every message of every form schema, for an empty form
// and for bad values, reads in the page's language alone — the Chinese half has no English words or
// internal field names, the English half no Chinese, and neither names a field by its code
// ("regionCode is required", "输入无效：type — 必填"). Also zod's own defaults (app/domain/zod-messages.ts).
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { lotFormSchema } from "../../app/auctions/form-schemas.ts";
import { roomFormSchema } from "../../app/auctions/room-form-schemas.ts";
import {
  changePasswordSchema,
  forgotPasswordSchema,
  loginSchema,
  profileSchema,
  resetPasswordSchema,
  signupSchema,
  roleChangeSchema,
  staffUserCreateSchema,
  tokenCreateSchema,
} from "../../app/auth/schemas.ts";
import { brokerCreateSchema, brokerPatchSchema, brokerVerifySchema } from "../../app/brokers/schemas.ts";
import { contractCreateFormSchema, contractEditFormSchema } from "../../app/contracts/form-schemas.ts";
import { defaultMessage, formMessage } from "../../app/domain/zod-messages.ts";
import { eventFormSchema } from "../../app/events/schemas.ts";
import { deskFormSchema as checkInDeskSchema, eventPageFormSchema } from "../../app/events/form-schemas.ts";
import { deskFormSchema } from "../../app/subcentres/desk-form-schemas.ts";
import { calendarFormSchema } from "../../app/auctions/calendar-form-schemas.ts";
import { importFormSchema } from "../../app/contracts/import-form-schema.ts";
import { pickMessage } from "../../app/i18n/i18n.ts";
import { resources } from "../../app/i18n/locales/index.ts";
import { leadCreateSchema } from "../../app/leads/schemas.ts";
import { needFormSchema, resultFormSchema, reviewFormSchema } from "../../app/listings/form-schemas.ts";
import { offerFormSchema, offerReplySchema } from "../../app/offers/form-schemas.ts";
import {
  membershipDecisionSchema,
  organizationFormSchema,
  organizationProfileSchema,
} from "../../app/organizations/schemas.ts";
import { anomalyFormSchema } from "../../app/contracts/anomaly-schemas.ts";
import { targetFormSchema } from "../../app/stats/form-schemas.ts";
import { bureauSubcentreFormSchema, fieldNeedFormSchema } from "../../app/subcentres/form-schemas.ts";
import { subsidyDecisionFormSchema } from "../../app/subsidies/bureau-form-schemas.ts";
import { contractPageSchema } from "../../app/routes/contracts+shared/page-schema.ts";

const contractPage = contractPageSchema({ contractAmountFen: 100_000_000, nonTechnicalCostsFen: 0 });
// the contract page's forms that carry fields (submit, delete, confirm and confirmPayment carry only an id)
const CONTRACT_PAGE_FORMS = [
  "review",
  "amend",
  "cancel",
  "resolveFlag",
  "recordPayment",
  "payByCard",
  "disputePayment",
  "saveSchedule",
  "applySubsidy",
] as const;

const FORMS: Record<string, z.ZodType> = {
  result: resultFormSchema,
  need: needFormSchema,
  review: reviewFormSchema,
  lot: lotFormSchema,
  roomBid: roomFormSchema,
  roomReview: roomFormSchema,
  roomCancel: roomFormSchema,
  roomConfirmDeposit: roomFormSchema,
  roomRefund: roomFormSchema,
  roomObject: roomFormSchema,
  roomDecide: roomFormSchema,
  event: eventFormSchema,
  eventRegister: eventPageFormSchema,
  eventCancel: eventPageFormSchema,
  checkInCode: checkInDeskSchema,
  checkInOverride: checkInDeskSchema,
  brokerVerify: brokerVerifySchema,
  deskVisit: deskFormSchema,
  deskReview: deskFormSchema,
  calendarDay: calendarFormSchema,
  contractImport: importFormSchema,
  organization: organizationFormSchema,
  organizationProfile: organizationProfileSchema,
  signupExisting: signupSchema,
  login: loginSchema,
  forgotPassword: forgotPasswordSchema,
  resetPassword: resetPasswordSchema,
  changePassword: changePasswordSchema,
  profile: profileSchema,
  token: tokenCreateSchema,
  staffUser: staffUserCreateSchema,
  roleChange: roleChangeSchema,
  membershipDecision: membershipDecisionSchema,
  fieldNeed: fieldNeedFormSchema,
  lead: leadCreateSchema,
  broker: brokerCreateSchema,
  brokerEdit: brokerPatchSchema,
  bureauTarget: targetFormSchema,
  anomalyRescan: anomalyFormSchema,
  anomalyResolve: anomalyFormSchema,
  subcentreDispatch: bureauSubcentreFormSchema,
  subcentreScore: bureauSubcentreFormSchema,
  subcentreTarget: bureauSubcentreFormSchema,
  subcentreDelegate: bureauSubcentreFormSchema,
  subsidyDecide: subsidyDecisionFormSchema,
  subsidyDisburse: subsidyDecisionFormSchema,
  offer: offerFormSchema,
  offerReply: offerReplySchema,
  offerClose: offerReplySchema,
  contract: contractCreateFormSchema,
  contractEdit: contractEditFormSchema(false),
  contractEditFromOffer: contractEditFormSchema(true),
  ...Object.fromEntries(CONTRACT_PAGE_FORMS.map((intent) => [`contractPage.${intent}`, contractPage])),
};

/** What an empty form still sends: the choice that picks its shape (a hidden intent, a mode). */
const SENT_WHEN_EMPTY: Record<string, Record<string, string>> = {
  signupExisting: { orgMode: "new" },
  anomalyRescan: { intent: "rescan" },
  anomalyResolve: { intent: "resolveFlag" },
  subcentreDispatch: { intent: "dispatch" },
  subcentreScore: { intent: "score" },
  subcentreTarget: { intent: "target" },
  subcentreDelegate: { intent: "delegate" },
  subsidyDecide: { intent: "decide" },
  subsidyDisburse: { intent: "disburse" },
  eventRegister: { intent: "register" },
  eventCancel: { intent: "cancel" },
  checkInOverride: { override: "1", code: "ABC123" },
  deskVisit: { intent: "visit", dispatchId: "d1" },
  deskReview: { intent: "review", kind: "need", listingId: "n1", decision: "reject" },
  calendarDay: { intent: "set" },
  roomBid: { intent: "bid" },
  roomReview: { intent: "reject" },
  roomCancel: { intent: "cancel" },
  roomConfirmDeposit: { intent: "confirmDeposit" },
  roomRefund: { intent: "refund" },
  roomObject: { intent: "object" },
  roomDecide: { intent: "decide" },
  offer: { resultId: "r1" },
  offerReply: { intent: "message" },
  offerClose: { intent: "accept" },
  ...Object.fromEntries(CONTRACT_PAGE_FORMS.map((intent) => [`contractPage.${intent}`, { intent }])),
};

const CJK = /[\u3400-\u9fff]/;
// an identifier as code writes it: regionCode, name.en, org.regionCode, contact_email
const CODE_NAME = /\b[a-z]+(?:[A-Z][a-z]+)+\b|\b[a-z]{2,}\.[a-z]{2,}\b|\b[a-z]+_[a-z]+\b/;
// an English word in the Chinese half (units, standards and brand names are upper case: GB/T, PDF, MB)
const LOWER_WORD = /\b[a-z]{2,}\b/;

/** An auth message key ("errors.passwordTooShort") in each language, or the bilingual message's halves. */
function halves(message: string): { zh: string; en: string } {
  const auth = (lng: "zh-CN" | "en") =>
    message.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)?.[k], resources[lng].auth);
  const zhKey = auth("zh-CN");
  const enKey = auth("en");
  if (typeof zhKey === "string" && typeof enKey === "string") return { zh: zhKey, en: enKey };
  return { zh: pickMessage(message, "zh-CN"), en: pickMessage(message, "en") };
}

function problems(where: string, message: string): string[] {
  // a value quoted back to the user (“abc”) is theirs, not our wording
  const { zh, en } = Object.fromEntries(
    Object.entries(halves(message)).map(([k, v]) => [k, v.replace(/“[^”]*”/g, "“…”")]),
  ) as { zh: string; en: string };
  const out: string[] = [];
  if (!message.includes(" / ") && !halves(message).zh.match(CJK))
    out.push(`${where}: not bilingual nor a key: ${message}`);
  if (!CJK.test(zh)) out.push(`${where}: the Chinese half has no Chinese: ${zh}`);
  if (LOWER_WORD.test(zh.replace(/https?:\/\/\S*/g, ""))) out.push(`${where}: English in the Chinese half: ${zh}`);
  if (CODE_NAME.test(zh) || CODE_NAME.test(en)) out.push(`${where}: names a field by its code: ${message}`);
  if (CJK.test(en)) out.push(`${where}: Chinese in the English half: ${en}`);
  if (/^[a-z]/.test(en)) out.push(`${where}: the English half starts with a field code: ${en}`);
  return out;
}

function formData(entries: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

function errorsOf(schema: z.ZodType, fd: FormData): Record<string, string[]> {
  const submission = parseWithZod(fd, { schema });
  return submission.status === "success" ? {} : ((submission.error as Record<string, string[]> | null) ?? {});
}

describe("form messages", () => {
  for (const [name, schema] of Object.entries(FORMS)) {
    test(`${name}: empty and bad values are refused in words, in each language`, () => {
      const found: string[] = [];
      const sent = SENT_WHEN_EMPTY[name] ?? {};
      const empty = errorsOf(schema, formData(sent));
      // the required fields, and every field of a plain object schema (an edit form requires none),
      // also when a transform hands it over to the API's schema
      const base = schema instanceof z.ZodPipe ? schema.in : schema;
      const shape = base instanceof z.ZodObject ? Object.keys(base.shape).filter((k) => !(k in sent)) : [];
      const fields = [...new Set([...Object.keys(empty).filter(Boolean), ...shape])];
      // every field at once with text too long, a word where a number or choice belongs, and nonsense
      const bad = [
        Object.fromEntries(fields.map((f) => [f, "x".repeat(6000)])),
        Object.fromEntries(fields.map((f) => [f, "abc"])),
        Object.fromEntries(fields.map((f) => [f, "-1"])),
      ].map((b) => ({ ...b, ...sent }));
      const all = [empty, ...bad.map((b) => errorsOf(schema, formData(b)))];
      for (const errors of all) {
        for (const [field, messages] of Object.entries(errors)) {
          for (const m of messages ?? []) found.push(...problems(`${name}.${field}`, m));
        }
      }
      expect(fields.length + Object.keys(sent).length, `${name} has fields`).toBeGreaterThan(0);
      expect([...new Set(found)]).toEqual([]);
    });
  }
});

describe("zod's defaults", () => {
  const samples: Array<[string, z.ZodType, unknown]> = [
    ["missing text", z.object({ a: z.string() }), {}],
    ["a number instead of text", z.object({ a: z.string() }), { a: 1 }],
    ["text instead of a number", z.object({ a: z.number() }), { a: "x" }],
    ["empty required text", z.object({ a: z.string().min(1) }), { a: "" }],
    ["too short", z.object({ a: z.string().min(5) }), { a: "ab" }],
    ["too long", z.object({ a: z.string().max(3) }), { a: "abcd" }],
    ["too small", z.object({ a: z.number().min(3) }), { a: 1 }],
    ["too big", z.object({ a: z.number().max(3) }), { a: 9 }],
    ["not an integer", z.object({ a: z.number().int() }), { a: 1.5 }],
    ["no choice", z.object({ a: z.array(z.string()).min(1) }), { a: [] }],
    ["too many", z.object({ a: z.array(z.string()).max(1) }), { a: ["x", "y"] }],
    ["unknown choice", z.object({ a: z.enum(["x", "y"]) }), { a: "z" }],
    ["email", z.object({ a: z.email() }), { a: "nope" }],
    ["url", z.object({ a: z.url() }), { a: "nope" }],
    ["regex", z.object({ a: z.string().regex(/^\d+$/) }), { a: "x" }],
    ["literal", z.object({ a: z.literal("on") }), { a: "off" }],
    ["union", z.object({ a: z.union([z.number(), z.boolean()]) }), { a: "x" }],
  ];
  for (const [label, schema, input] of samples) {
    test(label, () => {
      const result = schema.safeParse(input);
      expect(result.success).toBe(false);
      const messages = result.error!.issues.map((i) => i.message);
      for (const m of messages) {
        expect(m).toContain(" / ");
        expect(problems(label, m)).toEqual([]);
      }
    });
  }

  test("a schema's own message wins over the default", () => {
    const r = z.string({ error: "请填写名称 / Name is required" }).safeParse(undefined);
    expect(r.error!.issues[0]!.message).toBe("请填写名称 / Name is required");
  });

  test("limits are filled in, in both languages", () => {
    expect(formMessage("tooLong", { max: 20 })).toBe("最多 20 个字符 / At most 20 characters");
    expect(
      defaultMessage({ code: "too_small", origin: "string", minimum: 2, input: "a", inclusive: true, path: [] }),
    ).toBe("至少 2 个字符 / At least 2 characters");
  });
});
