// The amount input of every form: an amount typed in 万元 or 元, optionally 面议, as conform fields.
import { getInputProps, getSelectProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { fenToInput, isMoneyUnit, MONEY_MESSAGE_KEYS, parseMoneyToFen, type MoneyUnit } from "../domain/money.ts";
import { pickMessage } from "../i18n/i18n.ts";
import { FieldErrors, RequiredMark, type Field } from "./forms.tsx";

/** The fen an amount input holds as typed (null while empty or not an amount), for live totals. */
export function typedFen(field: Field, unitField: Field, fallbackUnit: MoneyUnit = "wan"): number | null {
  const raw = typeof field.value === "string" ? field.value : "";
  if (!raw.trim()) return null;
  const parsed = parseMoneyToFen(raw, isMoneyUnit(unitField.value) ? unitField.value : fallbackUnit);
  return parsed.ok ? parsed.fen : null;
}

/** An amount input's initial values: the fen as typed in `unit`, and the unit. */
export function moneyDefaults(name: string, fen: number | null | undefined, unit: MoneyUnit = "wan") {
  return { [name]: fenToInput(fen ?? null, unit), [`${name}Unit`]: unit };
}

/**
 * An amount typed in 万元 or 元 (`field` and `unitField`, `<name>Unit`), optionally 面议
 * (`negotiableField`), read in the form's schema by readMoney (app/domain/money-form.ts). A typing
 * mistake is named as the user types.
 */
export function MoneyField({
  field,
  unitField,
  negotiableField,
  label,
  hint,
  required,
  className,
}: {
  field: Field;
  unitField: Field;
  negotiableField?: Field;
  label: string;
  hint?: string;
  required?: boolean;
  className?: string;
}) {
  const { t, i18n } = useTranslation("forms");
  const hintId = hint ? `${field.id}-hint` : undefined;
  const negotiable = !!negotiableField?.value;
  const raw = typeof field.value === "string" ? field.value : "";
  const unit = isMoneyUnit(unitField.value) ? unitField.value : "wan";
  const parsed = raw.trim() ? parseMoneyToFen(raw, unit) : null;
  const live = !field.errors?.length && parsed && !parsed.ok ? t(`errors.${MONEY_MESSAGE_KEYS[parsed.error]}`) : null;
  const { key, ...inputProps } = getInputProps(field, { type: "text", ariaDescribedBy: hintId });
  const { key: unitKey, ...unitProps } = getSelectProps(unitField);
  const mustFill = required && !negotiable;
  return (
    <fieldset className={className}>
      <legend className="text-sm font-medium text-slate-800">
        {label}
        <RequiredMark required={mustFill} />
      </legend>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <label htmlFor={field.id} className="sr-only">
          {label}
        </label>
        <input
          key={key}
          {...inputProps}
          inputMode="decimal"
          autoComplete="off"
          disabled={negotiable}
          required={mustFill}
          aria-required={mustFill || undefined}
          aria-invalid={inputProps["aria-invalid"] || (live ? true : undefined)}
          aria-describedby={
            [inputProps["aria-describedby"], live ? `${field.id}-live` : null].filter(Boolean).join(" ") || undefined
          }
          className="input w-48 max-w-full"
        />
        <label htmlFor={unitField.id} className="sr-only">
          {t("money.unit")}
        </label>
        <select key={unitKey} {...unitProps} disabled={negotiable} className="input w-28">
          <option value="wan">{t("money.wan")}</option>
          <option value="yuan">{t("money.yuan")}</option>
        </select>
        {negotiableField ? <NegotiableBox field={negotiableField} /> : null}
      </div>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {live ? (
        <p id={`${field.id}-live`} className="field-error">
          {pickMessage(live, i18n.language)}
        </p>
      ) : null}
      <FieldErrors field={field} />
    </fieldset>
  );
}

function NegotiableBox({ field }: { field: Field }) {
  const { t } = useTranslation("offers");
  const { key, ...props } = getInputProps(field, { type: "checkbox", value: "1" });
  return (
    <label className="inline-flex items-center gap-2 text-sm font-normal">
      <input key={key} {...props} className="h-4 w-4" />
      {t("negotiableLabel")}
    </label>
  );
}
