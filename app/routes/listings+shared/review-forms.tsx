// The small submit / withdraw / verify buttons and the outcome of the last action. All are POST
// forms: no state changes on GET. The reviewer's approve / reject-with-reason forms are in
// ./review-decision-form.tsx: they need zod and conform, which pages without them should not load
// (docs/decisions/0030).
import { Form, useNavigation } from "react-router";
import type { ListingActionData } from "../../listings/page-actions.server.ts";
import { useLabels } from "./labels.tsx";

type Kind = "result" | "need";

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
