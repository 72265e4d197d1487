// /api/v1/calendar: the working-day calendar for deadlines.
//   GET ?from=&to= (public) → {"items":[{"date","working","note"}]}
//   PUT {"date","working","note"?} (bureau, admin) lists a holiday or a working weekend day;
//   DELETE ?date= removes the entry.
import { apiJson, errors, handleApi, methodNotAllowed, readJson, requireApiUser } from "../api/api.server.ts";
import { listCalendar, removeCalendarDay, setCalendarDay } from "../auctions/calendar.server.ts";
import { requireMarketStaff } from "../auctions/lots.server.ts";
import { calendarDaySchema } from "../auctions/schemas.ts";
import { queryObject, type RouteArgs } from "../api/http.server.ts";
import { isDayText } from "../domain/schema-fields.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const q = queryObject(request);
    for (const key of ["from", "to"] as const) {
      if (q[key] && !isDayText(q[key]!))
        throw errors.invalid(`${key} 应为 YYYY-MM-DD / ${key} must be YYYY-MM-DD`, { [key]: "YYYY-MM-DD" });
    }
    return apiJson({ items: await listCalendar(q.from, q.to) });
  });
}

export function action({ request }: RouteArgs) {
  return handleApi(async () => {
    const method = request.method.toUpperCase();
    if (method !== "PUT" && method !== "DELETE") throw methodNotAllowed();
    const user = await requireApiUser(request);
    requireMarketStaff(user);
    if (method === "DELETE") {
      const date = queryObject(request).date ?? "";
      if (!isDayText(date))
        throw errors.invalid("date 应为 YYYY-MM-DD / date must be YYYY-MM-DD", { date: "YYYY-MM-DD" });
      return apiJson({ removed: await removeCalendarDay(user, date) });
    }
    const input = await readJson(request, calendarDaySchema);
    return apiJson({ day: await setCalendarDay(user, input) });
  });
}
