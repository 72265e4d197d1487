// Form data of the contract form → the shape of the backend's zod schemas, and the options of its
// organization pickers.
import { prisma } from "../../db/db.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { money, optional } from "../../components/contracts/form-data.server.ts";
import type { OrgOption } from "./org-picker.tsx";

/** Schema paths → form field names, for showing the server's field errors. */
export const CONTRACT_FIELD_NAMES: Record<string, string> = {
  contractAmountFen: "contractAmount",
  nonTechnicalCostsFen: "nonTechnicalCosts",
};

export function readContractForm(
  form: FormData,
  locale: Locale,
  opts: { fromOffer?: boolean; includeParties?: boolean } = {},
) {
  const amount = money(form, "contractAmount", locale, { required: !opts.fromOffer });
  const costs = money(form, "nonTechnicalCosts", locale, { required: !opts.fromOffer });
  const input: Record<string, unknown> = {
    type: optional(form, "type"),
    subtype: optional(form, "subtype") ?? null,
    title: optional(form, "title"),
    brokerOrgId: optional(form, "brokerOrgId") ?? null,
    contractAmountFen: amount.fen ?? undefined,
    nonTechnicalCostsFen: costs.fen ?? undefined,
    signedAt: optional(form, "signedAt"),
    validUntil: optional(form, "validUntil") ?? null,
    ipType: optional(form, "ipType") ?? null,
    field: optional(form, "field") ?? null,
  };
  if (opts.includeParties !== false) {
    input.sellerOrgId = optional(form, "sellerOrgId");
    input.buyerOrgId = optional(form, "buyerOrgId");
  }
  const offerId = optional(form, "offerId");
  if (offerId) input.offerId = offerId;
  const moneyErrors: Record<string, string> = {};
  if (amount.error) moneyErrors.contractAmount = amount.error;
  if (costs.error) moneyErrors.nonTechnicalCosts = costs.error;
  return { input, moneyErrors };
}

/**
 * The organizations for the pickers. A read of names only (no business rule): the organizations
 * module has a paged search but no "all options" function.
 */
export async function organizationOptions(): Promise<OrgOption[]> {
  return prisma.organization.findMany({
    select: { id: true, name: true, kind: true, regionCode: true },
    orderBy: [{ name: "asc" }],
    take: 5000,
  });
}
