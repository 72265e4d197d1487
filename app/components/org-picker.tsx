// Pickers for one record out of many (an organization, a need or a result): a native <select>
// narrowed by a text box, keyboard and screen-reader friendly, no custom combobox. One control for
// the contracts, leads and network pages, so nobody pastes ids.
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { inParens } from "../i18n/i18n.ts";
import { ORG_KINDS, ORG_KIND_NAMES, localName, type OrgKind } from "../domain/catalog.ts";
import { regionName } from "../domain/regions.ts";

type Choice = { id: string; label: string; note: string; search: string };
type Group = { label: string | null; choices: Choice[] };

function FilteredSelect({
  name,
  label,
  hint,
  error,
  groups,
  defaultValue,
  required,
  emptyLabel,
  filterLabel,
  filterPlaceholder,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  groups: Group[];
  defaultValue?: string | null;
  required?: boolean;
  emptyLabel: string;
  filterLabel: string;
  filterPlaceholder: string;
}) {
  const { t, i18n } = useTranslation("forms");
  const id = useId();
  const [filter, setFilter] = useState("");
  const [value, setValue] = useState(defaultValue ?? "");
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return groups
      .map((g) => ({ ...g, choices: g.choices.filter((c) => !q || c.id === value || c.search.includes(q)) }))
      .filter((g) => g.choices.length);
  }, [groups, filter, value]);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const option = (c: Choice) => (
    <option key={c.id} value={c.id}>
      {c.label}
      {c.note ? inParens(c.note, i18n.language) : null}
    </option>
  );
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">
        {label}
        {required ? (
          <>
            <span className="ml-1 text-red-700" aria-hidden="true">
              *
            </span>
            <span className="sr-only">{t("requiredMark")}</span>
          </>
        ) : null}
      </legend>
      <div className="grid gap-2 sm:grid-cols-[14rem_1fr]">
        <div>
          <label htmlFor={`${id}-filter`} className="sr-only">
            {filterLabel}
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            placeholder={filterPlaceholder}
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
            aria-required={required || undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className="input"
          >
            <option value="">{emptyLabel}</option>
            {shown.map((g) =>
              g.label === null ? (
                g.choices.map(option)
              ) : (
                <optgroup key={g.label} label={g.label}>
                  {g.choices.map(option)}
                </optgroup>
              ),
            )}
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

type Common = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string | null;
  required?: boolean;
};

export type OrgOption = { id: string; name: string; kind: string; regionCode: string };

/** An organization, grouped by kind and named with its region. */
export function OrgPicker({ orgs, emptyLabel, ...rest }: Common & { orgs: OrgOption[]; emptyLabel?: string }) {
  const { t, i18n } = useTranslation("contracts");
  const groups = useMemo(
    () =>
      ORG_KINDS.map((kind) => ({
        label: localName(ORG_KIND_NAMES[kind as OrgKind], i18n.language),
        choices: orgs
          .filter((o) => o.kind === kind)
          .map((o) => ({
            id: o.id,
            label: o.name,
            note: regionName(o.regionCode, i18n.language),
            search: o.name.toLowerCase(),
          })),
      })),
    [orgs, i18n.language],
  );
  return (
    <FilteredSelect
      {...rest}
      groups={groups}
      emptyLabel={emptyLabel ?? t("contracts.orgPlaceholder")}
      filterLabel={t("contracts.orgFilter")}
      filterPlaceholder={t("contracts.orgFilter")}
    />
  );
}

export type ListingOption = { id: string; title: string; orgName: string };

/** A need or a result, found by part of its title or its organization's name. */
export function ListingPicker({ options, ...rest }: Common & { options: ListingOption[] }) {
  const { t } = useTranslation("network");
  const groups = useMemo(
    () => [
      {
        label: null,
        choices: options.map((o) => ({
          id: o.id,
          label: o.title,
          note: o.orgName,
          search: `${o.title}\n${o.orgName}`.toLowerCase(),
        })),
      },
    ],
    [options],
  );
  return (
    <FilteredSelect
      {...rest}
      groups={groups}
      emptyLabel={t("pickers.none")}
      filterLabel={t("pickers.filter", { label: rest.label })}
      filterPlaceholder={t("pickers.filterPlaceholder")}
    />
  );
}
