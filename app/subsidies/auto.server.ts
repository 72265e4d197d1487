// 免申即享 and clawback. A programme in `auto` mode needs no application: once a payment is
// confirmed (after that transaction commits, so a subsidy problem can never undo a payment) the
// platform files the application itself, and a later payment raises a still-pending one. A
// background sweep does the same for payments confirmed elsewhere (card webhooks) or missed by a
// crash. Clawback on amendment or cancellation: clawback.server.ts. docs/decisions/0021-subsidies.md.
import { recordAudit } from "../audit/audit.server.ts";
import { prisma } from "../db/db.server.ts";
import { contractEligibility, contractFactsSelect } from "./eligibility.server.ts";
import { insertApplication } from "./applications.server.ts";

/** Files or refreshes the 免申即享 applications of one contract. Returns how many it created or raised. */
export async function autoApplyForContract(contractId: string) {
  const c = await prisma.contract.findUnique({ where: { id: contractId }, select: contractFactsSelect });
  if (!c || c.status !== "registered") return 0;
  const items = (await contractEligibility(c)).filter((i) => i.mode === "auto");
  let changed = 0;
  for (const item of items) {
    if (item.eligible) {
      try {
        await prisma.$transaction((tx) => insertApplication(tx, c, item, { userId: null, auto: true }));
        changed += 1;
      } catch (error) {
        // another process filed it a moment ago: nothing to do
        if ((error as { code?: string }).code !== "already_applied") throw error;
      }
      continue;
    }
    // only "already applied" stands in the way: raise a pending automatic application to the new amount
    const blocking = item.reasons.filter((r) => r.blocking).map((r) => r.code);
    if (!item.applicationId || blocking.some((code) => code !== "already_applied") || item.amountFen === 0n) continue;
    changed += await prisma.$transaction(async (tx) => {
      const raised = await tx.subsidyApplication.updateMany({
        where: { id: item.applicationId!, status: "pending", auto: true, amountFen: { lt: item.amountFen } },
        data: { basisFen: item.basisFen, amountFen: item.amountFen, cappedBy: item.cappedBy },
      });
      if (raised.count === 0) return 0;
      const after = await tx.subsidyApplication.findUniqueOrThrow({ where: { id: item.applicationId! } });
      await recordAudit(tx, {
        entityType: "subsidy_application",
        entityId: after.id,
        action: "auto_recompute",
        after: { basisFen: after.basisFen, amountFen: after.amountFen, cappedBy: after.cappedBy },
      });
      return 1;
    });
  }
  return changed;
}

/**
 * After a payment's confirmation committed: never throws, so the confirmation's answer stands.
 * A failure is logged and the sweep files the application later.
 */
export async function autoApplyQuietly(contractId: string) {
  try {
    return await autoApplyForContract(contractId);
  } catch (error) {
    console.warn(`subsidies: 免申即享 for contract ${contractId} deferred to the sweep: ${String(error)}`);
    return 0;
  }
}

/** The sweep: contracts with a payment confirmed in the last `days` days, under an auto programme. */
export async function sweepAutoApplications(opts: { days?: number; now?: Date } = {}) {
  const anyAuto = await prisma.subsidyProgramme.findFirst({ where: { mode: "auto" }, select: { id: true } });
  if (!anyAuto) return 0;
  const since = new Date((opts.now ?? new Date()).getTime() - (opts.days ?? 2) * 86_400_000);
  const rows = await prisma.contractPayment.findMany({
    where: { status: "confirmed", confirmedAt: { gte: since }, contract: { status: "registered" } },
    select: { contractId: true },
    distinct: ["contractId"],
    take: 2_000,
  });
  let changed = 0;
  for (const r of rows) changed += await autoApplyForContract(r.contractId);
  return changed;
}
