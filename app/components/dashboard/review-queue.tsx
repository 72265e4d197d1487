import { useTranslation } from "react-i18next";
import { Link } from "../link.tsx";
import type { ReviewQueueData } from "../../dashboard/review-queue.server.ts";
import type { SectionProps } from "../../dashboard/types.ts";

export function ReviewQueueSection({ data }: SectionProps<ReviewQueueData>) {
  const { t } = useTranslation("auth");
  const figures = [
    { label: t("dashboard.pendingResults"), value: data.results },
    { label: t("dashboard.pendingNeeds"), value: data.needs },
    { label: t("dashboard.unverifiedOrgs"), value: data.organizations },
  ];
  return (
    <section aria-labelledby="dash-review" className="card">
      <h2 id="dash-review" className="text-lg font-semibold">
        {t("dashboard.reviewQueue")}
      </h2>
      <dl className="mt-3 grid grid-cols-3 gap-3 text-center">
        {figures.map((f) => (
          <div key={f.label} className="rounded-md bg-slate-50 p-3">
            <dt className="text-xs text-slate-600">{f.label}</dt>
            <dd className="text-2xl font-bold text-brand-800">{f.value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 flex flex-wrap gap-3">
        <Link to="/review" className="btn-primary px-3 py-1">
          {t("dashboard.goReview")}
        </Link>
        <Link to="/bureau" className="btn-secondary px-3 py-1">
          {t("dashboard.goBureau")}
        </Link>
      </p>
    </section>
  );
}
