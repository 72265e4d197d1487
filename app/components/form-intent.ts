// Which button submitted a form with several (save / submit / withdraw…), read with conform like
// every other field: actions parse forms with conform and zod only, never FormData by hand.
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";

/**
 * The form's `intent`: one of `intents`, `fallback` when the form sent none (a form submitted
 * with Enter, or a single-button form), null when it sent an unknown one.
 */
export function formIntent<const T extends readonly [string, ...string[]]>(
  formData: FormData,
  intents: T,
  fallback?: T[number],
): T[number] | null {
  const submission = parseWithZod(formData, { schema: z.object({ intent: z.enum(intents).optional() }) });
  if (submission.status !== "success") return null;
  return submission.value.intent ?? fallback ?? null;
}

/** One id field of a form, read with conform; "" or missing is null. */
export function formId(formData: FormData, name: string): string | null {
  const submission = parseWithZod(formData, {
    schema: z.object({ [name]: z.string().trim().max(100).optional() }),
  });
  if (submission.status !== "success") return null;
  const value = (submission.value as Record<string, string | undefined>)[name];
  return value || null;
}
