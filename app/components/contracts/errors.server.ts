// The backend's functions throw ApiError (the API's error shape). The pages whose actions are not on
// conform yet turn them into a message next to the form, in the reader's language (conform actions
// use app/components/form-reply.server.ts; loaders app/components/error-page.server.ts).
import { z } from "zod";
import { ApiError, zodFields, userMessage } from "../../api/api.server.ts";
import { type Locale, pickMessage, serverT } from "../../i18n/i18n.ts";

import { isFailure, type ActionFailure } from "./failure.ts";

export { isFailure, type ActionFailure };

/** Field path → message in the reader's language; `rename` maps schema paths to form names. */
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

export function failure(locale: Locale, fields: Record<string, string>, formError?: string): ActionFailure {
  return { ok: false, formError: formError ?? serverT(locale)("contracts:common.formError"), fields };
}

export function zodFailure(error: z.ZodError, locale: Locale, rename: Record<string, string> = {}) {
  return failure(locale, localFields(zodFields(error), locale, rename));
}

/** In an action: ApiError → a failure shown by the form (400 fields, 403/404/409 messages). */
export async function orFailure<T>(
  locale: Locale,
  fn: () => Promise<T>,
  rename: Record<string, string> = {},
): Promise<T | ActionFailure> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ApiError) {
      const fields = localFields(error.fields, locale, rename);
      return failure(locale, fields, userMessage(error, locale));
    }
    if (error instanceof z.ZodError) return zodFailure(error, locale, rename);
    throw error;
  }
}
