// One zod schema per shape, shared by the forms (through @conform-to/zod/v4) and the server
// (API routes, actions, the CLI importer). Client-safe: no server imports. Messages are Chinese,
// then " / " and English.
//
// Text is stored as typed: HTML or script in a title is just text and is always rendered escaped.
import { z } from "zod";
import { FIELDS, MATURITIES, ORG_KINDS, TRANSFER_MODES } from "../domain/catalog.ts";
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from "../domain/credit-code.ts";
import { isGanzhou, isKnownRegion, ZONES } from "../domain/regions.ts";
import { MAX_FEN } from "../domain/money.ts";

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
  orgName: 100,
  orgDescription: 2000,
  website: 200,
  /** the one money ceiling (app/domain/money.ts) */
  maxFen: MAX_FEN,
} as const;

// NUL and other C0 controls (tab, newline and carriage return are fine): PostgreSQL cannot store
// NUL in text, and the others are never typed by people.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

type Label = { zh: string; en: string };
const L = (zh: string, en: string): Label => ({ zh, en });

function requiredMessage(label: Label) {
  return `请填写${label.zh} / ${label.en} is required`;
}

/** A trimmed string with a maximum length; `required` also refuses the empty string. */
export function text(label: Label, max: number, opts: { required?: boolean; singleLine?: boolean } = {}) {
  let schema = z
    .string({
      error: (issue) =>
        issue.input === undefined || issue.input === null
          ? requiredMessage(label)
          : `${label.zh}应为文本 / ${label.en} must be a string`,
    })
    .trim()
    .max(max, `${label.zh}不能超过 ${max} 个字符 / ${label.en} must be at most ${max} characters`)
    .refine((v) => !CONTROL_CHARS.test(v), `${label.zh}包含不可见的控制字符 / ${label.en} contains control characters`);
  if (opts.singleLine) {
    schema = schema.refine((v) => !/[\r\n]/.test(v), `${label.zh}不能换行 / ${label.en} must be one line`);
  }
  if (opts.required) schema = schema.refine((v) => v.length > 0, requiredMessage(label));
  return schema;
}

function enumOf<const T extends readonly [string, ...string[]]>(values: T, label: Label) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined || issue.input === null || issue.input === ""
        ? `请选择${label.zh} / ${label.en} is required`
        : `未知的${label.zh}“${String(issue.input).slice(0, 40)}”，可选值：${values.join(", ")} / Unknown ${label.en}; allowed: ${values.join(", ")}`,
  });
}

export const fieldSchema = enumOf(FIELDS, L("技术领域", "field"));
export const maturitySchema = enumOf(MATURITIES, L("成熟度", "maturity"));
export const transferModeSchema = enumOf(TRANSFER_MODES, L("转化方式", "transfer mode"));
export const cooperationModeSchema = enumOf(TRANSFER_MODES, L("合作方式", "cooperation mode"));
export const orgKindSchema = enumOf(ORG_KINDS, L("机构类型", "organization kind"));
export const zoneSchema = enumOf(ZONES, L("功能区", "zone"));

/** Integer fen, non-negative; null means 面议 (negotiable). Strings such as "100万" are refused. */
export function fenSchema(label: Label) {
  return z
    .number({
      error: (issue) =>
        issue.input === undefined
          ? `请填写${label.zh}（null 表示面议） / ${label.en} is required (null means negotiable)`
          : `${label.zh}应为以“分”为单位的整数，或 null 表示面议（例如 50 万元写作 50000000） / ${label.en} must be an integer number of fen, or null for negotiable (e.g. ¥500,000 is 50000000)`,
    })
    .int(`${label.zh}应为整数（单位：分），不能有小数 / ${label.en} must be a whole number of fen`)
    .min(0, `${label.zh}不能为负数 / ${label.en} must not be negative`)
    .max(LIMITS.maxFen, `${label.zh}超出上限（100 亿元） / ${label.en} is too large (at most ¥10 billion)`)
    .nullable();
}

// ---------------------------------------------------------------- keywords and patent numbers

