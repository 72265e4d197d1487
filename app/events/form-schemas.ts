// The event page's forms (/events/:id) and the check-in desk's (/events/:id/check-in) as HTML
// sends them, one shape per intent. The fields reuse the API's own rules (registrationSchema,
// eventCancelSchema), so the pages and the API cannot drift apart. Client-safe.
import { z } from "zod";
import { eventCancelSchema, registrationSchema } from "./schemas.ts";

export const eventPageFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("register"), phone: registrationSchema.shape.phone }),
  z.object({ intent: z.literal("unregister") }),
  z.object({ intent: z.literal("cancel"), reason: eventCancelSchema.shape.reason }),
]);
export type EventPageFormFields = { intent?: string; phone?: string; reason?: string };

const typed = z.string().trim().max(2000).optional();

/**
 * The desk's form: a typed or scanned code, or a registration picked from the lookup, and the
 * reason when staff check someone in outside the event's days. checkInSchema then reads the
 * reference, and the page answers with the problem's own message (listings of events:desk).
 */
export const deskFormSchema = z.object({ code: typed, registrationId: typed, reason: z.string().max(2000).optional() });
