// An organization picker: a native <select> grouped by organization kind, with a text box that
// narrows the list (keyboard and screen-reader friendly, no custom combobox).
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { inParens } from "../../i18n/i18n.ts";
import { ORG_KINDS, ORG_KIND_NAMES, localName, type OrgKind } from "../../domain/catalog.ts";
import { useRegionName } from "../../components/region-names.ts";

export type OrgOption = { id: string; name: string; kind: string; regionCode: string };

export function OrgPicker({
  name,
  label,
  hint,
  error,
  orgs,
  defaultValue,
  required,
  emptyLabel,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  orgs: OrgOption[];
  defaultValue?: string | null;
  required?: boolean;
  emptyLabel?: string;
}) {
  const { t, i18n } = useTranslation("contracts");
  const id = useId();
  const regionName = useRegionName();
  const [filter, setFilter] = useState("");
  const [value, setValue] = useState(defaultValue ?? "");
  const groups = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return ORG_KINDS.map((kind) => ({
      kind,
      orgs: orgs.filter((o) => o.kind === kind && (!q || o.name.toLowerCase().includes(q) || o.id === value)),
    })).filter((g) => g.orgs.length);
  }, [orgs, filter, value]);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">
        {label}
        {required ? (
          <span className="ml-1 text-red-700" aria-hidden="true">
            *
          </span>
        ) : null}
      </legend>
      <div className="grid gap-2 sm:grid-cols-[14rem_1fr]">
        <div>
          <label htmlFor={`${id}-filter`} className="sr-only">
            {t("contracts.orgFilter")}
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            placeholder={t("contracts.orgFilter")}
            autoComplete="off"
            className="input"
          />
        </div>
        <div>
          <label htmlFor={id} className="sr-only">
            {label}
          </label>
          <select
            id={id}
            name={name}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            required={required}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className="input"
          >
            <option value="">{emptyLabel ?? t("contracts.orgPlaceholder")}</option>
            {groups.map((g) => (
              <optgroup key={g.kind} label={localName(ORG_KIND_NAMES[g.kind as OrgKind], i18n.language)}>
                {g.orgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                    {inParens(regionName(o.regionCode), i18n.language)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
