// What can be done with a contract now, shown only to those allowed (the server checks again):
// submit (seller side), review (bureau: register / return / reject), amend and cancel (bureau),
// and the anomaly flags with their resolve form (bureau).
import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "../../components/confirm-step.tsx";
import { Form, useNavigation } from "react-router";
import { Link } from "../../components/link.tsx";
import { localName } from "../../domain/catalog.ts";
import { FieldErrors, FormErrorSummary, HiddenField, RequiredMark, TextArea } from "../../components/forms.tsx";
import { moneyDefaults, MoneyField } from "../../components/money-field.tsx";
import type { ContractDetail } from "./types.ts";
import { formatDateTime } from "../../domain/time.ts";
import { contractPageSchema, replyOf, type ContractPageIntent } from "./page-schema.ts";

type Reply = SubmissionResult<string[]> | undefined;
/** The inputs of one amount (MoneyField): the amount and its unit. */
export type MoneyInputs<N extends string> = { [K in N | `${N}Unit`]: string };

function useBusy() {
  return useNavigation().state === "submitting";
}

/**
 * One of the page's forms: validated in the browser by the page's schema (the server parses with
 * it too), showing only the reply of its own submission.
 */
export function usePageForm<S extends Record<string, unknown>>(
  id: string,
  intent: ContractPageIntent,
  reply: Reply,
  defaultValue: Partial<S> = {},
  opts: {
    current?: { contractAmountFen: number; nonTechnicalCostsFen: number };
    key?: { name: string; value: string };
  } = {},
) {
  const busy = useBusy();
  const schema = contractPageSchema(opts.current ?? null);
  return useForm<S & { intent: string }, object>({
    id,
    lastResult: busy ? null : (replyOf(reply, intent, opts.key) ?? null),
    defaultValue: { intent, ...defaultValue } as DefaultValue<S & { intent: string }>,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}

export function SubmitAction({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation("contracts");
  const busy = useBusy();
  if (!contract.permissions.canSubmit && !contract.permissions.canEdit && !contract.permissions.canDelete) return null;
  // the server refuses it too (403 organization_unverified): say why before anyone tries
  const unverified = [contract.seller, contract.buyer].filter((o) => !o.verified).map((o) => o.name);
  return (
    <div className="flex flex-wrap items-center gap-3">
      {contract.permissions.canEdit ? (
        <Link to={`/contracts/${contract.id}/edit`} className="btn-secondary">
          {t("contract.edit")}
        </Link>
      ) : null}
      {contract.permissions.canSubmit ? (
        unverified.length > 0 ? (
          <button type="button" className="btn-primary" disabled>
            {t("contract.submit")}
          </button>
        ) : (
          <ConfirmStep
            label={t("contract.submit")}
            message={t("contract.confirmSubmit")}
            confirmLabel={t("contract.confirmYes.submit")}
            fields={{ intent: "submit" }}
            tone="primary"
            busy={busy}
          />
        )
      ) : null}
      {contract.permissions.canDelete ? (
        <ConfirmStep
          label={t("contract.deleteDraft")}
          message={t("contract.confirmDelete")}
          confirmLabel={t("contract.confirmYes.delete")}
          fields={{ intent: "delete" }}
          tone="danger"
          busy={busy}
        />
      ) : null}
      {contract.permissions.canSubmit ? (
        <p className="w-full text-sm text-slate-600">
          {unverified.length
            ? t("contract.partyUnverified", { names: unverified.join("、") })
            : t("contract.submitHint")}
        </p>
      ) : null}
    </div>
  );
}

export function ReviewAction({ contract, reply }: { contract: ContractDetail; reply: Reply }) {
  const { t } = useTranslation("contracts");
  const busy = useBusy();
  const id = useId();
  const [form, fields] = usePageForm<{ decision: string; note: string }>("contract-review", "review", reply, {
    decision: "register",
  });
  if (!contract.permissions.canReview) return null;
  const decision = typeof fields.decision.value === "string" ? fields.decision.value : "";
  const options = [
    { value: "register", label: t("contract.decisionRegister") },
    { value: "return", label: t("contract.decisionReturn") },
    { value: "reject", label: t("contract.decisionReject") },
  ];
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4 border-amber-300" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {t("contract.review")}
      </h2>
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <HiddenField field={fields.intent} />
      <fieldset aria-describedby={fields.decision.errors ? fields.decision.errorId : undefined}>
        <legend className="text-sm font-medium">
          {t("contract.decision")}
          <RequiredMark required />
        </legend>
        <div className="mt-2 flex flex-wrap gap-4" key={fields.decision.key}>
          {options.map((o) => (
            <label key={o.value} className="inline-flex items-center gap-2 font-normal">
              <input
                type="radio"
                name={fields.decision.name}
                value={o.value}
                defaultChecked={fields.decision.initialValue === o.value}
                className="h-4 w-4"
              />
              {o.label}
            </label>
          ))}
        </div>
        <FieldErrors field={fields.decision} />
      </fieldset>
      <TextArea
        field={fields.note}
        label={t("contract.note")}
        hint={t("contract.noteHint")}
        required={decision !== "register"}
        maxLength={2000}
        rows={3}
      />
      <button type="submit" className={decision === "register" ? "btn-primary" : "btn-danger"} disabled={busy}>
        {options.find((o) => o.value === decision)?.label ?? t("contract.review")}
      </button>
    </Form>
  );
}

export function AmendAction({ contract, reply }: { contract: ContractDetail; reply: Reply }) {
  const { t } = useTranslation("contracts");
  const busy = useBusy();
  const id = useId();
  const current = {
    contractAmountFen: contract.contractAmountFen,
    nonTechnicalCostsFen: contract.nonTechnicalCostsFen,
  };
  const [form, fields] = usePageForm<
    MoneyInputs<"contractAmount"> & MoneyInputs<"nonTechnicalCosts"> & { reason: string }
  >(
    "contract-amend",
    "amend",
    reply,
    {
      ...moneyDefaults("contractAmount", contract.contractAmountFen),
      ...moneyDefaults("nonTechnicalCosts", contract.nonTechnicalCostsFen),
    },
    { current },
  );
  if (!contract.permissions.canAmend) return null;
  return (
    <details className="card" open={!!replyOf(reply, "amend")?.error}>
      <summary className="cursor-pointer text-lg font-semibold">{t("contract.amend")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4" aria-labelledby={`${id}-h`}>
        <p id={`${id}-h`} className="text-sm text-slate-700">
          {t("contract.amendHint")}
        </p>
        <FormErrorSummary id={form.errorId} errors={form.errors} />
        <HiddenField field={fields.intent} />
        <div className="grid gap-4 md:grid-cols-2">
          <MoneyField
            field={fields.contractAmount}
            unitField={fields.contractAmountUnit}
            label={t("contracts.contractAmount")}
          />
          <MoneyField
            field={fields.nonTechnicalCosts}
            unitField={fields.nonTechnicalCostsUnit}
            label={t("contracts.nonTechnicalCosts")}
          />
        </div>
        <TextArea field={fields.reason} label={t("contract.amendReason")} required maxLength={2000} rows={2} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("contract.amendSubmit")}
        </button>
      </Form>
    </details>
  );
}

export function CancelAction({ contract, reply }: { contract: ContractDetail; reply: Reply }) {
  const { t } = useTranslation("contracts");
  const busy = useBusy();
  const [form, fields] = usePageForm<{ reason: string }>("contract-cancel", "cancel", reply);
  if (!contract.permissions.canCancel) return null;
  return (
    <details className="card" open={!!replyOf(reply, "cancel")?.error}>
      <summary className="cursor-pointer text-lg font-semibold text-red-800">{t("contract.cancel")}</summary>
      {/* the open panel with its required reason is the confirmation step: no browser dialog */}
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
        <p className="text-sm text-slate-700">{t("contract.cancelHint")}</p>
        <p className="text-sm font-medium text-red-900">{t("contract.confirmCancel")}</p>
        <FormErrorSummary id={form.errorId} errors={form.errors} />
        <HiddenField field={fields.intent} />
        <TextArea field={fields.reason} label={t("contract.cancelReasonLabel")} required maxLength={2000} rows={2} />
        <button type="submit" className="btn-danger" disabled={busy}>
          {t("contract.cancelSubmit")}
        </button>
      </Form>
    </details>
  );
}

type Flag = NonNullable<ContractDetail["flags"]>[number];

export function flagExplanation(detail: unknown, lang: string): string[] {
  const d = (detail ?? {}) as {
    explanation?: { zh: string; en: string };
    reasons?: Array<{ explanation?: { zh: string; en: string } }>;
  };
  const out: string[] = [];
  if (d.explanation) out.push(localName(d.explanation, lang));
  for (const r of d.reasons ?? []) if (r.explanation) out.push(localName(r.explanation, lang));
  return out;
}

export function ResolveFlagForm({ flagId, reply }: { flagId: string; reply: Reply }) {
  const { t } = useTranslation("contracts");
  const busy = useBusy();
  const [form, fields] = usePageForm<{ flagId: string; resolution: string }>(
    `resolve-${flagId}`,
    "resolveFlag",
    reply,
    { flagId },
    {
      key: { name: "flagId", value: flagId },
    },
  );
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <HiddenField field={fields.intent} />
      <HiddenField field={fields.flagId} />
      <TextArea field={fields.resolution} label={t("contract.resolution")} required maxLength={2000} rows={1} />
      <button type="submit" className="btn-secondary" disabled={busy}>
        {t("contract.resolve")}
      </button>
    </Form>
  );
}

export function ContractFlags({ flags, reply }: { flags: Flag[] | undefined; reply: Reply }) {
  const { t, i18n } = useTranslation("contracts");
  if (!flags) return null;
  return (
    <section aria-labelledby="flags-heading" className="card border-amber-300">
      <h2 id="flags-heading" className="text-lg font-semibold">
        {t("contract.flags")}
      </h2>
      {flags.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t("contract.flagsNone")}</p>
      ) : (
        <ul className="mt-3 space-y-4">
          {flags.map((f) => (
            <li key={f.id} className="border-t border-slate-200 pt-3 first:border-0 first:pt-0">
              <p className="flex flex-wrap items-center gap-2">
                <span className="badge bg-amber-100 text-amber-900">
                  {t(`bureau:anomalyKinds.${f.kind}`, { defaultValue: f.kind })}
                </span>
                <span className="text-sm text-slate-600">{formatDateTime(f.createdAt)}</span>
              </p>
              {flagExplanation(f.detail, i18n.language).map((line) => (
                <p key={line} className="mt-1 text-sm">
                  {line}
                </p>
              ))}
              {f.resolvedAt ? (
                <p className="mt-1 text-sm text-green-900">
                  {t("contract.flagResolvedAt", { resolution: f.resolution ?? "", at: formatDateTime(f.resolvedAt) })}
                </p>
              ) : (
                <ResolveFlagForm flagId={f.id} reply={reply} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
