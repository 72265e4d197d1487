// A listing's history: the audit events (who, when, what changed), for owners and reviewers.
import type { HistoryEntry } from "../../listings/pages.server.ts";
import { useLabels } from "./labels.tsx";
import { listings as zhListings } from "../../i18n/locales/zh-CN/listings.ts";
import { formatDateTime } from "../../domain/time.ts";
import { ScrollRegion } from "../../components/scroll-region.tsx";

const LONG_TEXT = new Set(["summary", "description", "targetIndicators", "ipDescription"]);
const FIELD_KEYS = zhListings.history.fieldNames;

export function HistoryTable({ entries }: { entries: HistoryEntry[] }) {
  const l = useLabels();
  const { t } = l;
  const value = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return "—";
    switch (key) {
      case "status":
        return l.status(String(v));
      case "priceFen":
      case "budgetFen":
        return l.money(Number(v));
      case "field":
        return l.field(String(v));
      case "maturity":
        return l.maturity(String(v));
      case "cooperationMode":
        return l.mode(String(v));
      case "transferModes":
        return Array.isArray(v) ? l.join(v.map((m) => l.mode(String(m)))) : String(v);
      case "deadline":
        return String(v).slice(0, 10);
      case "verifiedAt":
        return formatDateTime(String(v));
      default: {
        const s = Array.isArray(v) ? l.join(v.map(String)) : typeof v === "object" ? JSON.stringify(v) : String(v);
        return s.length > 60 ? `${s.slice(0, 60)}…` : s;
      }
    }
  };
  return (
    <section aria-labelledby="history-heading" className="card">
      <h2 id="history-heading" className="text-lg font-semibold">
        {t("history.title")}
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t("history.none")}</p>
      ) : (
        <ScrollRegion label={t("history.title")} className="mt-2">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-3 font-semibold">
                  {t("history.when")}
                </th>
                <th scope="col" className="py-2 pr-3 font-semibold">
                  {t("history.who")}
                </th>
                <th scope="col" className="py-2 pr-3 font-semibold">
                  {t("history.action")}
                </th>
                <th scope="col" className="py-2 font-semibold">
                  {t("history.changes")}
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const after = e.after ?? {};
                const before = e.before ?? {};
                // only the fields people know (internal keys such as organizationId or demo keys are left out)
                const keys = Object.keys(after).filter((k) => k in FIELD_KEYS && k !== "organizationId");
                const created = Object.keys(before).length === 0;
                return (
                  <tr key={e.seq} className="border-b border-slate-100 align-top">
                    <td className="whitespace-nowrap py-2 pr-3">{formatDateTime(e.at)}</td>
                    <td className="py-2 pr-3">{e.actor ?? t("history.system")}</td>
                    <td className="whitespace-nowrap py-2 pr-3">
                      {t(`history.actions.${e.action}`, { defaultValue: e.action })}
                    </td>
                    <td className="py-2">
                      <ul className="space-y-0.5">
                        {keys.map((k) => (
                          <li key={k}>
                            <span className="font-medium">{t(`history.fieldNames.${k}`, { defaultValue: k })}</span>
                            {LONG_TEXT.has(k) ? null : (
                              <>
                                {l.colon}
                                {created ? null : <>{value(k, before[k])} → </>}
                                {value(k, after[k])}
                              </>
                            )}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
