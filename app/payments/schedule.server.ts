// A contract's payment schedule (付款计划): milestones with a due date and an amount, their sum at
// most the contract amount. Confirmed money covers the milestones in due order, so each one reads
// paid, partly paid, overdue or upcoming without a link between a payment and a milestone.
import { ApiError, errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { canReadContract } from "../contracts/access.server.ts";
import { prisma } from "../db/db.server.ts";
import type { PaymentMilestone } from "../generated/prisma/client.ts";
import type { ScheduleInput } from "./schemas.ts";
import { confirmedPaidFen, contractPartiesSelect, settlementPermissions } from "./settlement-rules.server.ts";
import { dateFromDay, dayFromDate, shanghaiYearMonth } from "../domain/time.ts";

export type MilestoneState = "paid" | "partly_paid" | "overdue" | "upcoming";

function todayShanghai(now = new Date()) {
  const { year, month, day } = shanghaiYearMonth(now);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Confirmed money laid over the milestones in due order. */
export function scheduleProgress(milestones: PaymentMilestone[], confirmedFen: bigint, now = new Date()) {
  const today = todayShanghai(now);
  const ordered = [...milestones].sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime() || a.seq - b.seq);
  let left = confirmedFen;
  let scheduledFen = 0n;
  let dueFen = 0n;
  const covered = new Map<string, { coveredFen: bigint; state: MilestoneState }>();
  for (const m of ordered) {
    scheduledFen += m.amountFen;
    const due = dayFromDate(m.dueDate)! <= today;
    if (due) dueFen += m.amountFen;
    const c = left >= m.amountFen ? m.amountFen : left > 0n ? left : 0n;
    left -= c;
    const state: MilestoneState = c === m.amountFen ? "paid" : due ? "overdue" : c > 0n ? "partly_paid" : "upcoming";
    covered.set(m.id, { coveredFen: c, state });
  }
  const overdueFen = dueFen > confirmedFen ? dueFen - confirmedFen : 0n;
  return { scheduledFen, dueFen, overdueFen, covered };
}

export function scheduleJson(milestones: PaymentMilestone[], progress: ReturnType<typeof scheduleProgress>) {
  return milestones.map((m) => ({
    id: m.id,
    seq: m.seq,
    title: m.title,
    dueDate: dayFromDate(m.dueDate),
    amountFen: Number(m.amountFen),
    paidFen: Number(progress.covered.get(m.id)?.coveredFen ?? 0n),
    state: progress.covered.get(m.id)?.state ?? "upcoming",
  }));
}

async function scheduleContract(contractId: string, user: SessionUser) {
  const c = await prisma.contract.findUnique({ where: { id: contractId }, select: contractPartiesSelect });
  if (!c || !canReadContract(c, user)) throw errors.notFound("合同");
  return c;
}

export async function getSchedule(contractId: string, user: SessionUser) {
  const c = await scheduleContract(contractId, user);
  const milestones = await prisma.paymentMilestone.findMany({ where: { contractId }, orderBy: { seq: "asc" } });
  const progress = scheduleProgress(milestones, await confirmedPaidFen(contractId));
  return {
    contractId,
    contractAmountFen: Number(c.contractAmountFen),
    scheduledFen: Number(progress.scheduledFen),
    dueFen: Number(progress.dueFen),
    overdueFen: Number(progress.overdueFen),
    milestones: scheduleJson(milestones, progress),
  };
}

/** PUT /api/v1/contracts/:id/payment-schedule by either party: replaces the whole schedule. */
export async function putSchedule(contractId: string, input: ScheduleInput, user: SessionUser) {
  const c = await scheduleContract(contractId, user);
  if (!settlementPermissions(c, user).canEditSchedule) {
    if (["rejected", "cancelled"].includes(c.status))
      throw errors.conflict(`合同状态为「${c.status}」/ The contract is ${c.status}`, "invalid_state");
    throw errors.forbidden("只有合同双方可以制定付款计划 / Only the contract's parties set the payment schedule");
  }
  const sum = input.milestones.reduce((a, m) => a + BigInt(m.amountFen), 0n);
  if (sum > c.contractAmountFen) {
    throw new ApiError(
      400,
      "invalid_input",
      "付款计划合计超过合同成交额 / The schedule's total exceeds the contract amount",
      {
        milestones: `合计 ≤ ${Number(c.contractAmountFen)} / total ≤ ${Number(c.contractAmountFen)}`,
      },
    );
  }
  await prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Contract" WHERE id = ${contractId} FOR UPDATE`;
      const before = await tx.paymentMilestone.findMany({ where: { contractId }, orderBy: { seq: "asc" } });
      await tx.paymentMilestone.deleteMany({ where: { contractId } });
      await tx.paymentMilestone.createMany({
        data: input.milestones.map((m, i) => ({
          contractId,
          seq: i + 1,
          title: m.title,
          dueDate: dateFromDay(m.dueDate),
          amountFen: BigInt(m.amountFen),
        })),
      });
      const view = (rows: Array<{ title: string; dueDate: Date | string; amountFen: bigint | number }>) =>
        rows.map((m) => ({
          title: m.title,
          dueDate: typeof m.dueDate === "string" ? m.dueDate : dayFromDate(m.dueDate),
          amountFen: Number(m.amountFen),
        }));
      await recordAudit(tx, {
        entityType: "payment_schedule",
        entityId: contractId,
        action: before.length ? "update" : "create",
        actorId: user.id,
        before: before.length ? view(before) : null,
        after: view(input.milestones),
      });
    },
    { maxWait: 15_000, timeout: 30_000 },
  );
  return getSchedule(contractId, user);
}
