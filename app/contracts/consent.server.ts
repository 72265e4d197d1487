// Both parties' consent to a contract that does not come from an accepted offer or a won lot: a
// confirmation per party (buyer, seller) for the terms it saw, voided when those terms change, and
// required before the contract enters the bureau's queue. Why and the exemptions:
// docs/decisions/0018-contract-consent.md. The terms' hash is the SQL function contract_terms_hash,
// one definition for the app and the migration's backfill.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { withTransactionRetry } from "../db/retry.server.ts";
import { notifyOrganization } from "../offers/notify.server.ts";
import { EDITABLE_STATUSES, loadVisible, wrongState } from "./access.server.ts";
import { contractInclude, contractJson } from "./contract-json.server.ts";
import type { ContractStatus } from "./schemas.ts";

export const CONSENT_PARTIES = ["seller", "buyer"] as const;
export type ConsentParty = (typeof CONSENT_PARTIES)[number];

const PARTY_NAME: Record<ConsentParty, { zh: string; en: string }> = {
  seller: { zh: "卖方（技术输出方）", en: "seller" },
  buyer: { zh: "买方（技术输入方）", en: "buyer" },
};

type ConsentSubject = { offerId: string | null; auctionId: string | null; imported: boolean };

/**
 * Consent came with the contract from an accepted offer or a won lot; imported registrations are
 * the bureau's record of paper contracts. Everything else needs both parties' confirmation.
 */
export function needsConsent(c: ConsentSubject) {
  return !c.offerId && !c.auctionId && !c.imported;
}

type Parties = { sellerOrgId: string; buyerOrgId: string };

/** The parties (seller, buyer) the user's organization is on this contract. */
export function partiesOf(c: Parties, user: Pick<SessionUser, "organizationId">): ConsentParty[] {
  const org = user.organizationId;
  if (!org) return [];
  return CONSENT_PARTIES.filter((p) => (p === "seller" ? c.sellerOrgId : c.buyerOrgId) === org);
}

type Recorded = {
  party: string;
  orgId: string;
  userId: string | null;
  version: number;
  termsHash: string;
  confirmedAt: Date;
};

/**
 * Records the confirmation of `parties` by `userId` for the contract's current terms; a party that
 * already confirmed these terms keeps its first confirmation. Returns the rows newly written.
 */
export async function recordConfirmations(tx: Tx, contractId: string, parties: ConsentParty[], userId: string | null) {
  if (parties.length === 0) return [];
  return tx.$queryRaw<Recorded[]>`
    INSERT INTO "ContractConfirmation" ("id", "contractId", "party", "orgId", "userId", "version", "termsHash")
    SELECT gen_random_uuid()::text, c.id, p.party,
           CASE p.party WHEN 'seller' THEN c."sellerOrgId" ELSE c."buyerOrgId" END,
           ${userId}, c.version, contract_terms_hash(c)
    FROM "Contract" c, unnest(${parties}::text[]) AS p(party)
    WHERE c.id = ${contractId}
    ON CONFLICT ("contractId", "party") DO UPDATE
      SET "orgId" = EXCLUDED."orgId", "userId" = EXCLUDED."userId", "version" = EXCLUDED."version",
          "termsHash" = EXCLUDED."termsHash", "confirmedAt" = now()
      WHERE "ContractConfirmation"."termsHash" <> EXCLUDED."termsHash"
         OR "ContractConfirmation"."orgId" <> EXCLUDED."orgId"
    RETURNING "party", "orgId", "userId", "version", "termsHash", "confirmedAt"`;
}

/** Deletes the confirmations the current terms no longer match; returns what was voided. */
export async function voidStaleConfirmations(tx: Tx, contractId: string) {
  return tx.$queryRaw<Recorded[]>`
    DELETE FROM "ContractConfirmation" k USING "Contract" c
    WHERE k."contractId" = ${contractId} AND c.id = k."contractId"
      AND (k."termsHash" <> contract_terms_hash(c)
           OR k."orgId" <> CASE k.party WHEN 'seller' THEN c."sellerOrgId" ELSE c."buyerOrgId" END)
    RETURNING k."party", k."orgId", k."userId", k."version", k."termsHash", k."confirmedAt"`;
}

/** The parties whose confirmation of the current terms is missing. */
export async function missingParties(tx: Tx, contractId: string): Promise<ConsentParty[]> {
  const rows = await tx.$queryRaw<Array<{ party: string }>>`
    SELECT k.party FROM "ContractConfirmation" k JOIN "Contract" c ON c.id = k."contractId"
    WHERE k."contractId" = ${contractId} AND k."termsHash" = contract_terms_hash(c)
      AND k."orgId" = CASE k.party WHEN 'seller' THEN c."sellerOrgId" ELSE c."buyerOrgId" END`;
  const confirmed = new Set(rows.map((r) => r.party));
  return CONSENT_PARTIES.filter((p) => !confirmed.has(p));
}

