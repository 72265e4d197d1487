// The contract page's 奖补 / Subsidies section: per programme and role what the contract earns,
// the cap that bit and the reasons, and an Apply button for members of the organization in that
// role (the server checks again). 免申即享 programmes need no application.
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { formatFenExact } from "../../domain/money.ts";
import type { ContractSubsidyView } from "../../subsidies/page.server.ts";

const TONE: Record<string, string> = {
  pending: "bg-amber-100 text-amber-900",
  approved: "bg-green-100 text-green-900",
  disbursed: "bg-green-200 text-green-950",
  rejected: "bg-red-100 text-red-900",
  review_required: "bg-orange-100 text-orange-900",
};

export function ContractSubsidies({ view }: { view: ContractSubsidyView | null }) {
  const { t, i18n } = useTranslation("subsidies");
  const busy = useNavigation().state === "submitting";
  if (!view) return null;
  return (
    <section id="subsidies" aria-labelledby="subsidies-title" className="card space-y-4">
      <div>
        <h2 id="subsidies-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("intro")}</p>
      </div>
      {view.items.length === 0 ? (
        <p className="text-slate-700">{t("none")}</p>
      ) : (
        <ul className="space-y-3">
          {view.items.map((i) => (
            <li
              key={`${i.programme}:${i.role}`}
              className="rounded-md border border-slate-200 p-3"
              data-testid={`subsidy-${i.programme}-${i.role}`}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{i.programmeName}</span>
                <span className="badge bg-slate-100 text-slate-800">{t(`roles.${i.role}`)}</span>
                {i.mode === "auto" ? <span className="badge bg-sky-100 text-sky-900">{t("auto")}</span> : null}
                {i.applicationStatus ? (
                  <span className={`badge ${TONE[i.applicationStatus] ?? ""}`}>
                    {t(`statuses.${i.applicationStatus}`)}
                  </span>
                ) : (
                  <span
                    className={`badge ${i.eligible ? "bg-green-100 text-green-900" : "bg-slate-100 text-slate-700"}`}
                  >
                    {i.eligible ? t("eligible") : t("notEligible")}
                  </span>
                )}
              </div>
              <p className="mt-1 text-sm">
                {t("amount")}{" "}
                <strong className="tabular-nums" data-fen={i.amountFen}>
                  {formatFenExact(i.amountFen, i18n.language)}
                </strong>{" "}
                · {t("basis")} {formatFenExact(i.basisFen, i18n.language)} · {t("rate")} {(i.rateBp / 100).toFixed(2)}%
                {i.cappedBy ? ` · ${t("cappedBy")} ${t(`capped.${i.cappedBy}`)}` : ""}
              </p>
              <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
                {i.reasons.map((r) => (
                  <li key={`${r.code}:${r.text}`} className={r.blocking ? "text-red-800" : undefined}>
                    {r.text}
                  </li>
                ))}
              </ul>
              {i.canApply && i.mode !== "auto" ? (
                <Form method="post" className="mt-2">
                  <input type="hidden" name="intent" value="applySubsidy" />
                  <input type="hidden" name="programme" value={i.programme} />
                  <input type="hidden" name="role" value={i.role} />
                  <button type="submit" className="btn-primary" disabled={busy}>
                    {t("apply")}
                  </button>
                </Form>
              ) : null}
              {i.canApply && i.mode === "auto" ? <p className="mt-2 text-sm text-sky-900">{t("autoHint")}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
