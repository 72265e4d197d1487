// A page with several forms posts them all to one action, whose conform reply comes back to the
// page. Each form takes the reply only when it was the form sent (its intent, and the row it acts
// on), told apart by the values the reply echoes; otherwise one form's errors would show in all.
// Client-safe.
import type { SubmissionResult } from "@conform-to/react";

/** The reply if it answers the form whose echoed values include every entry of `sent`, else null. */
export function replyFor(reply: unknown, sent: Record<string, string | undefined>): SubmissionResult<string[]> | null {
  if (!reply || typeof reply !== "object" || !("initialValue" in reply)) return null;
  const result = reply as SubmissionResult<string[]>;
  const echoed = (result.initialValue ?? null) as Record<string, unknown> | null;
  if (!echoed) return null;
  return Object.entries(sent).every(([key, value]) => value === undefined || echoed[key] === value) ? result : null;
}

/** Every message of the reply to the form sent, for a form with no field to show them under. */
export function allErrors(reply: SubmissionResult<string[]> | null) {
  return reply ? Object.values(reply.error ?? {}).flatMap((e) => e ?? []) : undefined;
}
