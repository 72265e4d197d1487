// Approve and reject-with-reason forms (detail page and the review queue), and the small
// submit / withdraw / verify buttons. All are POST forms: no state changes on GET.
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "react-router";
import type { ListingActionData } from "../../listings/page-actions.server.ts";
import { useLabels } from "./labels.tsx";
import { pickMessage } from "../../i18n/i18n.ts";
import { reviewFormSchema } from "../../listings/form-schemas.ts";

type Kind = "result" | "need";

export function ReviewForms({
  kind,
  id,
  title,
  action,
  actionData,
}: {
  kind: Kind;
  id: string;
  title?: string;
  action?: string;
  actionData?: ListingActionData;
}) {
  const { t, locale } = useLabels();
  const navigation = useNavigation();
  const mine = actionData?.id === id && actionData.intent === "review" ? actionData : undefined;
  const [form, fields] = useForm({
    id: `reject-${id}`,
    lastResult: navigation.state === "idle" ? (mine?.submission ?? null) : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const busy = navigation.state !== "idle" && navigation.formData?.get("id") === id;
  const reasonErrors = fields.reason.errors?.map((e) => pickMessage(e, locale));
  const hintId = `${fields.reason.id}-hint`;
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="decision" value="approve" />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("review.approve")}
          {title ? <span className="sr-only"> {title}</span> : null}
        </button>
      </Form>
      {/* Rejecting is a second step: open, give the reason, confirm (works without JavaScript). */}
      <details className="flex-1" open={reasonErrors?.length ? true : undefined}>
        <summary className="btn-secondary w-fit list-none text-red-800">
          {t("review.rejectOpen")}
          {title ? <span className="sr-only"> {title}</span> : null}
        </summary>
        <Form method="post" action={action} {...getFormProps(form)} className="mt-2 space-y-2">
          <input type="hidden" name="intent" value="review" />
          <input type="hidden" name="decision" value="reject" />
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={id} />
          <p className="text-sm text-slate-700">{t("review.rejectExplain")}</p>
          <label htmlFor={fields.reason.id} className="block text-sm">
            {t("review.reason")}
            {title ? <span className="sr-only"> {title}</span> : null}
          </label>
          <textarea
            {...getTextareaProps(fields.reason, { ariaDescribedBy: hintId })}
            key={fields.reason.key}
            rows={2}
            maxLength={1000}
            required
            className="input"
          />
          <p id={hintId} className="text-xs text-slate-600">
            {t("review.reasonHint")}
          </p>
          {reasonErrors?.length ? (
            <p id={fields.reason.errorId} className="field-error">
              {reasonErrors.join(" ")}
            </p>
          ) : null}
          <button type="submit" className="btn-danger" disabled={busy}>
            {t("review.rejectConfirm")}
            {title ? <span className="sr-only"> {title}</span> : null}
          </button>
        </Form>
      </details>
    </div>
  );
}

export function IntentButton({
  intent,
  kind,
  id,
  label,
  srLabel,
  tone = "secondary",
  action,
  confirm,
}: {
  intent: "submit" | "withdraw" | "verify" | "delete";
  kind: Kind | "organization";
  id: string;
  label: string;
  /** extra words for screen readers when several such buttons share a page */
  srLabel?: string;
  tone?: "primary" | "secondary" | "danger";
  action?: string;
  /** a destructive action asks first: this text, then a confirm button (works without JavaScript) */
  confirm?: { message: string; button: string };
}) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("id") === id;
  if (confirm) {
    return (
      <details className="w-full">
        <summary className="btn-secondary w-fit list-none text-red-800">
          {label}…{srLabel ? <span className="sr-only"> {srLabel}</span> : null}
        </summary>
        <Form method="post" action={action} className="mt-2 space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={id} />
          <p className="text-sm text-red-900">{confirm.message}</p>
          <button type="submit" className={`btn-${tone}`} disabled={busy}>
            {confirm.button}
            {srLabel ? <span className="sr-only"> {srLabel}</span> : null}
          </button>
        </Form>
      </details>
    );
  }
  return (
    <Form method="post" action={action}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className={`btn-${tone}`} disabled={busy}>
        {label}
        {srLabel ? <span className="sr-only"> {srLabel}</span> : null}
      </button>
    </Form>
  );
}

/** The outcome of the last action, announced to screen readers. */
export function ActionOutcome({ actionData }: { actionData?: ListingActionData }) {
  const { t } = useLabels();
  if (!actionData) return null;
  if (actionData.error) {
    return (
      <div
        role="alert"
        className="sticky top-2 z-10 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 shadow-md"
      >
        {actionData.error}
      </div>
    );
  }
  const messages: Record<string, string> = {
    submitted: t("form.submitted"),
    withdrawn: t("form.withdrawn"),
    approved: t("review.approved", { title: actionData.title }),
    rejected: t("review.rejected", { title: actionData.title }),
    verified: t("review.verified", { name: actionData.title }),
  };
  if (!actionData.done) return null;
  return (
    <div
      role="status"
      className="sticky top-2 z-10 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900 shadow-md"
    >
      {messages[actionData.done]}
    </div>
  );
}
