// POST /api/v1/events/:id/check-in (bureau, admin): checks a participant in at the door by
// {"code"} (typed), {"token"} (scanned from the QR code) or {"registrationId"} (after a lookup).
// A reference of another event, or an unknown one, is a 404; checking in twice says so
// (already:true). Outside the event's days (Asia/Shanghai) a 409 `check_in_not_today`, unless
// `override: {"reason"}` is given (kept in the audit trail; docs/decisions/0027-event-check-in.md).
import { apiAction, noLoader } from "../api/http.server.ts";
import { checkIn } from "../events/check-in.server.ts";
import { requireEventStaff } from "../events/events.server.ts";
import { checkInSchema } from "../events/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "POST", permission: requireEventStaff, schema: checkInSchema },
  async ({ params, input, user }) => {
    const done = await checkIn(user, params.id ?? "", input);
    return {
      registrationId: done.registrationId,
      name: done.name,
      checkedInAt: done.checkedInAt.toISOString(),
      already: done.already,
      override: done.override,
    };
  },
);
