// Labelled form controls on top of conform's field metadata, for every form: each control has a
// <label>, its hint and errors are tied to it with aria-describedby, and errors are shown in the
// reader's language — whether they are message keys of the `auth` namespace or the server's
// bilingual "中文 / English" messages.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { pickMessage } from "../i18n/i18n.ts";

// any field of any form: the controls read only its name, id, value and errors
type Field = FieldMetadata<unknown, Record<string, unknown>, string[]>;

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | undefined }) {
  const { t, i18n } = useTranslation("auth");
  if (!errors?.length) return null;
  return (
    <div id={id} className="field-error">
      {errors.map((e) => (
        <p key={e}>{pickMessage(t(e), i18n.language)}</p>
      ))}
    </div>
  );
}

export function FormErrors({ id, errors }: { id?: string; errors?: string[] | undefined }) {
  const { t, i18n } = useTranslation("auth");
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {errors.map((e) => (
        <p key={e}>{pickMessage(t(e), i18n.language)}</p>
      ))}
    </div>
  );
}

export function Notice({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "success" | "warning" }) {
  const colours = {
    info: "border-brand-100 bg-brand-50 text-brand-800",
    success: "border-green-300 bg-green-50 text-green-900",
    warning: "border-amber-300 bg-amber-50 text-amber-900",
  }[tone];
  return (
    <div role="status" className={`rounded-md border p-3 text-sm ${colours}`}>
      {children}
    </div>
  );
}

export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  className,
  ...rest
}: {
  field: Field;
  label: string;
  type?: "text" | "email" | "password" | "search" | "datetime-local" | "date";
  hint?: string;
  autoComplete?: string;
  className?: string;
  maxLength?: number;
  inputMode?: "decimal" | "numeric" | "text";
  spellCheck?: boolean;
  autoCapitalize?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...inputProps } = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm">
        {label}
      </label>
      <input key={key} {...inputProps} autoComplete={autoComplete} className="input mt-1" {...rest} />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function HiddenField({ field }: { field: Field }) {
  const { key, ...props } = getInputProps(field, { type: "hidden" });
  return <input key={key} {...props} />;
}

/** `lang`: the label is in another language than the page (a language's own name). */
export type Option = { value: string; label: string; lang?: string };
export type OptionGroup = { label: string; options: Option[] };

export function SelectField({
  field,
  label,
  options,
  groups,
  placeholder,
  hint,
  className,
}: {
  field: Field;
  label: string;
  options?: Option[];
  groups?: OptionGroup[];
  placeholder?: string;
  hint?: string;
  className?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...selectProps } = getSelectProps(field, { ariaDescribedBy: hintId });
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm">
        {label}
      </label>
      <select key={key} {...selectProps} className="input mt-1">
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
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
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
