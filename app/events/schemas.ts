// One schema per shape for matchmaking fairs and roadshows: the API's JSON and the staff form
// (strings from an HTML form, times as Asia/Shanghai wall-clock) produce the same EventInput.
import { z } from "zod";
import { regionCodeSchema } from "../organizations/schemas.ts";
import {
  isInstantText,
  isoDateTime,
  L,
  type Label,
  requiredMessage,
  strictShape,
  text,
} from "../domain/schema-fields.ts";

export const EVENT_KINDS = ["fair", "roadshow"] as const;

const MAX_DAYS = 14;

const kind = z.enum(EVENT_KINDS, {
  error: "请选择活动类型：对接会或路演 / Choose the kind: matchmaking fair or roadshow",
});
const title = text(L("活动名称", "Event name"), 120, { required: true, singleLine: true });
const description = text(L("活动介绍", "Description"), 5000);
const venue = text(L("活动地点", "Venue"), 200, { required: true, singleLine: true });
const capacity = z
  .number({ error: "人数上限应为整数 / The capacity must be a whole number" })
  .int({ error: "人数上限应为整数 / The capacity must be a whole number" })
  .min(1, { error: "人数上限至少为 1 / The capacity is at least 1" })
  .max(100_000, { error: "人数上限不超过 100000 / The capacity is at most 100,000" });
const listingIds = z
  .array(z.string({ error: "应为条目 ID / Must be listing ids" }).trim().min(1).max(100), {
    error: "应为条目 ID 数组 / Must be a list of listing ids",
  })
  .max(50, { error: "最多展示 50 项 / at most 50 listings" });

function timesInOrder(value: { startsAt: Date; endsAt: Date }, ctx: z.RefinementCtx) {
  // zod runs this even when a time failed its own check: then that field's error says it all
  if (!(value.startsAt instanceof Date) || !(value.endsAt instanceof Date)) return;
  if (value.endsAt <= value.startsAt) {
    ctx.addIssue({
      code: "custom",
      path: ["endsAt"],
      message: "结束时间应晚于开始时间 / endsAt must be after startsAt",
    });
  } else if (value.endsAt.getTime() - value.startsAt.getTime() > MAX_DAYS * 86_400_000) {
    ctx.addIssue({
      code: "custom",
      path: ["endsAt"],
      message: `活动最长 ${MAX_DAYS} 天 / An event lasts at most ${MAX_DAYS} days`,
    });
  }
}

const isoTime = (label: Label) => isoDateTime(label);

/** POST /api/v1/events */
export const eventCreateSchema = strictShape({
  kind,
  title,
  description: description.optional(),
  venue,
  regionCode: regionCodeSchema,
  startsAt: isoTime(L("开始时间", "Start time")),
  endsAt: isoTime(L("结束时间", "End time")),
  capacity: capacity.nullable().optional(),
  resultIds: listingIds.optional(),
  needIds: listingIds.optional(),
}).superRefine(timesInOrder);
export type EventInput = z.output<typeof eventCreateSchema>;

/** "2026-12-18T09:00" typed in a datetime-local field, read as Asia/Shanghai time. */
const localTime = (label: Label) =>
  z
    .string({ error: requiredMessage(label) })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, {
      error: `${label.zh}格式应为 年-月-日 时:分 / ${label.en}: use the date and time picker`,
    })
    .transform((v, ctx) => {
      const at = new Date(`${v}:00+08:00`);
      if (Number.isNaN(at.getTime()) || !isInstantText(`${v}:00+08:00`)) {
        ctx.addIssue({ code: "custom", message: `${label.zh}不是有效的时间 / ${label.en} is not a valid time` });
        return z.NEVER;
      }
      return at;
    });

/**
 * Listing ids: the checkboxes of the form's listing search (one value each), or ids / page
 * addresses (…/results/<id>) separated by commas or lines, as earlier forms sent them.
 */
