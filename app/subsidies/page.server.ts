// What the pages show of subsidies: the contract page's section (eligibility in the reader's
// language, with who may apply) and an organization's applications. Same functions as the API.
import type { SessionUser } from "../auth/session.server.ts";
import { pickMessage } from "../i18n/i18n.ts";
import { canApplyFor, getEligibility, listApplications } from "./applications.server.ts";

/** The contract page's 奖补 section, or null when the viewer may not see it. */
export async function contractSubsidyView(contractId: string, user: SessionUser, locale: string) {
  const view = await getEligibility(contractId, user).catch(() => null);
  if (!view) return null;
  return {
    items: view.items.map((i) => ({
      programme: i.programme,
      programmeName: locale.startsWith("en") ? i.programmeName.en : i.programmeName.zh,
      mode: i.mode,
      role: i.role,
      basisFen: i.basisFen,
      rateBp: i.rateBp,
      amountFen: i.amountFen,
      cappedBy: i.cappedBy,
      eligible: i.eligible,
      applicationStatus: i.applicationStatus,
      reasons: i.reasons.map((r) => ({ code: r.code, blocking: r.blocking, text: pickMessage(r.message, locale) })),
      canApply: i.eligible && canApplyFor(user, i.orgId),
    })),
  };
}
export type ContractSubsidyView = NonNullable<Awaited<ReturnType<typeof contractSubsidyView>>>;

/** The organization's (or, for staff, everyone's) applications for "my applications". */
export async function myApplications(user: SessionUser) {
  return (await listApplications({}, user)).items;
}
