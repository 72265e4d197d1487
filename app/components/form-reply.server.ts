// The answer of a conform action: a refused submission goes back to its form (400, each message
// under its field), and a backend refusal (ApiError: 400 fields, 403/404/409 messages) comes back
// the same way, in the reader's language, so the form shows it where the reader is looking.
import type { Submission } from "@conform-to/react";
import { data } from "react-router";
import { ApiError, userMessage } from "../api/api.server.ts";
import { pickMessage, type Locale } from "../i18n/i18n.ts";

/** Field path → its message in the reader's language (the first per field); `rename` maps paths to form names. */
export function localFields(
  fields: Record<string, string> | undefined,
  locale: Locale,
  rename: Record<string, string> = {},
) {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields ?? {})) {
    out[rename[key] ?? key] ??= pickMessage(message, locale);
  }
  return out;
}

/** A refused submission, 400. */
export function refused<T>(submission: Submission<T>) {
  return data(submission.reply(), { status: 400 });
}

/** An ApiError as the form's reply; `rename` maps the API's field paths to the form's field names. */
export function apiErrorReply<T>(
  submission: Submission<T>,
  error: ApiError,
  locale: Locale,
  rename: Record<string, string> = {},
) {
  const fieldErrors = Object.fromEntries(
    Object.entries(localFields(error.fields, locale, rename)).map(([field, message]) => [field, [message]]),
  );
  return data(submission.reply({ formErrors: [userMessage(error, locale)], fieldErrors }), {
    status: error.status,
  });
}

/**
 * Runs the backend call: `ok` with its value, or the form's reply to an ApiError;
 * anything else is rethrown.
 */
export async function orReply<T, R>(
  submission: Submission<T>,
  locale: Locale,
  fn: () => Promise<R>,
  rename: Record<string, string> = {},
): Promise<{ ok: true; value: R } | { ok: false; reply: ReturnType<typeof apiErrorReply> }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, reply: apiErrorReply(submission, error, locale, rename) };
    throw error;
  }
}