const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => [
    ...new Set(
      (Array.isArray(v) ? v : [v ?? ""])
        .flatMap((x) => x.split(/[\s,，]+/))
        .map((x) =>
          x
            .trim()
            .replace(/^.*\/(results|needs)\//, "")
            .replace(/[?#].*$/, ""),
        )
        .filter(Boolean),
    ),
  ])
  .pipe(listingIds);

/** The staff form at /events/new: the same fields as strings. */
export const eventFormSchema = z
  .object({
    kind,
    title,
    description: description.optional(),
    venue,
    regionCode: regionCodeSchema,
    startsAt: localTime(L("开始时间", "Start time")),
    endsAt: localTime(L("结束时间", "End time")),
    capacity: z.coerce
      .number({ error: "人数上限应为整数 / The capacity must be a whole number" })
      .pipe(capacity)
      .optional(),
    resultIds: idList,
    needIds: idList,
  })
  .superRefine(timesInOrder);

/** Phone digits as the desk compares them: no spaces or dashes, no +86 / 0086 country prefix. */
export function phoneDigits(raw: string) {
  const d = raw.replace(/\D/g, "");
  if (d.startsWith("0086")) return d.slice(4);
  if (d.startsWith("86") && d.length > 11) return d.slice(2);
  return d;
}

const checkInCode = z
  .string({ error: "请填写签到码 / The check-in code is required" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{6,12}$/, { error: "签到码为 6–12 位字母或数字 / A check-in code is 6–12 letters or digits" });

// what a registration's QR code carries (docs/decisions/0027-event-check-in.md)
export const CHECK_IN_TOKEN = /^[A-Za-z0-9_-]{32}$/;
const checkInToken = z
  .string({ error: "请扫描二维码 / Scan the QR code" })
  .trim()
  .regex(CHECK_IN_TOKEN, { error: "二维码无法识别 / The QR code was not recognised" });

const overrideReason = text(L("非活动日签到的原因", "Reason for checking in outside the event's days"), 500, {
  required: true,
});

/**
 * POST /api/v1/events/:id/check-in: one of the code (typed), the token (scanned from the QR code)
 * or the registration's id (picked after a lookup); `override` checks in outside the event's days.
 */
export const checkInSchema = strictShape({
  code: checkInCode.optional(),
  token: checkInToken.optional(),
  registrationId: z
    .string({ error: "应为报名 ID / registrationId must be a registration's id" })
    .trim()
    .min(1, { error: "应为报名 ID / registrationId must be a registration's id" })
    .max(100, { error: "应为报名 ID / registrationId must be a registration's id" })
    .optional(),
  override: strictShape({ reason: overrideReason }).optional(),
}).superRefine((v, ctx) => {
  const given = [v.code, v.token, v.registrationId].filter((x) => x !== undefined).length;
  if (given === 1) return;
  ctx.addIssue({
    code: "custom",
    path: ["code"],
    message:
      given === 0
        ? "请填写签到码 / The check-in code is required"
        : "只需签到码、二维码或报名中的一项 / Give one of the code, the QR token or the registration",
  });
});
export type CheckInInput = z.output<typeof checkInSchema>;

/** What the desk's single field receives: a typed code, or the token a scanner typed in. */
export function checkInReference(raw: string): { code: string } | { token: string } {
  const value = raw.trim();
  return CHECK_IN_TOKEN.test(value) ? { token: value } : { code: value };
}

/** POST /api/v1/events/:id/registrations: an optional phone, so the desk can find the registrant. */
export const registrationSchema = strictShape({
  phone: text(L("手机号", "Mobile number"), 30, { singleLine: true })
    .refine(
      (v) => v === "" || (/^[0-9+\-() ]+$/.test(v) && phoneDigits(v).length >= 5 && phoneDigits(v).length <= 20),
      {
        error: "请填写有效的手机号（数字，可含空格、+、-） / Enter a valid phone number (digits, spaces, + or -)",
      },
    )
    .transform(phoneDigits)
    .optional(),
});

/** GET /api/v1/events/:id/registrations?q=: the desk's lookup by name or phone. */
export const registrationQuerySchema = z.object({
  q: text(L("查找", "search"), 100, { singleLine: true }).optional(),
});

export const eventCancelSchema = strictShape({
  reason: text(L("取消原因", "Reason for cancelling"), 500, { required: true }),
});
