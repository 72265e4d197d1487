import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Link } from "../link.tsx";
import type { NotificationsData } from "../../dashboard/notifications.server.ts";
import type { SectionProps } from "../../dashboard/types.ts";
import { formatDateTime } from "../../domain/time.ts";
import { notificationIn } from "../../notifications/text.ts";
import { useReason } from "../match-list.tsx";

export function NotificationsSection({ data }: SectionProps<NotificationsData>) {
  const { t, i18n } = useTranslation("auth");
  const reasonText = useReason();
  return (
    <section aria-labelledby="dash-notifications" className="card">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="dash-notifications" className="text-lg font-semibold">
          {t("dashboard.notifications")}
          {data.unread > 0 ? <span className="badge ml-2 bg-accent-600 text-white">{data.unread}</span> : null}
        </h2>
        {data.unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="notifications.readAll" className="btn-secondary px-3 py-1">
              {t("dashboard.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {data.items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("dashboard.noNotifications")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200">
          {data.items.map((item) => {
            const n = { ...item, ...notificationIn(item, i18n.language) };
            return (
              <li
                key={n.id}
                className={`flex flex-wrap items-start justify-between gap-2 py-2 ${n.readAt ? "text-slate-600" : ""}`}
              >
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {!n.readAt ? (
                      <span className="badge mr-2 bg-brand-100 text-brand-800">{t("dashboard.unread")}</span>
                    ) : null}
                    {n.title}
                  </p>
                  {n.body && n.kind === "match_alert" ? (
                    <ul className="mt-1 text-sm">
                      {n.body.split("\n").map((line, i) => (
                        <li key={i}>{reasonText(line)}</li>
                      ))}
                    </ul>
                  ) : n.body ? (
                    <p className="mt-1 whitespace-pre-line text-sm">{n.body}</p>
                  ) : null}
                  <p className="mt-1 text-xs text-slate-600">{formatDateTime(n.createdAt)}</p>
                </div>
                <div className="flex items-center gap-2">
                  {n.link && n.link.startsWith("/") && !n.link.startsWith("//") ? (
                    <Link to={n.link} className="text-sm">
                      {t("dashboard.open")}
                    </Link>
                  ) : null}
                  {!n.readAt ? (
                    <Form method="post">
                      <input type="hidden" name="id" value={n.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="notifications.read"
                        className="btn-secondary px-2 py-1 text-xs"
                      >
                        {t("dashboard.markRead")}
                      </button>
                    </Form>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
