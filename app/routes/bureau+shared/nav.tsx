import { useTranslation } from "react-i18next";
import { NavLink } from "../../components/link.tsx";

function cls({ isActive }: { isActive: boolean }) {
  return `rounded-md px-3 py-1.5 text-sm no-underline hover:no-underline ${isActive ? "bg-brand-700 text-white" : "bg-white text-brand-800 border border-slate-300 hover:bg-slate-100"}`;
}

/** The bureau's section links (dashboard, drill-down list, targets, anomalies, audit, import). */
export function BureauNav({ year }: { year?: number }) {
  const { t } = useTranslation("contracts");
  const { t: tl } = useTranslation("lots");
  const { t: tn } = useTranslation("network");
  const q = year ? `?year=${year}` : "";
  return (
    <nav aria-label={t("bureau:nav")} className="flex flex-wrap gap-2">
      <NavLink to={`/bureau${q}`} end className={cls}>
        {t("bureau:title")}
      </NavLink>
      <NavLink to={`/bureau/contracts${year ? `?year=${year}&status=registered` : ""}`} className={cls}>
        {t("bureau:navContracts")}
      </NavLink>
      <NavLink to={`/bureau/targets${q}`} className={cls}>
        {t("bureau:navTargets")}
      </NavLink>
      <NavLink to={`/bureau/subcentres${q}`} className={cls}>
        {tn("bureau.nav")}
      </NavLink>
      <NavLink to="/bureau/anomalies" className={cls}>
        {t("bureau:navAnomalies")}
      </NavLink>
      <NavLink to={`/bureau/subsidies${q}`} className={cls}>
        {t("bureau:navSubsidies")}
      </NavLink>
      <NavLink to="/bureau/audit" className={cls}>
        {t("bureau:navAudit")}
      </NavLink>
      <NavLink to="/bureau/import" className={cls}>
        {t("bureau:navImport")}
      </NavLink>
      <NavLink to="/bureau/calendar" className={cls}>
        {tl("calendar.nav")}
      </NavLink>
    </nav>
  );
}

export function YearSelect({ year, years, extra }: { year: number; years: number[]; extra?: Record<string, string> }) {
  const { t } = useTranslation("contracts");
  return (
    <form method="get" className="flex items-end gap-2">
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div>
        <label htmlFor="year-select" className="block text-sm">
          {t("bureau:year")}
        </label>
        <select id="year-select" name="year" defaultValue={year} className="input mt-1 w-32">
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary">
        {t("bureau:show")}
      </button>
    </form>
  );
}
