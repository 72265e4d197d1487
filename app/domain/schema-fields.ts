// Field rules shared by the zod schemas of every feature (listings, organizations, events,
// contracts): bounded single-line or multi-line text, enums named in the error, integer fen, lists
// typed by people, and JSON bodies that refuse unknown fields. Client-safe. Messages are Chinese,
// then " / " and English.
//
// Text is stored as typed: HTML or script in a title is just text and is always rendered escaped.
import { z } from "zod";
import { MAX_FEN, MAX_FEN_LABEL } from "./money.ts";
import { isCalendarDate } from "./time.ts";
import "./zod-messages.ts";

// NUL and other C0 controls (tab, newline and carriage return are fine): PostgreSQL cannot store
// NUL in text, and the others are never typed by people.
// eslint-disable-next-line no-control-regex -- matching the control characters we refuse is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export type Label = { zh: string; en: string };
export const L = (zh: string, en: string): Label => ({ zh, en });

export function requiredMessage(label: Label) {
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

/** An unknown value is refused in words, not by listing the codes: the OpenAPI document lists them. */
export function enumOf<const T extends readonly [string, ...string[]]>(values: T, label: Label) {
  return z.enum(values, {
    error: (issue) => {
      if (issue.input === undefined || issue.input === null || issue.input === "")
        return `请选择${label.zh} / ${label.en} is required`;
      const shown = shownInput(issue.input);
      return `请从列表中选择${label.zh}：“${shown}”不在可选范围内 / Choose the ${label.en.toLowerCase()} from the list: “${shown}” is not one of the choices`;
    },
  });
}

/** The refused value as the message quotes it back (an import's author needs to see what was wrong). */
function shownInput(input: unknown): string {
  const text = typeof input === "string" ? input : (JSON.stringify(input) ?? String(input));
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

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
    .max(
      MAX_FEN,
      `${label.zh}超出上限（${MAX_FEN_LABEL.zh}） / ${label.en} is above the ceiling of ${MAX_FEN_LABEL.en}`,
    )
    .nullable();
}

/** Splits what people type (commas, 顿号, semicolons, spaces or new lines) into keywords. */
export function splitList(value: string, separators = /[,，、;；\s]+/) {
  return value
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function dedupe(values: string[]) {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function unknownKeysMessage(keys: readonly PropertyKey[]) {
  const list = keys.map(String).join(", ");
  return `不认识的字段：${list} / Unknown field(s): ${list}`;
}

/** A JSON body with exactly these fields: an unknown one is named in both languages. */
export function strictShape<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? unknownKeysMessage(issue.keys)
        : "请求体应为 JSON 对象 / The body must be a JSON object",
  });
}

// ---------------------------------------------------------------- dates
// One rule for every date that arrives from outside (API bodies, queries, forms): a real calendar
// day "YYYY-MM-DD" or an ISO 8601 instant with an offset, in the years 1900–2999. Year 0 and
// year 10000 parse in JavaScript but PostgreSQL and Prisma cannot store them (a 500 otherwise);
// nothing this market records lies outside these years (docs/decisions/0020-bad-input-boundary.md).

export const YEARS = { min: 1900, max: 2999 } as const;

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_TEXT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function yearsMessage(label: Label, years: { min: number; max: number }) {
  return `${label.zh}的年份应在 ${years.min} 至 ${years.max} 之间 / ${label.en}: the year must be between ${years.min} and ${years.max}`;
}

/** "YYYY-MM-DD" naming a real day (no 2026-02-30) within `years`. */
export function isDayText(value: string, years: { min: number; max: number } = YEARS) {
  return isCalendarDate(value, { minYear: years.min, maxYear: years.max });
}

/** An ISO 8601 instant with an offset, a real time, within `years` as written and in UTC. */
export function isInstantText(value: string, years: { min: number; max: number } = YEARS) {
  const m = INSTANT_TEXT.exec(value);
  if (!m || !isDayText(value.slice(0, 10), years)) return false;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return false;
  const utcYear = at.getUTCFullYear();
  return utcYear >= years.min && utcYear <= years.max;
}

/**
 * A calendar day "YYYY-MM-DD" (kept as text). `messages` keeps a domain's own wording for the
 * format and impossible-day cases; the year range always has its own message.
 */
export function calendarDay(
  label: Label,
  opts: {
    years?: { min: number; max: number };
    messages?: { required?: string; format?: string; impossible?: string };
  } = {},
) {
  const years = opts.years ?? YEARS;
  const format = opts.messages?.format ?? `${label.zh}格式应为 YYYY-MM-DD / ${label.en} must be YYYY-MM-DD`;
  const impossible = opts.messages?.impossible ?? `${label.zh}不是有效的日期 / ${label.en} is not a real date`;
  return z
    .string({
      error: (issue) => (issue.input === undefined ? (opts.messages?.required ?? requiredMessage(label)) : format),
    })
    .trim()
    .regex(DAY_TEXT, { error: format })
    .refine((v) => isDayText(v, { min: 0, max: 9999 }), { error: impossible, abort: true })
    .refine((v) => isDayText(v, years), { error: yearsMessage(label, years) });
}

/** An ISO 8601 instant with an offset (2026-12-18T09:00:00+08:00) → a Date. */
export function isoDateTime(label: Label, opts: { message?: string; years?: { min: number; max: number } } = {}) {
  const years = opts.years ?? YEARS;
  const message =
    opts.message ??
    `${label.zh}应为带时区的 ISO 8601 时间，如 2026-12-18T09:00:00+08:00 / ${label.en} must be an ISO 8601 time with an offset`;
  return z
    .string({ error: (issue) => (issue.input === undefined ? requiredMessage(label) : message) })
    .trim()
    .refine((v) => INSTANT_TEXT.test(v) && isInstantText(v, { min: 0, max: 9999 }), { error: message, abort: true })
    .refine((v) => isInstantText(v, years), { error: yearsMessage(label, years) })
    .transform((v) => new Date(v));
}

/** A day ("YYYY-MM-DD", read as Shanghai midnight) or an ISO 8601 instant → a Date. */
export function dayOrInstant(label: Label, opts: { message?: string } = {}) {
  const message =
    opts.message ?? `${label.zh}应为 YYYY-MM-DD 或 ISO 8601 时间 / ${label.en} must be YYYY-MM-DD or an ISO 8601 time`;
  return z
    .string({ error: (issue) => (issue.input === undefined ? requiredMessage(label) : message) })
    .trim()
    .refine((v) => isDayText(v, { min: 0, max: 9999 }) || isInstantText(v, { min: 0, max: 9999 }), {
      error: message,
      abort: true,
    })
    .refine((v) => isDayText(v) || isInstantText(v), { error: yearsMessage(label, YEARS) })
    .transform((v) => (DAY_TEXT.test(v) ? new Date(`${v}T00:00:00+08:00`) : new Date(v)));
}

/** `page` and `pageSize` of a list endpoint's query string: spread into its z.strictObject. */
export const pageQueryShape = {
  page: z.coerce
    .number({ error: "page 应为正整数 / page must be a positive integer" })
    .int()
    .min(1)
    .max(10_000)
    .default(1),
  pageSize: z.coerce
    .number({ error: "pageSize 应为 1–100 / pageSize must be 1–100" })
    .int()
    .min(1)
    .max(100)
    .default(20),
};
