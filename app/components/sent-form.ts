// A page with several forms posts them all to one action, whose conform reply comes back to the
// page. Each form takes the reply only when it was the form sent (its intent, and the row it acts
// on), told apart by the values the reply echoes; otherwise one form's errors would show in all.
// Client-safe.
import type { SubmissionResult } from "@conform-to/react";

/**
 * What a form sends that tells it apart: a value it sends, `null` for a field it never sends (absent
 * or empty: another form on the page sends it), `undefined` for one not compared.
 */
export type SentBy = Record<string, string | null | undefined>;

/**
 * The reply if it answers the form whose echoed values match every entry of `sent` (or of one of
 * several, for a form with more than one intent), else null.
 */
export function replyFor(reply: unknown, sent: SentBy | readonly SentBy[]): SubmissionResult<string[]> | null {
  if (!reply || typeof reply !== "object" || !("initialValue" in reply)) return null;
  const result = reply as SubmissionResult<string[]>;
  const echoed = (result.initialValue ?? null) as Record<string, unknown> | null;
  if (!echoed) return null;
  const matches = (one: SentBy) =>
    Object.entries(one).every(([key, value]) =>
      value === undefined
        ? true
        : value === null
          ? echoed[key] === undefined || echoed[key] === ""
          : echoed[key] === value,
    );
  return (Array.isArray(sent) ? sent : [sent as SentBy]).some(matches) ? result : null;
}

/** Every message of the reply to the form sent, for a form with no field to show them under. */
export function allErrors(reply: SubmissionResult<string[]> | null) {
  return reply ? Object.values(reply.error ?? {}).flatMap((e) => e ?? []) : undefined;
}
