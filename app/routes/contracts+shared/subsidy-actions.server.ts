// The contract page's subsidy form → app/subsidies (the same schema and function as the API).
// Returns null for an intent that is not about subsidies.
import { redirect } from "react-router";
import type { SessionUser } from "../../auth/session.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { orFailure, zodFailure } from "../../components/contracts/errors.server.ts";
import { isFailure } from "../../components/contracts/failure.ts";
import { text } from "../../components/contracts/form-data.server.ts";
import { applyForSubsidy } from "../../subsidies/applications.server.ts";
import { applicationCreateSchema } from "../../subsidies/schemas.ts";

export const SUBSIDY_DONE = ["applied"] as const;

export async function subsidyAction(
  intent: string,
  form: FormData,
  contractId: string,
  user: SessionUser,
  locale: Locale,
) {
  if (intent !== "applySubsidy") return null;
  const parsed = applicationCreateSchema.safeParse({
    contractId,
    programme: text(form, "programme"),
    role: text(form, "role"),
  });
  if (!parsed.success) return zodFailure(parsed.error, locale);
  const r = await orFailure(locale, () => applyForSubsidy(parsed.data, user));
  return isFailure(r) ? r : redirect(`/contracts/${contractId}?subsidy=applied#subsidies`);
}
