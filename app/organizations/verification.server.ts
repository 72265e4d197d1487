// "An unverified organization has drafts only" (README, docs/decisions/0019-organization-trust.md):
// until the bureau verifies it, its members keep drafts but cannot put anything in front of others
// or the bureau: submit or publish listings, send offers, proposals or counter-offers, accept an
// offer, submit a contract or a lot for review, register for bidding, or file a broker's lead.
// Every one of those calls this one check.
import { ApiError, errors } from "../api/api.server.ts";
import type { prisma, Tx } from "../db/db.server.ts";

export const UNVERIFIED_CODE = "organization_unverified";

export const UNVERIFIED_MESSAGE =
  "所属机构尚未通过科技局认证：认证前只能保存草稿，不能提交审核、发布、报价或提交方案。请核对机构资料（名称、统一社会信用代码、地区），等待科技局认证，或联系科技局加快审核 / Your organization is not verified by the bureau yet: until then you can keep drafts, but you cannot submit for review, publish, make offers or send proposals. Check your organization's details (name, credit code, region) and wait for the bureau to verify it, or contact the bureau";

export function unverifiedOrganization() {
  return new ApiError(403, UNVERIFIED_CODE, UNVERIFIED_MESSAGE);
}

/** 403 organization_unverified unless the organization is verified (404 when it does not exist). */
export async function assertOrganizationVerified(db: Tx | typeof prisma, organizationId: string) {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { verifiedAt: true } });
  if (!org) throw errors.notFound("机构");
  if (!org.verifiedAt) throw unverifiedOrganization();
}
