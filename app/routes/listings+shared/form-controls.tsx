// Labelled controls on top of conform's field metadata: each control has a <label>; hints and
// errors are tied to it with aria-describedby; aria-invalid marks a field with errors. Errors
// from the shared zod schemas are "中文 / English" and shown in the reader's language.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useLabels } from "./labels.tsx";
import { pickMessage } from "../../i18n/i18n.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, any>;

export function FieldErrors({ field }: { field: Field }) {
  const { locale } = useLabels();
  if (!field.errors?.length) return null;
  return (
    <div id={field.errorId} className="field-error">
      {(field.errors as string[]).map((e) => (
        <p key={e}>{pickMessage(e, locale)}</p>
      ))}
    </div>
  );
}

function Hint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mt-1 text-xs text-slate-600">
      {children}
    </p>
  );
}

export function TextField({
  field,
  label,
  hint,
  maxLength,
  inputMode,
  type = "text",
  required,
  autoComplete,
}: {
  field: Field;
  label: string;
  hint?: string;
  maxLength?: number;
  inputMode?: "decimal" | "tel" | "email" | "text";
  type?: "text" | "email" | "tel" | "date" | "datetime-local";
  required?: boolean;
  autoComplete?: string;
}) {
  const hintId = `${field.id}-hint`;
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm">
        {label}
        {required ? (
          <span aria-hidden="true" className="text-red-700">
            {" "}
            *
          </span>
        ) : null}
      </label>
      <input
        key={key}
        {...props}
        required={required}
        aria-required={required || undefined}
        maxLength={maxLength}
        inputMode={inputMode}
        autoComplete={autoComplete}
        className="input mt-1"
      />
      <Hint id={hintId}>{hint}</Hint>
      <FieldErrors field={field} />
    </div>
  );
}

export function TextArea({
  field,
  label,
  hint,
  maxLength,
  rows = 5,
  required,
}: {
  field: Field;
  label: string;
  hint?: string;
  maxLength?: number;
  rows?: number;
  required?: boolean;
}) {
  const hintId = `${field.id}-hint`;
  const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm">
        {label}
        {required ? (
          <span aria-hidden="true" className="text-red-700">
            {" "}
            *
          </span>
        ) : null}
      </label>
      <textarea
        key={key}
        {...props}
        required={required}
        aria-required={required || undefined}
        maxLength={maxLength}
        rows={rows}
        className="input mt-1"
      />
      <Hint id={hintId}>{hint}</Hint>
      <FieldErrors field={field} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  hint,
  placeholder,
  required,
  children,
}: {
  field: Field;
  label: string;
  hint?: string;
  placeholder?: string;
  required?: boolean;
  children: ReactNode;
}) {
  const hintId = `${field.id}-hint`;
  const { key, ...props } = getSelectProps(field, { ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm">
        {label}
        {required ? (
          <span aria-hidden="true" className="text-red-700">
            {" "}
            *
          </span>
        ) : null}
      </label>
      <select key={key} {...props} required={required} aria-required={required || undefined} className="input mt-1">
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {children}
      </select>
      <Hint id={hintId}>{hint}</Hint>
      <FieldErrors field={field} />
    </div>
  );
}

/** A group of checkboxes for one array field, labelled by a fieldset legend. */
export function CheckboxGroupField({
  field,
  legend,
  options,
  required,
}: {
  field: Field;
  legend: string;
  options: Array<{ value: string; label: string }>;
  required?: boolean;
}) {
  const initial = field.initialValue;
  const selected = Array.isArray(initial) ? (initial as string[]) : typeof initial === "string" ? [initial] : [];
  const invalid = field.errors?.length ? true : undefined;
  return (
    <fieldset aria-describedby={invalid ? field.errorId : undefined} aria-invalid={invalid}>
      <legend className="text-sm font-medium text-slate-800">
        {legend}
        {required ? (
          <span aria-hidden="true" className="text-red-700">
            {" "}
            *
          </span>
        ) : null}
      </legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2" key={field.key}>
        {options.map((o) => {
          const id = `${field.id}-${o.value}`;
          return (
            <span key={o.value} className="flex items-center gap-2">
              <input
                id={id}
                type="checkbox"
                name={field.name}
                value={o.value}
                defaultChecked={selected.includes(o.value)}
                className="size-4"
              />
              <label htmlFor={id} className="text-sm font-normal">
                {o.label}
              </label>
            </span>
          );
        })}
      </div>
      <FieldErrors field={field} />
    </fieldset>
  );
}

/** Form-level errors (e.g. "organization not verified"), announced. */
export function FormErrorSummary({ id, errors }: { id?: string; errors?: string[] }) {
  const { t, locale } = useLabels();
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {errors.map((e) => (
        <p key={e}>{pickMessage(e, locale)}</p>
      ))}
      <span className="sr-only">{t("form.errorSummary")}</span>
    </div>
  );
}
