// What both the schedule and the settlement need from a contract's payments: who may do what, and
// the money confirmed so far. Its own module so schedule.server.ts and settlement.server.ts (which
// shows the schedule) both build on it without importing each other.
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { contractSides } from "../contracts/access.server.ts";
import { prisma } from "../db/db.server.ts";
import { exactSum } from "../domain/money.ts";

/** Contracts that cannot be paid under: not yet agreed (a draft may still be deleted), or void. */
export const CLOSED = ["draft", "rejected", "cancelled"];

export type ContractParties = {
  id: string;
  status: string;
  sellerOrgId: string;
  buyerOrgId: string;
  brokerOrgId: string | null;
  createdById: string | null;
  contractAmountFen: bigint;
  title: string;
};

/** The columns of ContractParties, for loading a contract before its payments or schedule. */
export const contractPartiesSelect = {
  id: true,
  status: true,
  sellerOrgId: true,
  buyerOrgId: true,
  brokerOrgId: true,
  createdById: true,
  contractAmountFen: true,
  title: true,
} as const satisfies Record<keyof ContractParties, true>;

/** What the viewer may do with the contract's payments. */
export function settlementPermissions(c: ContractParties, user: SessionUser) {
  const side = contractSides(c, user);
  const open = !CLOSED.includes(c.status);
  return {
    canRecord: open && side.buyer && can(user, "record:payment:own"),
    canConfirm: side.seller && can(user, "confirm:payment:own"),
    canDispute: (side.buyer && can(user, "record:payment:own")) || (side.seller && can(user, "confirm:payment:own")),
    canEditSchedule:
      open && (side.buyer || side.seller) && (can(user, "record:payment:own") || can(user, "confirm:payment:own")),
  };
}

/**
 * The money paid on the platform under a contract: confirmed payments net of refunds, confirmed at
 * or before `upTo` when given. The subsidy basis (奖补: "signed and paid on the platform").
 */
export async function confirmedPaidFen(contractId: string, opts: { upTo?: Date } = {}): Promise<bigint> {
  const rows = await prisma.$queryRaw<Array<{ paid: unknown }>>`
    SELECT sum("amountFen" - "refundedFen") AS paid FROM "ContractPayment"
    WHERE "contractId" = ${contractId} AND status = 'confirmed'
      AND (${opts.upTo ?? null}::timestamp IS NULL OR "confirmedAt" <= ${opts.upTo ?? null}::timestamp)`;
  return exactSum(rows[0]?.paid);
}
