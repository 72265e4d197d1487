import { useTranslation } from "react-i18next";
import { Link } from "../link.tsx";
import { Notice } from "../forms.tsx";
import type { MembershipData } from "../../dashboard/membership.server.ts";
import type { SectionProps } from "../../dashboard/types.ts";

export function MembershipSection({ data }: SectionProps<MembershipData>) {
  const { t } = useTranslation("auth");
  // nothing to say to a member with no request waiting
  if (!data.pendingOrganization && !data.noOrganization && data.waiting === 0) return null;
  return (
    <section aria-labelledby="dash-membership" className="card lg:col-span-2">
      <h2 id="dash-membership" className="text-lg font-semibold">
        {t("membership.sectionTitle")}
      </h2>
      <div className="mt-3">
        {data.pendingOrganization ? (
          <Notice tone="warning">{t("membership.pendingNotice", { organization: data.pendingOrganization })}</Notice>
        ) : data.noOrganization ? (
          <Notice tone="warning">{t("membership.noOrganization")}</Notice>
        ) : (
          <p className="flex flex-wrap items-center gap-3">
            <span>{t("membership.waiting", { count: data.waiting })}</span>
            <Link to="/memberships" className="btn-primary px-3 py-1">
              {t("membership.review")}
            </Link>
          </p>
        )}
      </div>
    </section>
  );
}
