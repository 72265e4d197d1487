// A consequential action asks first, in the page rather than in a browser dialog: the button
// opens a panel (<details>) that says what will happen, and only its own button submits. It
// works without JavaScript and reads the same to screen readers; the same pattern as the
// listings' withdraw step (app/routes/listings+shared/review-forms.tsx).
import type { ReactNode } from "react";
import { Form } from "react-router";

export function ConfirmStep({
  label,
  message,
  confirmLabel,
  fields,
  tone = "secondary",
  busy = false,
  children,
}: {
  /** the button that opens the step (shown with "…") */
  label: string;
  /** what happens, in the reader's language */
  message: string;
  /** the button that does it */
  confirmLabel: string;
  /** hidden fields the action reads (e.g. intent) */
  fields: Record<string, string>;
  tone?: "primary" | "secondary" | "danger";
  busy?: boolean;
  /** more fields inside the step (e.g. a reason) */
  children?: ReactNode;
}) {
  return (
    <details className="group">
      <summary className={`btn-${tone} w-fit cursor-pointer list-none`}>{label}…</summary>
      <Form method="post" className="mt-2 max-w-md space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="text-sm text-amber-950">{message}</p>
        {children}
        <button type="submit" className={`btn-${tone === "secondary" ? "primary" : tone}`} disabled={busy}>
          {confirmLabel}
        </button>
      </Form>
    </details>
  );
}
