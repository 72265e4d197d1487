// The bureau decides subsidy applications and records disbursements. Approvals hold the annual
// caps and the budget under concurrency: each approval locks its programme's row first, so
// approvals of one programme run one after another and each sees every earlier commitment; the
// one that would pass a cap gets a 409 and changes nothing. docs/decisions/0021-subsidies.md.
import { ApiError, errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { withTransactionRetry } from "../db/retry.server.ts";
import { exactSum, formatFenExact } from "../domain/money.ts";
import type { SubsidyApplication } from "../generated/prisma/client.ts";
import { notifyOrganization } from "../offers/notify.server.ts";
import { applicationAudit, applicationJson, visibleApplication } from "./applications.server.ts";
import { COMMITTED_STATUSES, type DecideInput, type DisburseInput } from "./schemas.ts";

const txOptions = { maxWait: 15_000, timeout: 30_000 };

function invalidState(status: string, action: { zh: string; en: string }) {
  return errors.conflict(
    `该申请当前状态为「${status}」，不能${action.zh} / The application is ${status}: it cannot be ${action.en}`,
    "invalid_state",
  );
}

/** Money already committed in the programme: for the organization and role, and in total. */
async function committed(tx: Tx, a: SubsidyApplication) {
  const rows = await tx.$queryRaw<Array<{ annual: unknown; budget: unknown }>>`
    SELECT coalesce(sum("amountFen") FILTER (WHERE "orgId" = ${a.orgId} AND role = ${a.role}), 0) AS annual,
           coalesce(sum("amountFen"), 0) AS budget
    FROM "SubsidyApplication"
    WHERE "programmeId" = ${a.programmeId} AND status = ANY(${COMMITTED_STATUSES}::text[]) AND id <> ${a.id}`;
  return { annual: exactSum(rows[0]?.annual), budget: exactSum(rows[0]?.budget) };
}

/** Refuses an approval the contract no longer supports (cancelled, an open related-party flag). */
async function assertStillEligible(tx: Tx, a: SubsidyApplication) {
  const c = await tx.contract.findUniqueOrThrow({ where: { id: a.contractId }, select: { status: true } });
  if (c.status !== "registered")
    throw errors.conflict(
      `合同状态为「${c.status}」，不能批准奖补 / The contract is ${c.status}: the subsidy cannot be approved`,
      "not_eligible",
    );
  const flag = await tx.anomalyFlag.findFirst({
    where: { contractId: a.contractId, kind: "related_parties", resolvedAt: null },
    select: { id: true },
  });
  if (flag)
    throw errors.conflict(
      "关联交易异常尚未处理，不能批准奖补 / An unresolved related-party anomaly blocks the subsidy",
      "related_party_open",
    );
}

async function approve(tx: Tx, a: SubsidyApplication) {
  const [programme] = await tx.$queryRaw<Array<{ budgetFen: unknown }>>`
    SELECT "budgetFen" FROM "SubsidyProgramme" WHERE id = ${a.programmeId} FOR UPDATE`;
  const rule = await tx.subsidyRule.findUnique({
    where: { programmeId_role: { programmeId: a.programmeId, role: a.role } },
  });
  const held = await committed(tx, a);
  const cap = rule?.capPerOrgYearFen ?? null;
  if (cap !== null && held.annual + a.amountFen > cap)
    throw new ApiError(
      409,
      "annual_cap_exceeded",
      `批准后本单位年度奖补将超过上限 ${formatFenExact(cap)}（已批准 ${formatFenExact(held.annual)}） / Approving would pass the organization's annual cap of ${formatFenExact(cap)} (${formatFenExact(held.annual)} already approved)`,
    );
  const budget = exactSum(programme?.budgetFen);
  if (held.budget + a.amountFen > budget)
    throw new ApiError(
      409,
      "budget_exceeded",
      `批准后项目预算将超支（预算 ${formatFenExact(budget)}，已批准 ${formatFenExact(held.budget)}） / Approving would pass the programme's budget of ${formatFenExact(budget)} (${formatFenExact(held.budget)} already approved)`,
    );
}

/** POST /api/v1/subsidies/applications/:id/decide (bureau): approve, or reject with a note. */
export async function decideApplication(id: string, input: DecideInput, user: SessionUser) {
  await visibleApplication(id, user);
  const target = input.decision === "approve" ? "approved" : "rejected";
  // a deadlock with a contract's clawback (which locks the applications, then the audit chain) is retried
  return withTransactionRetry(() =>
    prisma.$transaction(async (tx) => {
      // the programme lock first (approve), then the application's: one order for every approval
      const current = await tx.subsidyApplication.findUniqueOrThrow({ where: { id } });
      if (current.status === target) return { application: applicationJson(current), changed: false };
      if (input.decision === "approve") await approve(tx, current);
      const [locked] = await tx.$queryRaw<Array<{ status: string; statusBeforeReview: string | null }>>`
      SELECT status, "statusBeforeReview" FROM "SubsidyApplication" WHERE id = ${id} FOR UPDATE`;
      const status = locked!.status;
      // a repeated click answers the decision already taken
      if (status === target || (target === "approved" && status === "disbursed" && !locked!.statusBeforeReview))
        return { application: applicationJson(current), changed: false };
      let next: string = target;
      if (status === "review_required") {
        // after an amendment or cancellation: approve keeps what was decided (and paid) before
        if (target === "approved") next = locked!.statusBeforeReview ?? "approved";
      } else if (status !== "pending") throw invalidState(status, { zh: "审核", en: "decided" });
      if (target === "approved") await assertStillEligible(tx, current);
      const after = await tx.subsidyApplication.update({
        where: { id },
        data: {
          status: next,
          decidedAt: new Date(),
          decidedById: user.id,
          decisionNote: input.note ?? null,
          statusBeforeReview: null,
        },
      });
      await recordAudit(tx, {
        entityType: "subsidy_application",
        entityId: id,
        action: status === "review_required" ? `review_${input.decision}` : input.decision,
        actorId: user.id,
        before: { status, decisionNote: current.decisionNote },
        after: { status: next, decisionNote: after.decisionNote, amountFen: after.amountFen },
      });
      await notifyOrganization(tx, after.orgId, {
        kind: `subsidy_${target}`,
        title:
          target === "approved"
            ? {
                zh: `奖补申请已批准：${formatFenExact(after.amountFen)}`,
                en: `Subsidy approved: ${formatFenExact(after.amountFen, "en")}`,
              }
            : { zh: "奖补申请未获批准", en: "Subsidy application rejected" },
        body: { zh: input.note ?? "", en: input.note ?? "" },
        link: `/contracts/${after.contractId}#subsidies`,
      });
      return { application: applicationJson(after), changed: true };
    }, txOptions),
  );
}

/** POST /api/v1/subsidies/applications/:id/disburse (bureau): once, for an approved application. */
export async function disburseApplication(id: string, input: DisburseInput, user: SessionUser) {
  await visibleApplication(id, user);
  return prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ status: string }>>`
      SELECT status FROM "SubsidyApplication" WHERE id = ${id} FOR UPDATE`;
    const current = await tx.subsidyApplication.findUniqueOrThrow({ where: { id } });
    if (locked!.status === "disbursed") {
      if (current.bankReference === input.bankReference)
        return { application: applicationJson(current), changed: false };
      throw errors.conflict("该申请已拨付 / The subsidy has already been disbursed", "already_disbursed");
    }
    if (locked!.status !== "approved") throw invalidState(locked!.status, { zh: "拨付", en: "disbursed" });
    const after = await tx.subsidyApplication.update({
      where: { id },
      data: {
        status: "disbursed",
        disbursedAt: input.paidAt,
        disbursedById: user.id,
        bankReference: input.bankReference,
      },
    });
    await recordAudit(tx, {
      entityType: "subsidy_application",
      entityId: id,
      action: "disburse",
      actorId: user.id,
      before: { status: current.status },
      after: {
        status: after.status,
        disbursedAt: after.disbursedAt,
        bankReference: after.bankReference,
        amountFen: after.amountFen,
      },
    });
    await notifyOrganization(tx, after.orgId, {
      kind: "subsidy_disbursed",
      title: {
        zh: `奖补已拨付：${formatFenExact(after.amountFen)}`,
        en: `Subsidy disbursed: ${formatFenExact(after.amountFen, "en")}`,
      },
      body: { zh: `银行流水号 ${input.bankReference}`, en: `Bank reference ${input.bankReference}` },
      link: `/contracts/${after.contractId}#subsidies`,
    });
    return { application: applicationJson(after), changed: true };
  }, txOptions);
}

export { applicationAudit };
