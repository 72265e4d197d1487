// Approve and reject-with-reason forms (detail page and the review queue). POST forms: no state
// changes on GET. Apart from ./review-forms.tsx because of zod and conform: the detail page loads
// this module only for a reviewer (docs/decisions/0030).
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
import { Form, useNavigation } from "react-router";
import type { ListingActionData } from "../../listings/page-actions.server.ts";
import { useLabels } from "./labels.tsx";
import { pickMessage } from "../../i18n/i18n.ts";
import { reviewFormSchema } from "../../listings/form-schemas.ts";
import { RequiredMark } from "../../components/forms.tsx";

export function ReviewForms({
  kind,
  id,
  title,
  action,
  actionData,
}: {
  kind: "result" | "need";
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
  // open while the reviewer has it open, and whenever the reason is refused; it must not close
  // under the reviewer's fingers when typing clears the error
  const [opened, setOpened] = useState(false);
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
      <details
        className="flex-1"
        open={opened || reasonErrors?.length ? true : undefined}
        onToggle={(e) => setOpened(e.currentTarget.open)}
      >
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
            <RequiredMark required />
          </label>
          <textarea
            {...getTextareaProps(fields.reason, { ariaDescribedBy: hintId })}
            key={fields.reason.key}
            rows={2}
            maxLength={1000}
            required
            aria-required
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
