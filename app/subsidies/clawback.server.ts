// Clawback: a contract changed after the bureau approved its subsidies (an amendment or a
// cancellation of its registration). Runs inside the contract's own transaction, so the contract
// never changes without its applications being flagged. Only the database and the audit trail:
// app/contracts imports it. docs/decisions/0021-subsidies.md.
import { recordAudit } from "../audit/audit.server.ts";
import type { Tx } from "../db/db.server.ts";

/**
 * Clawback: the contract changed after the bureau approved its subsidies. Approved and disbursed
 * applications go to `review_required` with the reason; the bureau then confirms them (they return
 * to what they were) or rejects them (money paid out is to be recovered).
 */
export async function flagSubsidiesForReview(
  tx: Tx,
  contractId: string,
  reason: { kind: "amend" | "cancel"; text: string },
  actorId: string | null,
) {
  const apps = await tx.subsidyApplication.findMany({
    where: { contractId, status: { in: ["approved", "disbursed"] } },
  });
  const why =
    reason.kind === "amend"
      ? `合同登记已变更：${reason.text} / The contract registration was amended: ${reason.text}`
      : `合同登记已注销：${reason.text} / The contract registration was cancelled: ${reason.text}`;
  for (const a of apps) {
    const after = await tx.subsidyApplication.update({
      where: { id: a.id },
      data: { status: "review_required", statusBeforeReview: a.status, reviewReason: why, reviewFlaggedAt: new Date() },
    });
    await recordAudit(tx, {
      entityType: "subsidy_application",
      entityId: a.id,
      action: "flag_review",
      actorId,
      before: { status: a.status },
      after: { status: after.status, reviewReason: why, statusBeforeReview: a.status },
    });
  }
  return apps.length;
}