export function consentRequired(missing: ConsentParty[], names: Record<ConsentParty, string>) {
  const zh = missing.map((p) => `${PARTY_NAME[p].zh}「${names[p]}」`).join("、");
  const en = missing.map((p) => `the ${PARTY_NAME[p].en} (${names[p]})`).join(" and ");
  return errors.conflict(
    `${zh}尚未确认合同内容，双方确认后才能提交登记 / ${en} has not confirmed the contract yet: both parties confirm before it is submitted`,
    "consent_required",
  );
}

/**
 * Tells the parties in `parties` (other than the acting user's organization) that the contract
 * awaits their confirmation.
 */
export async function askForConfirmation(
  tx: Tx,
  c: { id: string; title: string; sellerOrgId: string; buyerOrgId: string },
  parties: ConsentParty[],
  actor: Pick<SessionUser, "id" | "organizationId">,
  reason: "entered" | "changed",
) {
  for (const party of parties) {
    const orgId = party === "seller" ? c.sellerOrgId : c.buyerOrgId;
    if (orgId === actor.organizationId) continue;
    await notifyOrganization(
      tx,
      orgId,
      {
        kind: "contract.confirm_requested",
        title: { zh: `技术合同待您确认：${c.title}`, en: `A technology contract awaits your confirmation: ${c.title}` },
        body:
          reason === "entered"
            ? {
                zh: `该合同将贵单位列为${PARTY_NAME[party].zh}。请核对合同内容并确认；双方确认后才能提交登记。`,
                en: `The contract names your organization as the ${PARTY_NAME[party].en}. Check its terms and confirm: it can be submitted for registration only once both parties have.`,
              }
            : {
                zh: "合同内容已修改，贵单位此前的确认失效，请核对修改后的内容并重新确认。",
                en: "The contract's terms changed: your earlier confirmation no longer counts. Check the new terms and confirm again.",
              },
        link: `/contracts/${c.id}`,
      },
      { excludeUserId: actor.id },
    );
  }
}

/**
 * POST /api/v1/contracts/:id/confirm: a member of the buyer or seller organization confirms the
 * current terms for their side. Confirming again is a no-op with the same answer.
 */
export async function confirmContract(id: string, user: SessionUser) {
  const c = await loadVisible(id, user);
  const parties = partiesOf(c, user);
  if (parties.length === 0 || !can(user, "confirm:contract:own")) {
    throw errors.forbidden(
      "只有买方或卖方单位的成员可以确认合同 / Only a member of the buyer or the seller organization can confirm the contract",
    );
  }
  if (!EDITABLE_STATUSES.includes(c.status as ContractStatus))
    throw wrongState(c.status, { zh: "确认", en: "confirmed" });
  const after = await withTransactionRetry(() =>
    prisma.$transaction(
      async (tx) => {
        // the row lock orders this confirmation against a concurrent edit or submission
        const locked = await tx.$queryRaw<
          Array<{ status: string }>
        >`SELECT status FROM "Contract" WHERE id = ${id} FOR UPDATE`;
        const status = locked[0]?.status ?? "gone";
        if (!EDITABLE_STATUSES.includes(status as ContractStatus))
          throw wrongState(status, { zh: "确认", en: "confirmed" });
        const recorded = await recordConfirmations(tx, id, parties, user.id);
        for (const row of recorded) {
          await recordAudit(tx, {
            entityType: "contract",
            entityId: id,
            action: "confirm",
            actorId: user.id,
            before: null,
            after: row,
          });
        }
        return tx.contract.findUniqueOrThrow({ where: { id }, include: contractInclude });
      },
      { maxWait: 15_000, timeout: 30_000 },
    ),
  );
  return contractJson(after);
}

/** Who confirmed what, for the contract page and the bureau's review (both parties, in order). */
export function consentStatus(
  c: ConsentSubject & Parties & { status: string; confirmations: Array<{ party: string }> },
  user: SessionUser,
) {
  const required = needsConsent(c);
  const confirmed = new Set(c.confirmations.map((k) => k.party));
  const missing = required ? CONSENT_PARTIES.filter((p) => !confirmed.has(p)) : [];
  const mine = partiesOf(c, user);
  return {
    required,
    missing,
    canConfirm:
      EDITABLE_STATUSES.includes(c.status as ContractStatus) &&
      can(user, "confirm:contract:own") &&
      mine.some((p) => !confirmed.has(p)),
  };
}
