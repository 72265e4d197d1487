// The demo settlement: a partly paid schedule on the demo company's contract with the demo
// researcher's university, through the backend's functions; once, and resumable without doubles.
import { expect, test } from "vitest";
import { prisma } from "../app/db/db.server.ts";
import { makeCaller, makeOrg } from "../tests/factories.ts";
import { registeredContract } from "../tests/api/contracts-helpers.ts";
import { DEMO_PAYMENTS_MARKER_KEY, seedDemoPaymentsOnce } from "./payments.server.ts";

test("demo payments: schedule, one confirmed and one awaiting bank payment; once; a rerun after a lost marker adds nothing", async () => {
  const logs: string[] = [];
  // no demo accounts yet: skipped
  expect(await seedDemoPaymentsOnce({ log: (m) => logs.push(m) })).toBe(false);
  await prisma.appSetting.delete({ where: { key: DEMO_PAYMENTS_MARKER_KEY } });

  const university = await makeOrg({ kind: "university" });
  const company = await makeOrg({ kind: "enterprise" });
  await prisma.user.create({
    data: { email: "researcher@demo.gz", name: "刘志强", role: "researcher", organizationId: university.id },
  });
  await prisma.user.create({
    data: { email: "company@demo.gz", name: "陈国栋", role: "company", organizationId: company.id },
  });
  const bureau = await makeCaller("bureau");
  const contract = await registeredContract(bureau, university, company, {
    contractAmountFen: 100_000_000,
    nonTechnicalCostsFen: 0,
  });

  expect(await seedDemoPaymentsOnce({ log: (m) => logs.push(m) })).toBe(true);
  const payments = await prisma.contractPayment.findMany({
    where: { contractId: contract.id },
    orderBy: { paidAt: "asc" },
  });
  expect(payments.map((p) => [p.status, Number(p.amountFen)])).toEqual([
    ["confirmed", 30_000_000],
    ["recorded", 20_000_000],
  ]);
  const milestones = await prisma.paymentMilestone.findMany({
    where: { contractId: contract.id },
    orderBy: { seq: "asc" },
  });
  expect(milestones.map((m) => Number(m.amountFen))).toEqual([30_000_000, 50_000_000, 20_000_000]);
  expect(logs.at(-1)).toMatch(/demo payments/);
  const audit = await prisma.auditEvent.count({ where: { entityType: { in: ["payment", "payment_schedule"] } } });
  expect(audit).toBe(4); // schedule, record, confirm, record

  expect(await seedDemoPaymentsOnce({ log: () => {} })).toBe(false);
  await prisma.appSetting.delete({ where: { key: DEMO_PAYMENTS_MARKER_KEY } });
  expect(await seedDemoPaymentsOnce({ log: () => {} })).toBe(true);
  expect(await prisma.contractPayment.count({ where: { contractId: contract.id } })).toBe(2);
  expect(await prisma.auditEvent.count({ where: { entityType: { in: ["payment", "payment_schedule"] } } })).toBe(audit);
});