/** Splits what people type (commas, 顿号, semicolons, spaces or new lines) into keywords. */
export function splitList(value: string, separators = /[,，、;；\s]+/) {
  return value
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

function dedupe(values: string[]) {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function keywordsProblem(list: string[]): string | null {
  if (list.length > LIMITS.keywordCount) {
    return `关键词最多 ${LIMITS.keywordCount} 个 / At most ${LIMITS.keywordCount} keywords`;
  }
  const long = list.find((k) => k.length > LIMITS.keywordLength);
  if (long) {
    return `关键词“${long.slice(0, 10)}…”超过 ${LIMITS.keywordLength} 个字符 / Each keyword must be at most ${LIMITS.keywordLength} characters`;
  }
  if (list.some((k) => CONTROL_CHARS.test(k))) return "关键词包含不可见的控制字符 / A keyword contains control characters";
  return null;
}

export const keywordsSchema = z
  .array(
    z.string({ error: "关键词应为文本 / Each keyword must be a string" }).trim(),
    { error: "关键词应为字符串数组 / keywords must be an array of strings" },
  )
  .transform((list) => dedupe(list.filter(Boolean)))
  .superRefine((list, ctx) => {
    const problem = keywordsProblem(list);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const PATENT_NUMBER = /^[A-Za-z0-9.\-/ ]+$/;

function patentNumbersProblem(list: string[]): string | null {
  if (list.length > LIMITS.patentCount) return `专利号最多 ${LIMITS.patentCount} 个 / At most ${LIMITS.patentCount} patent numbers`;
  const bad = list.find((p) => p.length > LIMITS.patentLength || !PATENT_NUMBER.test(p));
  if (bad) {
    return `专利号“${bad.slice(0, 20)}”格式不正确（字母、数字、点和连字符，最多 ${LIMITS.patentLength} 个字符，例如 ZL202110123456.7） / Invalid patent number (letters, digits, dots and hyphens, e.g. ZL202110123456.7)`;
  }
  return null;
}

export const patentNumbersSchema = z
  .array(
    z.string({ error: "专利号应为文本 / Each patent number must be a string" }).trim(),
    { error: "专利号应为字符串数组 / patentNumbers must be an array of strings" },
  )
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

/** "YYYY-MM-DD" that names a real calendar day (no 2025-02-30), years 2000–2100. */
export function isCalendarDate(value: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const deadlineSchema = z
  .string({ error: "截止日期应为 YYYY-MM-DD 格式的字符串 / deadline must be a YYYY-MM-DD string" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "截止日期格式应为 YYYY-MM-DD / deadline must be YYYY-MM-DD")
  .refine(isCalendarDate, "截止日期不是有效的日期 / deadline is not a valid calendar date")
  .nullable();

// ---------------------------------------------------------------- contact

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const contactNameSchema = text(L("联系人", "contact name"), LIMITS.contactName, { singleLine: true });
const contactPhoneSchema = text(L("联系电话", "contact phone"), LIMITS.contactPhone, { singleLine: true }).refine(
  (v) => v === "" || /^[0-9+\-() ]{5,30}$/.test(v),
  "联系电话只能包含数字、空格和 + - ( ) / The phone number may contain digits, spaces and + - ( )",
);
const contactEmailSchema = text(L("联系邮箱", "contact email"), LIMITS.contactEmail, { singleLine: true }).refine(
  (v) => v === "" || EMAIL.test(v),
  "联系邮箱格式不正确 / The contact email is not a valid address",
);

export const contactSchema = z.strictObject(
  { name: contactNameSchema.optional(), phone: contactPhoneSchema.optional(), email: contactEmailSchema.optional() },
  { error: (issue) => (issue.code === "unrecognized_keys" ? unknownKeysMessage(issue.keys) : "联系方式应为对象 / contact must be an object") },
);

function unknownKeysMessage(keys: readonly PropertyKey[]) {
  const list = keys.map(String).join(", ");
  return `不认识的字段：${list} / Unknown field(s): ${list}`;
}

/** A JSON body with exactly these fields: an unknown one is named in both languages. */
export function strictShape<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? unknownKeysMessage(issue.keys) : "请求体应为 JSON 对象 / The body must be a JSON object",
  });
}

// ---------------------------------------------------------------- results (科技成果)

const resultTitle = text(L("成果名称", "title"), LIMITS.title, { required: true, singleLine: true });
const resultSummary = text(L("成果简介", "summary"), LIMITS.summary, { required: true });
const ipDescription = text(L("知识产权说明", "IP description"), LIMITS.ipDescription);
const priceFen = fenSchema(L("价格", "priceFen"));

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

const needTitle = text(L("需求名称", "title"), LIMITS.title, { required: true, singleLine: true });
const needDescription = text(L("需求描述", "description"), LIMITS.description, { required: true });
const targetIndicators = text(L("技术指标", "target indicators"), LIMITS.targetIndicators);
const budgetFen = fenSchema(L("预算", "budgetFen"));

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
    error: "decision 应为 approve 或 reject / decision must be \"approve\" or \"reject\"",
  }),
  reason: text(L("驳回理由", "reason"), LIMITS.reason).optional(),
}).superRefine((value, ctx) => {
  if (value.decision === "reject" && !value.reason) {
    ctx.addIssue({ code: "custom", path: ["reason"], message: "驳回时必须填写理由 / A reason is required to reject" });
  }
});
export type ReviewInput = z.output<typeof reviewSchema>;

