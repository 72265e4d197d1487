// Labels of the market's vocabularies in the reader's language, and small shared bits.
import { useTranslation } from "react-i18next";
import { formatFen } from "../../domain/money.ts";
import { BAY_AREA_CITIES, GANZHOU_COUNTIES, OTHER_REGIONS, regionName } from "../../domain/regions.ts";
import { useRegionNames } from "../../components/region-names.ts";

export function useLabels() {
  const { t, i18n } = useTranslation("listings");
  const locale = i18n.language;
  const regionNames = useRegionNames();
  const label = (
    group: "fields" | "maturities" | "transferModes" | "statuses" | "orgKinds" | "zones",
    key: string | null | undefined,
  ) => (key ? t(`${group}.${key}`, { defaultValue: key }) : "");
  return {
    t,
    locale,
    field: (k: string | null | undefined) => label("fields", k),
    maturity: (k: string | null | undefined) => label("maturities", k),
    mode: (k: string | null | undefined) => label("transferModes", k),
    status: (k: string | null | undefined) => label("statuses", k),
    orgKind: (k: string | null | undefined) => label("orgKinds", k),
    zone: (k: string | null | undefined) => label("zones", k),
    region: (code: string | null | undefined) => (code ? regionName(code, locale, regionNames) : ""),
    money: (fen: number | null | undefined) => formatFen(fen ?? null, locale),
    /** "：" or ": " */
    colon: t("list.colon"),
    /** joins a list the way the language does ("、" or ", ") */
    join: (items: string[]) => items.join(t("list.joiner")),
  };
}

const STATUS_STYLES: Record<string, string> = {
  draft: "bg-slate-100 text-slate-800",
  pending_review: "bg-amber-100 text-amber-900",
  published: "bg-green-100 text-green-900",
  rejected: "bg-red-100 text-red-900",
  withdrawn: "bg-slate-200 text-slate-800",
};

export function StatusBadge({ status }: { status: string }) {
  const { status: label } = useLabels();
  return <span className={`badge ${STATUS_STYLES[status] ?? "bg-slate-100 text-slate-800"}`}>{label(status)}</span>;
}

/** Region <option>s grouped: all Ganzhou, its counties; all Bay Area, its cities; elsewhere. */
export function RegionOptions({ withGroups = true }: { withGroups?: boolean }) {
  const { t, i18n } = useTranslation("listings");
  const en = i18n.language === "en";
  const options = (record: Record<string, { zh: string; en: string }>) =>
    Object.entries(record).map(([code, names]) => (
      <option key={code} value={code}>
        {en ? names.en : names.zh}
      </option>
    ));
  return (
    <>
      <optgroup label={t("list.regionGanzhou")}>
        {withGroups ? <option value="ganzhou">{t("list.allGanzhou")}</option> : null}
        {options(GANZHOU_COUNTIES)}
      </optgroup>
      <optgroup label={t("list.regionBayArea")}>
        {withGroups ? <option value="bay_area">{t("list.allBayArea")}</option> : null}
        {options(BAY_AREA_CITIES)}
      </optgroup>
      <optgroup label={t("list.regionOther")}>{options(OTHER_REGIONS)}</optgroup>
    </>
  );
}

/** The region filter of a GET filter form: a labelled select of RegionOptions after an "any" option. */
export function RegionFilter({
  id,
  name,
  label,
  all,
  defaultValue,
  withGroups,
}: {
  id: string;
  name: string;
  label: string;
  all: string;
  defaultValue: string;
  withGroups?: boolean;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className="input mt-1">
        <option value="">{all}</option>
        <RegionOptions withGroups={withGroups} />
      </select>
    </div>
  );
}
