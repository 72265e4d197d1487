import { useTranslation } from "react-i18next";
import { Link } from "../link.tsx";
import type { AdminData } from "../../dashboard/admin.server.ts";
import type { SectionProps } from "../../dashboard/types.ts";

export function AdminSection({ data }: SectionProps<AdminData>) {
  const { t } = useTranslation("auth");
  return (
    <section aria-labelledby="dash-admin" className="card">
      <h2 id="dash-admin" className="text-lg font-semibold">
        {t("dashboard.admin")}
      </h2>
      <ul className="mt-3 space-y-2 text-sm">
        <li>
          <Link to="/admin/users" className="underline">
            {t("dashboard.adminUsers")}
          </Link>{" "}
          <span className="text-slate-600">· {t("dashboard.userCount", { count: data.users })}</span>
        </li>
        <li>
          <Link to="/admin/mail" className="underline">
            {t("dashboard.adminMail")}
          </Link>{" "}
          <span className="text-slate-600">· {t("dashboard.pendingMail", { count: data.pendingMail })}</span>
        </li>
      </ul>
    </section>
  );
}
