// Demo subsidies (奖补), seeded after the demo deal flow and settlement: this year's registered
// contracts with a Jiangxi buyer get a confirmed bank payment (if they have none), the Ganzhou
// programme's 免申即享 applications follow by themselves, and the Jiangxi programme's applications
// show every state the bureau handles: disbursed, approved, rejected with a note, pending. The
// decisions go through the backend's own functions with the demo bureau account. Resumable: the
// marker is written last, and every step skips what already exists.
import { randomUUID } from "node:crypto";
import { recordAudit } from "../app/audit/audit.server.ts";
import { prisma } from "../app/db/db.server.ts";
import { demoUser } from "./deal-context.server.ts";
import { currentShanghaiYear, shanghaiYearMonth } from "../app/domain/time.ts";
import { insertApplication } from "../app/subsidies/applications.server.ts";
import { autoApplyForContract } from "../app/subsidies/auto.server.ts";
import { decideApplication, disburseApplication } from "../app/subsidies/decisions.server.ts";
import { contractFactsSelect, eligibilityFor } from "../app/subsidies/eligibility.server.ts";
import { ensureSubsidyProgrammes } from "../app/subsidies/programmes.server.ts";

export const DEMO_SUBSIDIES_MARKER_KEY = "demo_subsidies_seeded";
const DAY = 86_400_000;

/** A bank payment the seller confirmed, for a demo contract without payments (audited as seed). */
async function demoPayment(c: {
  id: string;
  buyerOrgId: string;
  sellerOrgId: string;
  techTransactionAmountFen: bigint;
}) {
  if (await prisma.contractPayment.count({ where: { contractId: c.id } })) return;
  const now = new Date(Date.now() - 3 * DAY);
  await prisma.$transaction(async (tx) => {
    const payment = await tx.contractPayment.create({
      data: {
        id: randomUUID(),
        contractId: c.id,
        method: "bank_transfer",
        amountFen: c.techTransactionAmountFen,
        paidAt: now,
        reference: `DEMO-SUBSIDY-${c.id.slice(-8).toUpperCase()}`,
        status: "confirmed",
        payerOrgId: c.buyerOrgId,
        payeeOrgId: c.sellerOrgId,
        confirmedAt: now,
        confirmedYear: shanghaiYearMonth(now).year,
      },
    });
    await recordAudit(tx, { entityType: "payment", entityId: payment.id, action: "seed", after: payment });
  });
}

export async function seedDemoSubsidiesOnce({ log }: { log: (m: string) => void }): Promise<boolean> {
  if (await prisma.appSetting.findUnique({ where: { key: DEMO_SUBSIDIES_MARKER_KEY }, select: { key: true } }))
    return false;
  await ensureSubsidyProgrammes();
  const bureau = await demoUser("bureau@demo.gz");
  const contracts = await prisma.contract.findMany({
    where: {
      status: "registered",
      registeredYear: currentShanghaiYear(),
      buyerRegion: { startsWith: "36" },
      contractAmountFen: { gte: 50_000_000n },
      flags: { none: { kind: "related_parties", resolvedAt: null } },
    },
    orderBy: [{ registeredAt: "asc" }, { id: "asc" }],
    take: 6,
    select: contractFactsSelect,
  });
  if (!bureau || contracts.length === 0) {
    log("demo subsidies not seeded: no demo bureau account or no registered Jiangxi contract this year");
    await prisma.appSetting.upsert({
      where: { key: DEMO_SUBSIDIES_MARKER_KEY },
      create: { key: DEMO_SUBSIDIES_MARKER_KEY, value: { status: "skipped", at: new Date().toISOString() } },
      update: {},
    });
    return false;
  }
  const plan = ["disburse", "approve", "reject", "pending", "pending", "approve"] as const;
  let n = 0;
  for (const [i, c] of contracts.entries()) {
    await demoPayment(c);
    await autoApplyForContract(c.id); // 免申即享: the Ganzhou programme
    const { item } = await eligibilityFor(c, "jx-online-market", "buyer");
    if (!item) continue;
    let appId = item.applicationId;
    if (!appId && item.eligible) {
      const member = await prisma.user.findFirst({ where: { organizationId: c.buyerOrgId }, select: { id: true } });
      const created = await prisma.$transaction((tx) =>
        insertApplication(tx, c, item, { userId: member?.id ?? null, auto: false }),
      );
      appId = created.id;
      n += 1;
    }
    if (!appId) continue;
    const step = plan[i % plan.length]!;
    const app = await prisma.subsidyApplication.findUniqueOrThrow({ where: { id: appId } });
    if (app.status !== "pending" || step === "pending") continue;
    if (step === "reject") {
      await decideApplication(
        appId,
        { decision: "reject", note: "付款凭证与合同约定的付款方式不一致，请补充银行回单后重新申请" },
        bureau,
      );
      continue;
    }
    const approved = await decideApplication(appId, { decision: "approve", note: "材料齐全，同意补助" }, bureau).catch(
      () => null,
    );
    if (approved && step === "disburse")
      await disburseApplication(
        appId,
        {
          paidAt: new Date(Date.now() - DAY),
          bankReference: `GZCZ-${new Date().getFullYear()}-${String(i + 1).padStart(4, "0")}`,
        },
        bureau,
      );
  }
  await prisma.appSetting.upsert({
    where: { key: DEMO_SUBSIDIES_MARKER_KEY },
    create: { key: DEMO_SUBSIDIES_MARKER_KEY, value: { status: "done", at: new Date().toISOString() } },
    update: { value: { status: "done", at: new Date().toISOString() } },
  });
  log(`demo subsidies: ${contracts.length} paid contracts, ${n} Jiangxi applications in several states, 免申即享 ones`);
  return true;
}
