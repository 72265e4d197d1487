// Pick a need or a result by typing part of its title: a native <select> narrowed by a text box
// (keyboard and screen-reader friendly, like the contracts' organization picker), so nobody pastes ids.
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { inParens } from "../../i18n/i18n.ts";

export type ListingOption = { id: string; title: string; orgName: string };

export function ListingPicker({
  name,
  label,
  hint,
  error,
  options,
  defaultValue,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  options: ListingOption[];
  defaultValue?: string | null;
}) {
  const { t, i18n } = useTranslation("network");
  const id = useId();
  const [filter, setFilter] = useState("");
  const [value, setValue] = useState(defaultValue ?? "");
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return options.filter(
      (o) => !q || o.id === value || o.title.toLowerCase().includes(q) || o.orgName.toLowerCase().includes(q),
    );
  }, [options, filter, value]);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <div className="grid gap-2 sm:grid-cols-[14rem_1fr]">
        <div>
          <label htmlFor={`${id}-filter`} className="sr-only">
            {t("pickers.filter", { label })}
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            placeholder={t("pickers.filterPlaceholder")}
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
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className="input"
          >
            <option value="">{t("pickers.none")}</option>
            {shown.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title}
                {inParens(o.orgName, i18n.language)}
              </option>
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
