// The create/edit forms of results and needs: conform + the shared zod schemas (the same rules
// the API applies), "save draft" and "submit for review" buttons, status notices.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { FIELDS, MATURITIES, TRANSFER_MODES } from "../../domain/catalog.ts";
import { LIMITS } from "../../listings/schemas.ts";
import { CheckboxGroupField, FormErrorSummary, SelectField, TextArea, TextField } from "../../components/forms.tsx";
import { useLabels } from "./labels.tsx";
import { needFormSchema, resultFormSchema } from "../../listings/form-schemas.ts";

export type FormContext = {
  /** null for a new listing */
  status: string | null;
  rejectionReason?: string | null;
  /** the owning organization is verified (can submit) */
  verified: boolean;
};

function StatusNotice({ ctx }: { ctx: FormContext }) {
  const { t } = useLabels();
  const notices: string[] = [];
  if (!ctx.verified) notices.push(t("form.unverifiedNotice"));
  if (ctx.status === "published") notices.push(t("form.publishedEditNotice"));
  if (ctx.status === "pending_review") notices.push(t("form.pendingNotice"));
  if (ctx.status === "rejected") notices.push(t("form.rejectedNotice", { reason: ctx.rejectionReason ?? "" }));
  if (ctx.status === "withdrawn") notices.push(t("form.withdrawnNotice"));
  if (!notices.length) return null;
  const tone =
    ctx.status === "rejected" ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900";
  return (
    <div className={`rounded-md border p-3 text-sm ${tone}`}>
      {notices.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}

function Buttons({ ctx }: { ctx: FormContext }) {
  const { t } = useLabels();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const canResubmit = ctx.status === null || ["draft", "rejected", "withdrawn"].includes(ctx.status);
  return (
    <div className="flex flex-wrap gap-3">
      {ctx.status === "published" ? (
        <button type="submit" name="intent" value="save" className="btn-primary" disabled={busy || !ctx.verified}>
          {t("form.saveAndSubmit")}
        </button>
      ) : (
        <button
          type="submit"
          name="intent"
          value="save"
          className={canResubmit ? "btn-secondary" : "btn-primary"}
          disabled={busy}
        >
          {ctx.status === null || ctx.status === "draft" ? t("form.saveDraft") : t("form.save")}
        </button>
      )}
      {canResubmit ? (
        <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy || !ctx.verified}>
          {ctx.status === null ? t("form.submitForReview") : t("form.saveAndSubmit")}
        </button>
      ) : null}
    </div>
  );
}

export type ResultDefaults = {
  title: string;
  summary: string;
  keywords: string;
  field: string;
  maturity: string;
  transferModes: string[];
  priceWan: string;
  ipDescription: string;
  patentNumbers: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
};

export function ResultForm({
  defaultValue,
  lastResult,
  ctx,
}: {
  defaultValue: Partial<ResultDefaults>;
  lastResult?: SubmissionResult<string[]> | null;
  ctx: FormContext;
}) {
  const l = useLabels();
  const { t } = l;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "result-form",
    lastResult: navigation.state === "idle" ? lastResult : null,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resultFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-5">
      <StatusNotice ctx={ctx} />
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("form.basics")}</legend>
        <TextField
          field={fields.title}
          label={t("form.title")}
          hint={t("form.titleHint")}
          maxLength={LIMITS.title}
          required
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField field={fields.field} label={t("form.field")} placeholder={t("form.choose")} required>
            {FIELDS.map((f) => (
              <option key={f} value={f}>
                {l.field(f)}
              </option>
            ))}
          </SelectField>
          <SelectField field={fields.maturity} label={t("form.maturity")} placeholder={t("form.choose")} required>
            {MATURITIES.map((m) => (
              <option key={m} value={m}>
                {l.maturity(m)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextArea
          field={fields.summary}
          label={t("form.summary")}
          hint={t("form.summaryHint")}
          maxLength={LIMITS.summary}
          rows={8}
          required
        />
        <TextField field={fields.keywords} label={t("form.keywords")} hint={t("form.keywordsHint")} maxLength={500} />
      </fieldset>
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("form.commercial")}</legend>
        <CheckboxGroupField
          field={fields.transferModes}
          legend={t("form.transferModes")}
          options={TRANSFER_MODES.map((m) => ({ value: m, label: l.mode(m) }))}
          required
        />
        <TextField
          field={fields.priceWan}
          label={t("form.priceWan")}
          hint={t("form.priceHint")}
          inputMode="decimal"
          maxLength={20}
        />
        <TextArea
          field={fields.ipDescription}
          label={t("form.ipDescription")}
          hint={t("form.ipHint")}
          maxLength={LIMITS.ipDescription}
          rows={3}
        />
        <TextArea field={fields.patentNumbers} label={t("form.patentNumbers")} hint={t("form.patentHint")} rows={3} />
      </fieldset>
      <ContactFields fields={fields} />
      <Buttons ctx={ctx} />
    </Form>
  );
}

export type NeedDefaults = {
  title: string;
  description: string;
  targetIndicators: string;
  keywords: string;
  field: string;
  budgetWan: string;
  deadline: string;
  cooperationMode: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
};

export function NeedForm({
  defaultValue,
  lastResult,
  ctx,
  before,
  buttons,
}: {
  defaultValue: Partial<NeedDefaults>;
  lastResult?: SubmissionResult<string[]> | null;
  ctx: FormContext;
  /** fields shown before the need's own (sub-centre staff choose the company there) */
  before?: ReactNode;
  /** replaces the save/submit buttons */
  buttons?: ReactNode;
}) {
  const l = useLabels();
  const { t } = l;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "need-form",
    lastResult: navigation.state === "idle" ? lastResult : null,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: needFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-5">
      <StatusNotice ctx={ctx} />
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      {before}
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("form.basics")}</legend>
        <TextField
          field={fields.title}
          label={t("form.title")}
          hint={t("form.titleHint")}
          maxLength={LIMITS.title}
          required
        />
        <SelectField field={fields.field} label={t("form.field")} placeholder={t("form.choose")} required>
          {FIELDS.map((f) => (
            <option key={f} value={f}>
              {l.field(f)}
            </option>
          ))}
        </SelectField>
        <TextArea
          field={fields.description}
          label={t("form.description")}
          hint={t("form.descriptionHint")}
          maxLength={LIMITS.description}
          rows={8}
          required
        />
        <TextArea
          field={fields.targetIndicators}
          label={t("form.targetIndicators")}
          hint={t("form.targetIndicatorsHint")}
          maxLength={LIMITS.targetIndicators}
          rows={3}
        />
        <TextField field={fields.keywords} label={t("form.keywords")} hint={t("form.keywordsHint")} maxLength={500} />
      </fieldset>
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("form.commercial")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            field={fields.budgetWan}
            label={t("form.budgetWan")}
            hint={t("form.budgetHint")}
            inputMode="decimal"
            maxLength={20}
          />
          <TextField field={fields.deadline} label={t("form.deadline")} hint={t("form.deadlineHint")} type="date" />
          <SelectField field={fields.cooperationMode} label={t("form.cooperationMode")} placeholder={t("form.anyMode")}>
            {TRANSFER_MODES.map((m) => (
              <option key={m} value={m}>
                {l.mode(m)}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <ContactFields fields={fields} />
      {buttons ?? <Buttons ctx={ctx} />}
    </Form>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function ContactFields({ fields }: { fields: any }) {
  const { t } = useLabels();
  return (
    <fieldset className="card space-y-4">
      <legend className="px-1 text-lg font-semibold">{t("form.contact")}</legend>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          field={fields.contactName}
          label={t("form.contactName")}
          maxLength={LIMITS.contactName}
          autoComplete="name"
        />
        <TextField
          field={fields.contactPhone}
          label={t("form.contactPhone")}
          type="tel"
          maxLength={LIMITS.contactPhone}
          autoComplete="tel"
        />
        <TextField
          field={fields.contactEmail}
          label={t("form.contactEmail")}
          type="email"
          maxLength={LIMITS.contactEmail}
          autoComplete="email"
        />
      </div>
    </fieldset>
  );
}
