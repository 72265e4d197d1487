// "An unverified organization has drafts only" (README, docs/decisions/0019-organization-trust.md):
// until the bureau verifies it, its members keep drafts but cannot put anything in front of others
// or the bureau: submit or publish listings, send offers, proposals or counter-offers, accept an
// offer, submit a contract or a lot for review, register for bidding, or file a broker's lead.
// Every one of those calls this one check.
import { ApiError, errors } from "../api/api.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";

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

type Party = { name: string; verifiedAt: Date | null };
const PARTY_NAMES = {
  seller: { zh: "卖方（技术输出方）", en: "seller" },
  buyer: { zh: "买方（技术受让方）", en: "buyer" },
};

/**
 * A contract goes to the bureau only between verified organizations: 403 organization_unverified
 * naming each unverified party (fields sellerOrgId / buyerOrgId), whoever submits or registers it.
 * Historical imports are exempt: they record what the provincial system already registered
 * (docs/decisions/0019-organization-trust.md).
 */
export function assertContractPartiesVerified(parties: { seller: Party; buyer: Party }) {
  const unverified = (["seller", "buyer"] as const).filter((p) => !parties[p].verifiedAt);
  if (!unverified.length) return;
  const describe = (p: "seller" | "buyer", lang: "zh" | "en") =>
    lang === "zh" ? `${PARTY_NAMES[p].zh}「${parties[p].name}」` : `the ${PARTY_NAMES[p].en} “${parties[p].name}”`;
  const zh = unverified.map((p) => describe(p, "zh")).join("、");
  const en = unverified.map((p) => describe(p, "en")).join(" and ");
  throw new ApiError(
    403,
    UNVERIFIED_CODE,
    `${zh}尚未通过科技局认证，合同不能提交登记。请该机构核对资料并等待科技局认证，或联系科技局 / ${en[0]!.toUpperCase()}${en.slice(1)} ${unverified.length > 1 ? "are" : "is"} not verified by the bureau yet, so the contract cannot be submitted for registration. The organization should check its details and wait for the bureau to verify it, or contact the bureau`,
    Object.fromEntries(
      unverified.map((p) => [
        `${p}OrgId`,
        `${PARTY_NAMES[p].zh}「${parties[p].name}」尚未认证 / The ${PARTY_NAMES[p].en} “${parties[p].name}” is not verified`,
      ]),
    ),
  );
}

// ------------------------------------------------------------------ the bureau's queue

const ORGS_TO_VERIFY = 50;

/** Organizations waiting for the bureau's verification (oldest first), and how many there are. */
export async function organizationsToVerify() {
  const [orgs, count] = await Promise.all([
    prisma.organization.findMany({
      where: { verifiedAt: null },
      orderBy: { createdAt: "asc" },
      take: ORGS_TO_VERIFY,
      select: {
        id: true,
        name: true,
        kind: true,
        creditCode: true,
        regionCode: true,
        zone: true,
        createdAt: true,
        _count: { select: { users: true } },
      },
    }),
    prisma.organization.count({ where: { verifiedAt: null } }),
  ]);
  return {
    count,
    items: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      creditCode: o.creditCode,
      regionCode: o.regionCode,
      zone: o.zone,
      createdAt: o.createdAt.toISOString(),
      users: o._count.users,
    })),
  };
}
