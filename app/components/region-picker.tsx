// The region of an organization: any code of the national GB/T 2260 table, chosen province →
// city → county. Without JavaScript (and before hydration) it is a 6-digit code field with a link
// to /regions to look the code up, and the chosen region's name shown once the server has
// checked it; with JavaScript, dependent selects whose choices come from /regions one level at
// a time, so the 200 KB table never ships to the browser.
import type { FieldMetadata } from "@conform-to/react";
import type { TFunction } from "i18next";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import type { RegionLevelsData } from "../routes/regions.tsx";
import { inParens } from "../i18n/i18n.ts";
import { ErrorList, RequiredMark } from "./forms.tsx";
import { useLocalizedHref } from "./link.tsx";

/**
 * A sentence with a region's name in it, the name marked with its language when it differs from
 * the page's (official names of cities and counties are Chinese only).
 */
export function withName(t: TFunction, key: string, name: string, lang?: string) {
  const [before, after = ""] = t(key, { name: "\u0001" }).split("\u0001");
  return (
    <>
      {before}
      <span lang={lang}>{name}</span>
      {after}
    </>
  );
}

type Field = FieldMetadata<unknown, Record<string, unknown>, string[]>;

export function RegionPicker({
  field,
  label,
  chosenName,
  className,
  required,
}: {
  field: Field;
  label: string;
  /** the server requires a region: the visible * and aria-required */
  required?: boolean;
  /** the name of the code the server accepted on the last submission, if any */
  chosenName?: string | null;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const href = useLocalizedHref();
  const initial = typeof field.initialValue === "string" ? field.initialValue : "";
  const [hydrated, setHydrated] = useState(false);
  const [code, setCode] = useState(initial);
  const fetcher = useFetcher<RegionLevelsData>();
  const hintId = `${field.id}-hint`;
  const baseId = useId();
  const describedBy = [hintId, field.errors ? field.errorId : null].filter(Boolean).join(" ");

  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (!hydrated) return;
    void fetcher.load(href(`/regions?code=${encodeURIComponent(code)}`));
    // fetcher.load is stable enough: reload only when the chosen code changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hydrated, code]);
  // a form reset (or the server's answer) brings a new initial value
  useEffect(() => setCode(initial), [initial]);

  if (!hydrated || !fetcher.data) {
    return (
      <div className={className}>
        <label htmlFor={field.id} className="block text-sm">
          {label}
          <RequiredMark required={required} />
        </label>
        <input
          key={field.key}
          required={required}
          aria-required={required || undefined}
          id={field.id}
          name={field.name}
          defaultValue={initial}
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          aria-invalid={field.errors ? true : undefined}
          aria-describedby={describedBy}
          className="input mt-1 font-mono"
        />
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {t("regionPicker.codeHint")}{" "}
          <a href={href("/regions")} target="_blank" rel="noreferrer" className="underline">
            {t("regionPicker.lookup")}
          </a>
        </p>
        {chosenName && !field.errors ? (
          <p className="mt-1 text-sm">{t("regionPicker.chosen", { name: chosenName })}</p>
        ) : null}
        <ErrorList id={field.errorId} errors={field.errors} />
      </div>
    );
  }

  const { chain, levels, name, nameLang } = fetcher.data;
  const names = [t("regionPicker.province"), t("regionPicker.city"), t("regionPicker.county")];
  return (
    <fieldset className={className} aria-describedby={field.errors ? field.errorId : undefined}>
      <legend className="block text-sm">
        {label}
        <RequiredMark required={required} />
      </legend>
      <input type="hidden" name={field.name} value={code} />
      <div className="mt-1 grid gap-2 sm:grid-cols-3">
        {levels.map((options, depth) => {
          const id = depth === 0 ? field.id : `${baseId}-${depth}`;
          return (
            <div key={depth}>
              <label htmlFor={id} className="block text-xs text-slate-700">
                {names[depth] ?? names[2]}
              </label>
              <select
                id={id}
                value={chain[depth] ?? ""}
                aria-invalid={depth === 0 && field.errors ? true : undefined}
                aria-describedby={depth === 0 && field.errors ? field.errorId : undefined}
                aria-required={(depth === 0 && required) || undefined}
                onChange={(e) => setCode(e.target.value || (chain[depth - 1] ?? ""))}
                className="input mt-1 w-full"
              >
                <option value="">{depth === 0 ? t("regionPicker.choose") : t("regionPicker.whole")}</option>
                {options.map((o) => (
                  <option key={o.code} value={o.code} lang={o.lang}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
      {code && name ? (
        <p className="mt-1 text-xs text-slate-600" aria-live="polite">
          {withName(t, "regionPicker.chosen", name, nameLang)}
          {inParens(code, i18n.language)}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
