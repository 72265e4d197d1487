// GET /events/:id/attendees.csv (bureau, admin): who registered and who came, for the organizer's
// records. `?lang=en` for English headers. Session or API token.
import { errors, handleApi, requireApiUser } from "../api/api.server.ts";
import { exportLocale, type RouteArgs } from "../api/http.server.ts";
import { listRegistrations } from "../events/check-in.server.ts";
import { getEvent, isEventStaff } from "../events/events.server.ts";
import { exportResponse, type Table } from "../stats/export.server.ts";
import { formatDateTime } from "../domain/time.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    if (!isEventStaff(user)) throw errors.forbidden();
    const event = await getEvent(params.id ?? "", user);
    const rows = await listRegistrations(user, event.id);
    const table: Table = {
      title: event.title,
      columns: [
        { key: "name", zh: "姓名", en: "Name" },
        { key: "email", zh: "电子邮箱", en: "Email" },
        { key: "organization", zh: "机构", en: "Organization" },
        { key: "phone", zh: "手机号", en: "Phone" },
        { key: "registeredAt", zh: "报名时间", en: "Registered" },
        { key: "checkedInAt", zh: "签到时间", en: "Checked in" },
      ],
      rows: rows.map((r) => ({
        name: r.user.name,
        email: r.user.email,
        organization: r.user.organization?.name ?? "",
        phone: r.phone,
        registeredAt: formatDateTime(r.registeredAt),
        checkedInAt: r.checkedInAt ? formatDateTime(r.checkedInAt) : "",
      })),
    };
    return exportResponse(table, "csv", `event-${event.id}-attendees`, exportLocale(request, user));
  });
}
