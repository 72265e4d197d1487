// POST /api/v1/events/:id/check-in {"code"} (bureau, admin): checks a participant in at the door.
// A code of another event, or an unknown one, is a 404; checking in twice says so (already:true).
import { apiAction, noLoader } from "../api/http.server.ts";
import { checkIn, requireEventStaff } from "../events/events.server.ts";
import { checkInSchema } from "../events/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "POST", permission: requireEventStaff, schema: checkInSchema },
  async ({ params, input, user }) => {
    const done = await checkIn(user, params.id ?? "", input.code);
    return { name: done.name, checkedInAt: done.checkedInAt.toISOString(), already: done.already };
  },
);
