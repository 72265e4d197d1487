// The contract page's subsidy form → app/subsidies (the same schema and function as the API),
// parsed by the page's schema (page-schema.ts). Returns null for an intent that is not about subsidies.
import { redirect } from "react-router";
import type { SessionUser } from "../../auth/session.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { orReply } from "../../components/form-reply.server.ts";
import { applyForSubsidy } from "../../subsidies/applications.server.ts";
import { applicationCreateSchema } from "../../subsidies/schemas.ts";
import type { ContractPageSubmission } from "./page-schema.ts";

export const SUBSIDY_DONE = ["applied"] as const;

export async function subsidyAction(
  submission: ContractPageSubmission,
  contractId: string,
  user: SessionUser,
  locale: Locale,
) {
  const v = submission.value;
  if (v.intent !== "applySubsidy") return null;
  const r = await orReply(submission, locale, () =>
    applyForSubsidy(applicationCreateSchema.parse({ contractId, programme: v.programme, role: v.role }), user),
  );
  return r.ok ? redirect(`/contracts/${contractId}?subsidy=applied#subsidies`) : r.reply;
}
