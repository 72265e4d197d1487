import { useTranslation } from "react-i18next";
import { Link } from "../link.tsx";
import { LISTING_STATUSES } from "../../domain/catalog.ts";
import type { MyListingsData } from "../../dashboard/my-listings.server.ts";
import type { SectionProps } from "../../dashboard/types.ts";
import { formatDateTime } from "../../domain/time.ts";

const STATUS_TONE: Record<string, string> = {
  draft: "bg-slate-100 text-slate-800",
  pending_review: "bg-amber-100 text-amber-900",
  published: "bg-green-100 text-green-900",
  rejected: "bg-red-100 text-red-900",
  withdrawn: "bg-slate-200 text-slate-700",
};

const STATUS_NAMES: Record<string, { zh: string; en: string }> = {
  draft: { zh: "草稿", en: "Draft" },
  pending_review: { zh: "待审核", en: "Pending review" },
  published: { zh: "已发布", en: "Published" },
  rejected: { zh: "已驳回", en: "Rejected" },
  withdrawn: { zh: "已撤回", en: "Withdrawn" },
};

export function StatusBadge({ status, locale }: { status: string; locale: string }) {
  const names = STATUS_NAMES[status];
  return (
    <span className={`badge ${STATUS_TONE[status] ?? "bg-slate-100 text-slate-800"}`}>
      {names ? (locale === "en" ? names.en : names.zh) : status}
    </span>
  );
}

function MyListings({ kind, data, locale }: SectionProps<MyListingsData> & { kind: "results" | "needs" }) {
  const { t } = useTranslation("auth");
  const headingId = `dash-my-${kind}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {kind === "results" ? t("dashboard.myResults") : t("dashboard.myNeeds")}
        </h2>
        <Link to={`/my/${kind}/new`} className="btn-primary px-3 py-1">
          {kind === "results" ? t("dashboard.newResult") : t("dashboard.newNeed")}
        </Link>
      </div>
      <p className="mt-2 flex flex-wrap gap-2 text-sm" aria-label={t("dashboard.statusCounts")}>
        {LISTING_STATUSES.filter((s) => data.counts[s]).map((s) => (
          <span key={s}>
            <StatusBadge status={s} locale={locale} /> {data.counts[s]}
          </span>
        ))}
      </p>
      {data.items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          {kind === "results" ? t("dashboard.noResults") : t("dashboard.noNeeds")}
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200">
          {data.items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link
                to={
                  item.status === "draft" || item.status === "rejected"
                    ? `/my/${kind}/${item.id}/edit`
                    : `/${kind}/${item.id}`
                }
                className="min-w-0 flex-1 truncate"
              >
                {item.title}
              </Link>
              <span className="flex items-center gap-2 text-xs text-slate-600">
                {t("dashboard.updated", { date: formatDateTime(item.updatedAt) })}
                <StatusBadge status={item.status} locale={locale} />
              </span>
              {item.status === "rejected" && item.rejectionReason ? (
                <p className="w-full text-xs text-red-800">
                  {t("dashboard.rejectionReason", { reason: item.rejectionReason })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link to={`/my/${kind}`}>{t("dashboard.allMine")}</Link>
      </p>
    </section>
  );
}

export function MyResultsSection(props: SectionProps<MyListingsData>) {
  return <MyListings kind="results" {...props} />;
}

export function MyNeedsSection(props: SectionProps<MyListingsData>) {
  return <MyListings kind="needs" {...props} />;
}
