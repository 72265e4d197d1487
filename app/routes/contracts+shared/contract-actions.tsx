// What can be done with a contract now, shown only to those allowed (the server checks again):
// submit (seller side), review (bureau: register / return / reject), amend and cancel (bureau),
// and the anomaly flags with their resolve form (bureau).
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "../../components/confirm-step.tsx";
import { Form, useNavigation } from "react-router";
import { Link } from "../../components/link.tsx";
import { localName } from "../../domain/catalog.ts";
import { MoneyField, TextArea } from "../../components/contracts/fields.tsx";
import type { ContractDetail } from "./types.ts";
import { formatDateTime } from "../../domain/time.ts";

type Errors = Record<string, string>;

function useBusy() {
  return useNavigation().state === "submitting";
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

export function ReviewAction({ contract, errors }: { contract: ContractDetail; errors: Errors }) {
  const { t } = useTranslation("contracts");
  const busy = useBusy();
  const [decision, setDecision] = useState("register");
  const id = useId();
  if (!contract.permissions.canReview) return null;
  const options = [
    { value: "register", label: t("contract.decisionRegister") },
    { value: "return", label: t("contract.decisionReturn") },
    { value: "reject", label: t("contract.decisionReject") },
  ];
  return (
    <Form method="post" className="card space-y-4 border-amber-300" aria-labelledby={`${id}-h`} noValidate>
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {t("contract.review")}
      </h2>
      <input type="hidden" name="intent" value="review" />
      <fieldset>
        <legend className="text-sm font-medium">{t("contract.decision")}</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {options.map((o) => (
            <label key={o.value} className="inline-flex items-center gap-2 font-normal">
              <input
                type="radio"
                name="decision"
                value={o.value}
                checked={decision === o.value}
                onChange={() => setDecision(o.value)}
                className="h-4 w-4"
              />
              {o.label}
            </label>
          ))}
        </div>
        {errors.decision ? <p className="field-error">{errors.decision}</p> : null}
      </fieldset>
      <TextArea
        name="note"
        label={t("contract.note")}
        hint={t("contract.noteHint")}
        required={decision !== "register"}
        maxLength={2000}
        rows={3}
        error={errors.note}
      />
      <button type="submit" className={decision === "register" ? "btn-primary" : "btn-danger"} disabled={busy}>
        {options.find((o) => o.value === decision)?.label}
      </button>
    </Form>
  );
}

export function AmendAction({ contract, errors }: { contract: ContractDetail; errors: Errors }) {
  const { t } = useTranslation("contracts");
  const busy = useBusy();
  const id = useId();
  if (!contract.permissions.canAmend) return null;
  return (
    <details className="card" open={!!(errors.reason || errors.contractAmount || errors.nonTechnicalCosts)}>
      <summary className="cursor-pointer text-lg font-semibold">{t("contract.amend")}</summary>
      <Form method="post" className="mt-3 space-y-4" aria-labelledby={`${id}-h`} noValidate>
        <p id={`${id}-h`} className="text-sm text-slate-700">
          {t("contract.amendHint")}
        </p>
        <input type="hidden" name="intent" value="amend" />
        <div className="grid gap-4 md:grid-cols-2">
          <MoneyField
            name="contractAmount"
            label={t("contracts.contractAmount")}
            defaultFen={contract.contractAmountFen}
            error={errors.contractAmount}
          />
          <MoneyField
            name="nonTechnicalCosts"
            label={t("contracts.nonTechnicalCosts")}
            defaultFen={contract.nonTechnicalCostsFen}
            error={errors.nonTechnicalCosts}
          />
        </div>
        <TextArea
          name="reason"
          label={t("contract.amendReason")}
          required
          maxLength={2000}
          rows={2}
          error={errors.reason}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("contract.amendSubmit")}
        </button>
      </Form>
    </details>
  );
}

export function CancelAction({ contract, errors }: { contract: ContractDetail; errors: Errors }) {
  const { t } = useTranslation("contracts");
  const busy = useBusy();
  if (!contract.permissions.canCancel) return null;
  return (
    <details className="card" open={!!errors.cancelReason}>
      <summary className="cursor-pointer text-lg font-semibold text-red-800">{t("contract.cancel")}</summary>
      {/* the open panel with its required reason is the confirmation step: no browser dialog */}
      <Form method="post" className="mt-3 space-y-4" noValidate>
        <p className="text-sm text-slate-700">{t("contract.cancelHint")}</p>
        <p className="text-sm font-medium text-red-900">{t("contract.confirmCancel")}</p>
        <input type="hidden" name="intent" value="cancel" />
        <TextArea
          name="reason"
          label={t("contract.cancelReasonLabel")}
          required
          maxLength={2000}
          rows={2}
          error={errors.cancelReason}
        />
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

export function ResolveFlagForm({ flagId, error }: { flagId: string; error?: string }) {
  const { t } = useTranslation("contracts");
  const busy = useBusy();
  return (
    <Form method="post" className="mt-2 flex flex-wrap items-end gap-2" noValidate>
      <input type="hidden" name="intent" value="resolveFlag" />
      <input type="hidden" name="flagId" value={flagId} />
      <TextArea
        name="resolution"
        label={t("contract.resolution")}
        required
        maxLength={2000}
        rows={1}
        className="min-w-[16rem] flex-1"
        error={error}
      />
      <button type="submit" className="btn-secondary" disabled={busy}>
        {t("contract.resolve")}
      </button>
    </Form>
  );
}

export function ContractFlags({ flags, errors }: { flags: Flag[] | undefined; errors: Errors }) {
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
                <ResolveFlagForm flagId={f.id} error={errors[`flag:${f.id}`]} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
