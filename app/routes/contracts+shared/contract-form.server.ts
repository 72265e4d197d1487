// Form data of the contract form → the shape of the backend's zod schemas, and the options of its
// organization pickers.
import { prisma } from "../../db/db.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { money, optional, percentBp } from "../../components/contracts/form-data.server.ts";
import type { OrgOption } from "../../components/org-picker.tsx";

/** Schema paths → form field names, for showing the server's field errors. */
export const CONTRACT_FIELD_NAMES: Record<string, string> = {
  contractAmountFen: "contractAmount",
  nonTechnicalCostsFen: "nonTechnicalCosts",
  commission: "commissionRate",
  "commission.rateBp": "commissionRate",
  "commission.amountFen": "commissionAmount",
};

export function readContractForm(
  form: FormData,
  locale: Locale,
  opts: { fromOffer?: boolean; includeParties?: boolean } = {},
) {
  const amount = money(form, "contractAmount", locale, { required: !opts.fromOffer });
  const costs = money(form, "nonTechnicalCosts", locale, { required: !opts.fromOffer });
  // 佣金: a rate or a fixed amount (both given → the schema refuses it, naming commissionAmount)
  const rate = percentBp(form, "commissionRate", locale);
  const fixed = money(form, "commissionAmount", locale);
  const commission =
    rate.bp === null && fixed.fen === null
      ? null
      : {
          ...(rate.bp !== null ? { rateBp: rate.bp } : {}),
          ...(fixed.fen !== null ? { amountFen: fixed.fen } : {}),
        };
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
    commission,
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
  if (rate.error) moneyErrors.commissionRate = rate.error;
  if (fixed.error) moneyErrors.commissionAmount = fixed.error;
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
