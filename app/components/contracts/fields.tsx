// Labelled form controls for the offers, contracts and bureau forms. Every control has a <label>;
// its hint and error are tied to it with aria-describedby, and aria-invalid marks an error.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { inParens } from "../../i18n/i18n.ts";
import { fenToInput, type MoneyUnit, parseMoneyToFen } from "../../domain/money.ts";

export type FieldErrors = Record<string, string | undefined>;

// FormAlert and Notice live in ../forms.tsx; the contract page still imports them from here until it
// moves to conform's controls, and this file goes with it.
export { FormAlert, Notice } from "../forms.tsx";

function describedBy(...ids: Array<string | false | undefined | null>) {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

function Hint({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="mt-1 text-xs text-slate-600">
      {text}
    </p>
  ) : null;
}

function ErrorText({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="field-error">
      {text}
    </p>
  ) : null;
}

type Common = { name: string; label: string; hint?: string; error?: string; required?: boolean; className?: string };

function LabelText({ label, required }: { label: string; required?: boolean }) {
  const { t, i18n } = useTranslation("contracts");
  return (
    <>
      {label}
      {required ? (
        <span className="ml-1 text-red-700" aria-hidden="true">
          *
        </span>
      ) : null}
      {required ? <span className="sr-only">{inParens(t("common.required"), i18n.language)}</span> : null}
    </>
  );
}

export function TextField({
  name,
  label,
  hint,
  error,
  required,
  className,
  type = "text",
  defaultValue,
  maxLength,
  inputMode,
  autoComplete,
  min,
  max,
}: Common & {
  type?: "text" | "date" | "number" | "search" | "month";
  defaultValue?: string | number | null;
  maxLength?: number;
  inputMode?: "decimal" | "numeric" | "text";
  autoComplete?: string;
  min?: string | number;
  max?: string | number;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm">
        <LabelText label={label} required={required} />
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        maxLength={maxLength}
        inputMode={inputMode}
        autoComplete={autoComplete ?? "off"}
        min={min}
        max={max}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        className="input mt-1"
      />
      <Hint id={`${id}-hint`} text={hint} />
      <ErrorText id={`${id}-error`} text={error} />
    </div>
  );
}

export function TextArea({
  name,
  label,
  hint,
  error,
  required,
  className,
  defaultValue,
  maxLength,
  rows = 4,
}: Common & { defaultValue?: string | null; maxLength?: number; rows?: number }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm">
        <LabelText label={label} required={required} />
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue ?? undefined}
        maxLength={maxLength}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        className="input mt-1"
      />
      <Hint id={`${id}-hint`} text={hint} />
      <ErrorText id={`${id}-error`} text={error} />
    </div>
  );
}

export type Option = { value: string; label: string };
export type OptionGroup = { label: string; options: Option[] };

export function SelectField({
  name,
  label,
  hint,
  error,
  required,
  className,
  options,
  groups,
  defaultValue,
  value,
  onChange,
  placeholder,
}: Common & {
  options?: Option[];
  groups?: OptionGroup[];
  defaultValue?: string | null;
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
}) {
  const id = useId();
  const controlled = value !== undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm">
        <LabelText label={label} required={required} />
      </label>
      <select
        id={id}
        name={name}
        {...(controlled ? { value } : { defaultValue: defaultValue ?? "" })}
        onChange={onChange ? (e) => onChange(e.currentTarget.value) : undefined}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        className="input mt-1"
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <Hint id={`${id}-hint`} text={hint} />
      <ErrorText id={`${id}-error`} text={error} />
    </div>
  );
}

/**
 * An amount typed in 万元 or 元 (`<name>` and `<name>Unit`), optionally 面议 (`<name>Negotiable`).
 * The server converts with parseMoneyToFen; `onFen` reports the parsed fen as the user types.
 */
export function MoneyField({
  name,
  label,
  hint,
  error,
  required,
  className,
  defaultFen,
  defaultUnit = "wan",
  negotiable,
  defaultNegotiable,
  onFen,
}: Common & {
  defaultFen?: number | null;
  defaultUnit?: MoneyUnit;
  negotiable?: boolean;
  defaultNegotiable?: boolean;
  onFen?: (fen: number | null) => void;
}) {
  const { t } = useTranslation("contracts");
  const id = useId();
  const [unit, setUnit] = useState<MoneyUnit>(defaultUnit);
  const [text, setText] = useState(fenToInput(defaultFen ?? null, defaultUnit));
  const [isNegotiable, setNegotiable] = useState(!!defaultNegotiable);
  const parsed = text.trim() ? parseMoneyToFen(text, unit) : null;
  const report = (nextText: string, nextUnit: MoneyUnit) => {
    if (!onFen) return;
    const p = nextText.trim() ? parseMoneyToFen(nextText, nextUnit) : null;
    onFen(p && p.ok ? p.fen : null);
  };
  const liveProblem = parsed && !parsed.ok ? t(`common.moneyErrors.${parsed.error}`) : undefined;
  const shownError = error ?? liveProblem;
  return (
    <fieldset className={className}>
      <legend className="text-sm font-medium text-slate-800">
        <LabelText label={label} required={required && !isNegotiable} />
      </legend>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          id={id}
          name={name}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          disabled={isNegotiable}
          onChange={(e) => {
            setText(e.currentTarget.value);
            report(e.currentTarget.value, unit);
          }}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={describedBy(hint && `${id}-hint`, shownError && `${id}-error`)}
          className="input w-48 max-w-full"
        />
        <label htmlFor={`${id}-unit`} className="sr-only">
          {t("common.unitLabel")}
        </label>
        <select
          id={`${id}-unit`}
          name={`${name}Unit`}
          value={unit}
          disabled={isNegotiable}
          onChange={(e) => {
            const next = e.currentTarget.value === "yuan" ? "yuan" : "wan";
            setUnit(next);
            report(text, next);
          }}
          className="input w-28"
        >
          <option value="wan">{t("common.unitWan")}</option>
          <option value="yuan">{t("common.unitYuan")}</option>
        </select>
        {negotiable ? (
          <label className="inline-flex items-center gap-2 text-sm font-normal">
            <input
              type="checkbox"
              name={`${name}Negotiable`}
              value="1"
              checked={isNegotiable}
              onChange={(e) => {
                setNegotiable(e.currentTarget.checked);
                onFen?.(null);
              }}
              className="h-4 w-4"
            />
            {t("offers:negotiableLabel")}
          </label>
        ) : null}
      </div>
      <Hint id={`${id}-hint`} text={hint} />
      <ErrorText id={`${id}-error`} text={shownError} />
    </fieldset>
  );
}
