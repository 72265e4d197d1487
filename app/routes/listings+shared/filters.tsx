// The search box and filters of /results and /needs: one GET form, so the whole search state
// lives in the URL and works without JavaScript. Controls outside the <form> join it by `form=`.
import { useRef } from "react";
import { Form } from "react-router";
import { Link } from "../../components/link.tsx";
import { FIELDS, MATURITIES, ORG_KINDS, TRANSFER_MODES } from "../../domain/catalog.ts";
import type { FormState } from "../../listings/pages.server.ts";
import { RegionOptions, useLabels } from "./labels.tsx";

const FORM_ID = "listing-search";
type Facets = Record<string, Record<string, number>> | null;

export function SearchBar({ kind, form }: { kind: "result" | "need"; form: FormState }) {
  const { t } = useLabels();
  const sorts = ["relevance", "newest", "price_asc", "price_desc"] as const;
  return (
    <Form method="get" id={FORM_ID} role="search" className="card flex flex-col gap-3 sm:flex-row sm:items-end">
      {form.organizationId ? <input type="hidden" name="organizationId" value={form.organizationId} /> : null}
      <div className="flex-1">
        <label htmlFor="q" className="block text-sm">
          {t("list.q")}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={form.q}
          placeholder={t("list.qPlaceholder")}
          maxLength={200}
          className="input mt-1"
          autoComplete="off"
        />
      </div>
      <div>
        <label htmlFor="sort" className="block text-sm">
          {t("list.sort")}
        </label>
        <select id="sort" name="sort" defaultValue={form.sort} className="input mt-1">
          <option value="">{form.q ? t("list.sorts.relevance") : t("list.sorts.newest")}</option>
          {sorts.map((s) => (
            <option key={s} value={s}>
              {kind === "need" && (s === "price_asc" || s === "price_desc")
                ? t(`list.budgetSorts.${s}`)
                : t(`list.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-primary">
        {t("list.search")}
      </button>
    </Form>
  );
}

function CheckboxGroup({
  name,
  legend,
  values,
  selected,
  label,
  facets,
  approx,
}: {
  name: string;
  legend: string;
  values: readonly string[];
  selected: string[];
  label: (v: string) => string;
  facets?: Record<string, number>;
  /** the counts were scaled from a sample of a very large hit set */
  approx?: boolean;
}) {
  const { t } = useLabels();
  return (
    <fieldset>
      <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
      <ul className="mt-1 space-y-1">
        {values.map((v) => {
          const id = `f-${name}-${v}`;
          const count = facets?.[v];
          return (
            <li key={v} className="flex items-center gap-2">
              <input
                id={id}
                type="checkbox"
                name={name}
                value={v}
                defaultChecked={selected.includes(v)}
                form={FORM_ID}
                className="size-4"
              />
              <label htmlFor={id} className="text-sm font-normal">
                {label(v)}
                {typeof count === "number" ? (
                  <span className="text-slate-600">
                    {t(approx ? "list.facetCountAbout" : "list.facetCount", { count })}
                  </span>
                ) : null}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

export function Filters({
  kind,
  form,
  facets,
  approx,
}: {
  kind: "result" | "need";
  form: FormState;
  facets: Facets;
  approx?: boolean;
}) {
  const l = useLabels();
  const { t } = l;
  const details = useRef<HTMLDetailsElement>(null);
  const active =
    [form.field, form.maturity, form.transferMode, form.orgKind].reduce((n, v) => n + v.length, 0) +
    [form.regionCode, form.priceMin, form.priceMax].filter(Boolean).length;
  // Rendered closed everywhere (nothing moves after hydration): on wide screens the CSS shows the
  // panel anyway; on phones the summary opens it as a sheet over the list, so the first result
  // stays where it was (app.css, .filters-panel).
  return (
    <details ref={details} className="filters-panel card">
      <summary className="cursor-pointer text-base font-semibold lg:cursor-default">
        {t("list.filters")}
        {active ? <span className="ml-1 text-sm font-normal">{t("list.filtersActive", { count: active })}</span> : null}
      </summary>
      <div className="filters-body mt-3 space-y-4">
        <CheckboxGroup
          name="field"
          legend={t("list.field")}
          values={FIELDS}
          selected={form.field}
          label={l.field}
          facets={facets?.field}
          approx={approx}
        />
        {kind === "result" ? (
          <CheckboxGroup
            name="maturity"
            legend={t("list.maturity")}
            values={MATURITIES}
            selected={form.maturity}
            label={l.maturity}
            facets={facets?.maturity}
            approx={approx}
          />
        ) : null}
        <div>
          <label htmlFor="f-region" className="block text-sm font-semibold">
            {t("list.region")}
          </label>
          <select id="f-region" name="regionCode" defaultValue={form.regionCode} form={FORM_ID} className="input mt-1">
            <option value="">{t("list.anyRegion")}</option>
            <RegionOptions />
          </select>
        </div>
        <CheckboxGroup
          name="transferMode"
          legend={kind === "result" ? t("list.transferMode") : t("list.cooperationMode")}
          values={TRANSFER_MODES}
          selected={form.transferMode}
          label={l.mode}
          facets={facets?.transferMode}
          approx={approx}
        />
        <fieldset>
          <legend className="text-sm font-semibold text-slate-900">
            {kind === "result" ? t("list.priceRange") : t("list.budgetRange")}
          </legend>
          <div className="mt-1 flex items-center gap-2">
            <label htmlFor="f-min" className="sr-only">
              {t("list.min")}
            </label>
            <input
              id="f-min"
              name="priceMin"
              inputMode="decimal"
              placeholder={t("list.min")}
              defaultValue={form.priceMin}
              form={FORM_ID}
              className="input"
            />
            <span aria-hidden="true">–</span>
            <label htmlFor="f-max" className="sr-only">
              {t("list.max")}
            </label>
            <input
              id="f-max"
              name="priceMax"
              inputMode="decimal"
              placeholder={t("list.max")}
              defaultValue={form.priceMax}
              form={FORM_ID}
              className="input"
            />
          </div>
        </fieldset>
        <CheckboxGroup
          name="orgKind"
          legend={t("list.orgKind")}
          values={ORG_KINDS}
          selected={form.orgKind}
          label={l.orgKind}
          facets={facets?.orgKind}
          approx={approx}
        />
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" form={FORM_ID} className="btn-primary">
            {t("list.applyFilters")}
          </button>
          <Link to={kind === "result" ? "/results" : "/needs"}>{t("list.reset")}</Link>
          <button
            type="button"
            className="btn-secondary lg:hidden"
            onClick={() => {
              if (details.current) details.current.open = false;
            }}
          >
            {t("list.closeFilters")}
          </button>
        </div>
      </div>
    </details>
  );
}
