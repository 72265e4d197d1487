// The event page's forms (/events/:id) and the check-in desk's (/events/:id/check-in) as HTML
// sends them, one shape per intent. The fields reuse the API's own rules (registrationSchema,
// eventCancelSchema), so the pages and the API cannot drift apart. Client-safe.
import { z } from "zod";
import { CHECK_IN_TOKEN, eventCancelSchema, registrationSchema } from "./schemas.ts";

export const eventPageFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("register"), phone: registrationSchema.shape.phone }),
  z.object({ intent: z.literal("unregister") }),
  z.object({ intent: z.literal("cancel"), reason: eventCancelSchema.shape.reason }),
]);
export type EventPageFormFields = { intent?: string; phone?: string; reason?: string };

const typed = z.string().trim().max(2000).optional();

const CODE_REQUIRED = "请填写签到码或扫描二维码 / Type the check-in code or scan the QR code";
const REASON_REQUIRED = "请填写非活动日签到的原因 / Give the reason for checking in outside the event's days";
const CODE_FORMAT = "签到码为 6–12 位字母或数字 / A check-in code is 6–12 letters or digits";

/**
 * The desk's forms: a typed or scanned code, or a registration picked from the lookup, and the
 * reason when staff check someone in outside the event's days. An empty or malformed code is
 * refused here, under the field (the same check in the browser and in the action); checkInSchema
 * then reads the reference, and the page answers what the backend refused with the problem's own
 * message (listings of events:desk).
 */
export const deskFormSchema = z
  .object({
    code: typed,
    registrationId: typed,
    // sent by the override form, whose reason is then required
    override: z.literal("1").optional(),
    reason: z.string().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.override && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: REASON_REQUIRED });
    if (v.registrationId) return;
    if (!v.code) ctx.addIssue({ code: "custom", path: ["code"], message: CODE_REQUIRED });
    else if (!/^[A-Za-z0-9]{6,12}$/.test(v.code) && !CHECK_IN_TOKEN.test(v.code))
      ctx.addIssue({ code: "custom", path: ["code"], message: CODE_FORMAT });
  });
export type DeskFormFields = { code?: string; registrationId?: string; override?: string; reason?: string };
