// Demo settlement, seeded after the demo deal flow through the backend's own functions: one
// registered contract between the demo company (buyer) and the demo researcher's university
// (seller) gets a three-milestone schedule, a bank payment the seller confirmed and a second one
// awaiting confirmation — a partly paid contract, with its audit events and notifications.
// Resumable: each step is idempotent (the same record returns the existing payment, a confirmed
// payment stays confirmed), and the marker is written only when all of them are done.
import { prisma } from "../app/db/db.server.ts";
import { demoUser } from "./deal-context.server.ts";
import { putSchedule } from "../app/payments/schedule.server.ts";
import { paymentRecordSchema, scheduleSchema } from "../app/payments/schemas.ts";
import { confirmPayment, recordPayment } from "../app/payments/settlement.server.ts";

export const DEMO_PAYMENTS_MARKER_KEY = "demo_payments_seeded";
const DAY = 86_400_000;

/** "YYYY-MM-DD" in Asia/Shanghai, `days` from `from`. */
function day(from: Date, days: number) {
  return new Date(from.getTime() + days * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
}

export async function seedDemoPaymentsOnce({ log }: { log: (m: string) => void }): Promise<boolean> {
  if (await prisma.appSetting.findUnique({ where: { key: DEMO_PAYMENTS_MARKER_KEY }, select: { key: true } }))
    return false;
  const skip = async (reason: string) => {
    await prisma.appSetting.upsert({
      where: { key: DEMO_PAYMENTS_MARKER_KEY },
      create: { key: DEMO_PAYMENTS_MARKER_KEY, value: { status: "skipped", reason, at: new Date().toISOString() } },
      update: {},
    });
    log(`demo payments not seeded: ${reason}`);
    return false;
  };
  const buyer = await demoUser("company@demo.gz");
  const seller = await demoUser("researcher@demo.gz");
  if (!buyer?.organizationId || !seller?.organizationId) return skip("no demo company or researcher account");
  const contract = await prisma.contract.findFirst({
    where: { status: "registered", buyerOrgId: buyer.organizationId, sellerOrgId: seller.organizationId },
    orderBy: [{ registeredAt: "desc" }, { id: "asc" }],
  });
  if (!contract) return skip("no registered contract between the demo company and the demo researcher's university");
  const existing = await prisma.contractPayment.findMany({
    where: { contractId: contract.id },
    select: { reference: true },
  });
  if (existing.some((p) => !p.reference.startsWith("DEMO-")))
    return skip("the contract already has payments of its own");

  const amount = contract.contractAmountFen;
  const part = (share: bigint) => Number((amount * share) / 100n);
  const now = new Date();
  const signed =
    contract.signedAt.getTime() < now.getTime() - 40 * DAY ? contract.signedAt : new Date(now.getTime() - 40 * DAY);

  if ((await prisma.paymentMilestone.count({ where: { contractId: contract.id } })) === 0) {
    const schedule = scheduleSchema.parse({
      milestones: [
        { title: "合同生效后首付款（30%）", dueDate: day(signed, 15), amountFen: part(30n) },
        { title: "中试验收款（50%）", dueDate: day(now, -3), amountFen: part(50n) },
        {
          title: "技术服务期满尾款（20%）",
          dueDate: day(now, 120),
          amountFen: amount > 0n ? Number(amount) - part(30n) - part(50n) : 0,
        },
      ].filter((m) => m.amountFen > 0),
    });
    await putSchedule(contract.id, schedule, buyer);
  }
  const first = await recordPayment(
    contract.id,
    paymentRecordSchema.parse({
      amountFen: part(30n),
      method: "bank_transfer",
      paidAt: day(signed, 12),
      reference: "DEMO-ICBC-360702-0001",
    }),
    buyer,
  );
  await confirmPayment(first.payment.id, seller);
  await recordPayment(
    contract.id,
    paymentRecordSchema.parse({
      amountFen: part(20n),
      method: "bank_transfer",
      paidAt: day(now, -2),
      reference: "DEMO-ICBC-360702-0002",
    }),
    buyer,
  );
  await prisma.appSetting.upsert({
    where: { key: DEMO_PAYMENTS_MARKER_KEY },
    create: {
      key: DEMO_PAYMENTS_MARKER_KEY,
      value: { status: "done", contractId: contract.id, at: new Date().toISOString() },
    },
    update: { value: { status: "done", contractId: contract.id, at: new Date().toISOString() } },
  });
  log(
    `demo payments: contract ${contract.registrationNumber ?? contract.id} has a 3-milestone schedule, one confirmed and one recorded bank payment`,
  );
  return true;
}
