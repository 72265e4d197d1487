// Labelled form controls on top of conform's field metadata, for every form: each control has a
// <label>, its hint and errors are tied to it with aria-describedby, a field the server requires
// is marked (a visible * and aria-required), and errors are shown in the reader's language —
// whether they are message keys of the `auth` namespace or bilingual "中文 / English" messages.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { pickMessage } from "../i18n/i18n.ts";

// any field of any form: the controls read only its name, id, value and errors
export type Field = FieldMetadata<unknown, Record<string, unknown>, string[]>;

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

/** The errors of one field, under it (conform's errorId ties them to the control). */
export function FieldErrors({ field }: { field: Field }) {
  return <ErrorList id={field.errorId} errors={field.errors} />;
}

/** The visible * of a required field; screen readers hear aria-required on the control instead. */
export function RequiredMark({ required }: { required?: boolean }) {
  if (!required) return null;
  return (
    <span aria-hidden="true" className="text-red-700">
      {" "}
      *
    </span>
  );
}

const alertClass = "rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800";

/** Form-level errors given as message keys of the `auth` namespace or bilingual messages, announced. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | undefined }) {
  const { t, i18n } = useTranslation("auth");
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className={alertClass}>
      {errors.map((e) => (
        <p key={e}>{pickMessage(t(e), i18n.language)}</p>
      ))}
    </div>
  );
}

/**
 * A form's refusal already in the reader's words (e.g. a server message picked with `pickMessage`).
 * It takes the focus when it appears, so keyboard and screen-reader users land on it: these forms
 * have no field of their own to focus.
 */
export function FormAlert({ message, id }: { message?: string | null; id?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} id={id} role="alert" tabIndex={-1} className={alertClass}>
      {message}
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
  type?: "text" | "email" | "password" | "search" | "datetime-local" | "date" | "tel" | "number";
  hint?: string;
  autoComplete?: string;
  className?: string;
  maxLength?: number;
  inputMode?: "decimal" | "numeric" | "text" | "tel" | "email";
  spellCheck?: boolean;
  autoCapitalize?: string;
  min?: number;
  max?: number;
  required?: boolean;
  "data-testid"?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...inputProps } = getInputProps(field, { type, ariaDescribedBy: hintId });
  const { required, ...other } = rest;
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm">
        {label}
        <RequiredMark required={required} />
      </label>
      <input
        key={key}
        {...inputProps}
        required={required}
        aria-required={required || undefined}
        autoComplete={autoComplete}
        className="input mt-1"
        {...other}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/**
 * A file input on conform: label, required mark, hint, and its errors under it. The form needs
 * encType="multipart/form-data"; a file cannot be refilled, so it is not keyed to the reply.
 */
export function FileField({
  field,
  label,
  hint,
  accept,
  required,
  className,
}: {
  field: Field;
  label: string;
  hint?: string;
  accept?: string;
  required?: boolean;
  className?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  // id, name, form and the aria-invalid/aria-describedby pair as every other field gets them
  const inputProps = getInputProps(field, { type: "file", value: false, ariaDescribedBy: hintId });
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm">
        {label}
        <RequiredMark required={required} />
      </label>
      <input
        {...inputProps}
        accept={accept}
        required={required}
        aria-required={required || undefined}
        className="mt-1 block w-full max-w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2"
      />
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
  required,
  children,
}: {
  field: Field;
  label: string;
  options?: Option[];
  groups?: OptionGroup[];
  placeholder?: string;
  hint?: string;
  className?: string;
  required?: boolean;
  /** options written out by the caller, after `options` and `groups` */
  children?: ReactNode;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...selectProps } = getSelectProps(field, { ariaDescribedBy: hintId });
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm">
        {label}
        <RequiredMark required={required} />
      </label>
      <select
        key={key}
        {...selectProps}
        required={required}
        aria-required={required || undefined}
        className="input mt-1"
      >
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
        {children}
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
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: hintId });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm">
        {label}
        <RequiredMark required={required} />
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
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldErrors field={field} />
    </div>
  );
}

/** One checkbox (a confirmation, a yes/no choice) with its label beside it and its errors under it. */
export function CheckboxField({
  field,
  label,
  value = "on",
  required,
  className,
}: {
  field: Field;
  label: string;
  value?: string;
  required?: boolean;
  className?: string;
}) {
  const { key, ...props } = getInputProps(field, { type: "checkbox", value });
  return (
    <div className={className}>
      <span className="flex items-center gap-2">
        <input
          key={key}
          {...props}
          required={required}
          aria-required={required || undefined}
          className="size-4 shrink-0"
        />
        <label htmlFor={field.id} className="text-sm font-normal">
          {label}
          <RequiredMark required={required} />
        </label>
      </span>
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
        <RequiredMark required={required} />
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

/** Form-level errors (e.g. "organization not verified"), announced, with a pointer to the marked fields. */
export function FormErrorSummary({ id, errors }: { id?: string; errors?: string[] }) {
  const { t, i18n } = useTranslation("forms");
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {errors.map((e) => (
        <p key={e}>{pickMessage(t(e, { ns: "auth" }), i18n.language)}</p>
      ))}
      <span className="sr-only">{t("errorSummary")}</span>
    </div>
  );
}