export const withdrawSchema = strictShape({
  reason: text(L("撤回说明", "reason"), LIMITS.reason).optional(),
});

// ---------------------------------------------------------------- organizations

export const creditCodeSchema = z
  .string({ error: (i) => (i.input === undefined ? requiredMessage(L("统一社会信用代码", "creditCode")) : "统一社会信用代码应为文本 / creditCode must be a string") })
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: CREDIT_CODE_MESSAGES[problem] });
  });

export const regionCodeSchema = z
  .string({ error: (i) => (i.input === undefined ? requiredMessage(L("所在地区", "regionCode")) : "地区代码应为文本 / regionCode must be a string") })
  .trim()
  .regex(/^\d{6}$/, "地区代码应为 6 位 GB/T 2260 行政区划代码 / regionCode must be a six-digit GB/T 2260 code")
  .refine(isKnownRegion, "未知的地区代码（赣州各县区、大湾区城市或省级代码） / Unknown region code (Ganzhou counties, Bay Area cities or a province)");

const orgShape = {
  name: text(L("机构名称", "name"), LIMITS.orgName, { required: true, singleLine: true }),
  kind: orgKindSchema,
  creditCode: creditCodeSchema,
  regionCode: regionCodeSchema,
  zone: zoneSchema.nullable().optional(),
  description: text(L("机构简介", "description"), LIMITS.orgDescription).optional(),
  website: text(L("网址", "website"), LIMITS.website, { singleLine: true })
    .refine((v) => v === "" || /^https?:\/\/[^\s<>"]+$/i.test(v), "网址应以 http:// 或 https:// 开头 / website must start with http:// or https://")
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

// ---------------------------------------------------------------- form variants
// The HTML forms send strings: keywords as one line, patent numbers one per line, money in 万元
// (what people quote), contact as three fields. These schemas reuse the field rules above and
// produce the same content objects as the API.

/** "50" or "12.5" 万元 → fen, exact (no floating point): 1 万元 = 1,000,000 fen. */
export function wanToFen(value: string): number {
  const [whole, frac = ""] = value.split(".");
  return Number(whole) * 1_000_000 + Number(frac.padEnd(6, "0"));
}

/** fen → the 万元 string the form shows ("" for null). */
export function fenToWan(fen: number | bigint | null | undefined): string {
  if (fen === null || fen === undefined) return "";
  const n = BigInt(fen);
  const whole = n / 1_000_000n;
  const frac = (n % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

function wanSchema(label: Label) {
  return z
    .string()
    .trim()
    .regex(
      /^\d{1,8}(\.\d{1,6})?$/,
      `${label.zh}请填写以万元为单位的数字，例如 50 或 12.5；留空表示面议 / ${label.en}: a number in units of ¥10,000, e.g. 50 or 12.5; leave empty for negotiable`,
    )
    .optional()
    .transform((v) => (v ? wanToFen(v) : null));
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
  .transform(
    (v): ResultFormValue => ({
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
    }),
  );

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
  .transform(
    (v): NeedFormValue => ({
      title: v.title,
      description: v.description,
      targetIndicators: v.targetIndicators ?? "",
      keywords: v.keywords,
      field: v.field,
      budgetFen: v.budgetWan,
      deadline: v.deadline ?? null,
      cooperationMode: v.cooperationMode ?? null,
      contact: contactFrom(v),
    }),
  );

/** The organization form: the API shape, with an empty zone meaning none. */
export const organizationFormSchema = z
  .object({ ...orgShape, zone: zoneSchema.optional() })
  .superRefine(zoneInGanzhou);

/**
 * PATCH /api/v1/organizations/:id and the profile form: what its members describe themselves.
 * Name, kind, credit code and region are what the bureau verified, so they are not in it.
 */
export const organizationProfileSchema = strictShape({ description: orgShape.description, website: orgShape.website });
export type OrganizationProfileInput = z.output<typeof organizationProfileSchema>;

export const reviewFormSchema = z
  .object({
    decision: z.enum(["approve", "reject"]),
    reason: text(L("驳回理由", "reason"), LIMITS.reason).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "reject" && !value.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "驳回时必须填写理由 / A reason is required to reject" });
    }
  });
