// Contract settlement over the API: the schedule, bank payments recorded by the buyer and confirmed
// by the seller (once, whatever is clicked twice), disputes, refusals (another organization,
// another role, anonymous, the payer confirming their own payment), bad input naming its field,
// audit events, and the paid-on-platform sums and statistics.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { confirmedPaidFen } from "../../app/payments/settlement.server.ts";
import * as paymentsRoute from "../../app/routes/api.v1.contracts.$id.payments.ts";
import * as scheduleRoute from "../../app/routes/api.v1.contracts.$id.payment-schedule.ts";
import * as confirmRoute from "../../app/routes/api.v1.payments.$id.confirm.ts";
import * as disputeRoute from "../../app/routes/api.v1.payments.$id.dispute.ts";
import * as statsRoute from "../../app/routes/api.v1.stats.payments.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { contractBody, postContract, registeredContract, type Caller } from "./contracts-helpers.ts";

const token = (c: Caller | null) => (c ? { token: c.token } : {});
const list = (c: Caller | null, id: string) =>
  call(paymentsRoute.loader, apiRequest("GET", `/api/v1/contracts/${id}/payments`, token(c)), { id });
const record = (c: Caller | null, id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(paymentsRoute.action, apiRequest("POST", `/api/v1/contracts/${id}/payments`, { ...token(c), body, headers }), {
    id,
  });
const confirm = (c: Caller | null, id: string) =>
  call(confirmRoute.action, apiRequest("POST", `/api/v1/payments/${id}/confirm`, token(c)), { id });
const dispute = (c: Caller | null, id: string, body: unknown) =>
  call(disputeRoute.action, apiRequest("POST", `/api/v1/payments/${id}/dispute`, { ...token(c), body }), { id });
const schedule = (c: Caller | null, id: string, body?: unknown) =>
  body === undefined
    ? call(scheduleRoute.loader, apiRequest("GET", `/api/v1/contracts/${id}/payment-schedule`, token(c)), { id })
    : call(scheduleRoute.action, apiRequest("PUT", `/api/v1/contracts/${id}/payment-schedule`, { ...token(c), body }), {
        id,
      });
const stats = (c: Caller | null, query: string) =>
  call(statsRoute.loader, apiRequest("GET", `/api/v1/stats/payments?${query}`, token(c)));

async function deal(amountFen = 100_000_000) {
  const bureau = await makeCaller("bureau");
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company");
  const contract = await registeredContract(bureau, seller.org!, buyer.org!, {
    contractAmountFen: amountFen,
    nonTechnicalCostsFen: 0,
  });
  return { bureau, seller, buyer, contract };
}

const bank = (amountFen: number, reference: string, paidAt = "2026-03-02") => ({
  amountFen,
  method: "bank_transfer",
  paidAt,
  reference,
});

test("the buyer records a bank payment, the seller confirms it once; sums, audit events and notifications follow", async () => {
  const { seller, buyer, contract } = await deal();
  const first = await record(buyer, contract.id, bank(30_000_000, "ICBC20260302001"));
  expect(first.status).toBe(201);
  expect(first.body.payment).toMatchObject({
    contractId: contract.id,
    method: "bank_transfer",
    amountFen: 30_000_000,
    reference: "ICBC20260302001",
    status: "recorded",
    paidAt: "2026-03-01T16:00:00.000Z", // the day in Asia/Shanghai
    payerOrgId: buyer.org!.id,
    payeeOrgId: seller.org!.id,
    confirmedAt: null,
  });
  const id = first.body.payment.id;
  // a double click / retry: the same payment, no second record
  const again = await record(buyer, contract.id, bank(30_000_000, "ICBC20260302001"));
  expect(again.status).toBe(200);
  expect(again.body.payment.id).toBe(id);
  // the same receipt number with other details is a conflict
  expect(await record(buyer, contract.id, bank(31_000_000, "ICBC20260302001"))).toMatchObject({
    status: 409,
    body: { error: { code: "duplicate_reference" } },
  });
  expect(await prisma.contractPayment.count({ where: { contractId: contract.id } })).toBe(1);
  expect(
    await prisma.notification.count({ where: { user: { organizationId: seller.org!.id }, kind: "payment_recorded" } }),
  ).toBe(1);

  // the payer cannot confirm their own payment
  expect((await confirm(buyer, id)).status).toBe(403);
  // two confirmations at once: one takes effect, both answer 200
  const [c1, c2] = await Promise.all([confirm(seller, id), confirm(seller, id)]);
  expect([c1.status, c2.status]).toEqual([200, 200]);
  expect(c1.body.payment).toMatchObject({ status: "confirmed", confirmedById: seller.user.id });
  expect(c2.body.payment.confirmedAt).toBe(c1.body.payment.confirmedAt);
  const events = await prisma.auditEvent.findMany({
    where: { entityType: "payment", entityId: id },
    orderBy: { seq: "asc" },
  });
  expect(events.map((e) => e.action)).toEqual(["record", "confirm"]);
  expect(events[1]!.actorId).toBe(seller.user.id);

  const view = await list(seller, contract.id);
  expect(view.status).toBe(200);
  expect(view.body.summary).toMatchObject({
    contractAmountFen: 100_000_000,
    confirmedFen: 30_000_000,
    recordedFen: 0,
    outstandingFen: 70_000_000,
  });
  expect(view.body.permissions).toMatchObject({ canRecord: false, canConfirm: true, canDispute: true });
  expect((await list(buyer, contract.id)).body.permissions).toMatchObject({ canRecord: true, canConfirm: false });
  expect(await confirmedPaidFen(contract.id)).toBe(30_000_000n);
  expect(await confirmedPaidFen(contract.id, { upTo: new Date(Date.now() - 60_000) })).toBe(0n);
});

test("refusals: anonymous 401, another organization 404, another role 403; the seller cannot record; bad input names its field", async () => {
  const { bureau, seller, buyer, contract } = await deal();
  const stranger = await makeCaller("company");
  const admin = await makeCaller("admin");
  const body = bank(1_000_000, "R-1");
  expect((await record(null, contract.id, body)).status).toBe(401);
  expect((await list(null, contract.id)).status).toBe(401);
  expect((await record(stranger, contract.id, body)).status).toBe(404);
  expect((await list(stranger, contract.id)).status).toBe(404);
  expect((await record(bureau, contract.id, body)).status).toBe(403);
  expect((await record(admin, contract.id, body)).status).toBe(403);
  expect((await record(seller, contract.id, body)).status).toBe(403);
  expect((await schedule(stranger, contract.id, { milestones: [] })).status).toBe(404);
  expect((await schedule(bureau, contract.id, { milestones: [] })).status).toBe(403);
  expect((await schedule(null, contract.id)).status).toBe(401);
  // staff read
  expect((await list(bureau, contract.id)).status).toBe(200);

  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...body, amountFen: 0 }, "amountFen"],
    [{ ...body, amountFen: -5 }, "amountFen"],
    [{ ...body, amountFen: 10.5 }, "amountFen"],
    [{ ...body, amountFen: "100" }, "amountFen"],
    [{ ...body, method: "cash" }, "method"],
    [{ ...body, paidAt: "2026-02-30" }, "paidAt"],
    [{ ...body, paidAt: "yesterday" }, "paidAt"],
    [{ ...body, paidAt: "2999-01-01" }, "paidAt"],
    [{ ...body, paidAt: undefined }, "paidAt"],
    [{ ...body, reference: "" }, "reference"],
    [{ ...body, reference: "x".repeat(65) }, "reference"],
    [{ ...body, extra: 1 }, "extra"],
  ];
  for (const [input, field] of cases) {
    const res = await record(buyer, contract.id, input);
    expect(res.status, JSON.stringify(input)).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(Object.keys(res.body.error.fields), JSON.stringify(input)).toContain(field);
  }
  // more than the contract amount
  expect(await record(buyer, contract.id, bank(100_000_001, "R-2"))).toMatchObject({
    status: 409,
    body: { error: { code: "exceeds_contract_amount" } },
  });
  // card payment without Stripe configured
  expect(await record(buyer, contract.id, { amountFen: 100, method: "stripe" })).toMatchObject({
    status: 409,
    body: { error: { code: "method_unavailable" } },
  });
  expect(await prisma.contractPayment.count({ where: { contractId: contract.id } })).toBe(0);
  // a draft is not yet agreed (and may still be deleted): nothing is paid under it
  const draft = await postContract(bureau, contractBody(seller.org!, buyer.org!));
  expect(await record(buyer, draft.body.id, body)).toMatchObject({
    status: 409,
    body: { error: { code: "invalid_state" } },
  });

  // confirm/dispute refusals
  const p = (await record(buyer, contract.id, body)).body.payment;
  expect((await confirm(null, p.id)).status).toBe(401);
  expect((await confirm(stranger, p.id)).status).toBe(404);
  expect((await confirm(bureau, p.id)).status).toBe(403);
  expect((await dispute(stranger, p.id, { reason: "x" })).status).toBe(404);
  expect((await dispute(bureau, p.id, { reason: "x" })).status).toBe(403);
  expect(await dispute(buyer, p.id, { reason: "" })).toMatchObject({
    status: 400,
    body: { error: { fields: { reason: expect.any(String) } } },
  });
  expect((await confirm(seller, "no-such-payment")).status).toBe(404);
  expect((await prisma.contractPayment.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("recorded");
});

test("either side disputes; a disputed payment stops counting until the seller confirms it again", async () => {
  const { seller, buyer, contract } = await deal();
  const p = (await record(buyer, contract.id, bank(20_000_000, "BOC-77"))).body.payment;
  await confirm(seller, p.id);
  expect(await confirmedPaidFen(contract.id)).toBe(20_000_000n);
  const d = await dispute(seller, p.id, { reason: "到账金额不符 / amount differs on the statement" });
  expect(d).toMatchObject({
    status: 200,
    body: {
      payment: { status: "disputed", disputedById: seller.user.id, disputeReason: expect.stringContaining("到账") },
    },
  });
  expect((await dispute(buyer, p.id, { reason: "again" })).body.payment.disputeReason).toContain("到账"); // already disputed: unchanged
  expect(await confirmedPaidFen(contract.id)).toBe(0n);
  expect((await list(buyer, contract.id)).body.summary).toMatchObject({ disputedFen: 20_000_000, confirmedFen: 0 });
  expect((await confirm(seller, p.id)).body.payment.status).toBe("confirmed");
  expect(await confirmedPaidFen(contract.id)).toBe(20_000_000n);
  const actions = (await prisma.auditEvent.findMany({ where: { entityId: p.id }, orderBy: { seq: "asc" } })).map(
    (e) => e.action,
  );
  expect(actions).toEqual(["record", "confirm", "dispute", "confirm"]);
});

test("the schedule: milestones summing to at most the contract amount, covered by confirmed money in due order", async () => {
  const { seller, buyer, contract, bureau } = await deal(100_000_000);
  const too = await schedule(buyer, contract.id, {
    milestones: [
      { title: "首付", dueDate: "2026-01-10", amountFen: 60_000_000 },
      { title: "尾款", dueDate: "2099-01-01", amountFen: 40_000_001 },
    ],
  });
  expect(too).toMatchObject({ status: 400, body: { error: { fields: { milestones: expect.any(String) } } } });
  expect(
    (await schedule(buyer, contract.id, { milestones: [{ title: "", dueDate: "2026-13-01", amountFen: 1 }] })).body
      .error.fields,
  ).toHaveProperty(["milestones.0.title"]);
  const put = await schedule(seller, contract.id, {
    milestones: [
      { title: "首付款", dueDate: "2026-01-10", amountFen: 30_000_000 },
      { title: "验收款", dueDate: "2026-02-10", amountFen: 50_000_000 },
      { title: "尾款", dueDate: "2099-01-01", amountFen: 20_000_000 },
    ],
  });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ scheduledFen: 100_000_000, dueFen: 80_000_000, overdueFen: 80_000_000 });
  const p = (await record(buyer, contract.id, bank(40_000_000, "CCB-1"))).body.payment;
  await confirm(seller, p.id);
  const got = await schedule(bureau, contract.id);
  expect(got.body.overdueFen).toBe(40_000_000);
  expect(got.body.milestones.map((m: { state: string; paidFen: number }) => [m.state, m.paidFen])).toEqual([
    ["paid", 30_000_000],
    ["overdue", 10_000_000],
    ["upcoming", 0],
  ]);
  const audit = await prisma.auditEvent.findMany({ where: { entityType: "payment_schedule", entityId: contract.id } });
  expect(audit.map((e) => e.action)).toEqual(["create"]);
});

test("GET /api/v1/stats/payments: confirmed money by year of confirmation, grouped like the contract statistics", async () => {
  // other tests of this file confirm payments too: this one counts from a clean slate of its own
  await prisma.contractPayment.updateMany({
    where: { status: "confirmed" },
    data: { status: "disputed", confirmedYear: null },
  });
  const { seller, buyer, contract, bureau } = await deal(100_000_000);
  const other = await deal(50_000_000);
  const a = (await record(buyer, contract.id, bank(10_000_000, "A1"))).body.payment;
  const b = (await record(buyer, contract.id, bank(15_000_000, "A2"))).body.payment;
  await record(buyer, contract.id, bank(5_000_000, "A3")); // recorded only: not counted
  await confirm(seller, a.id);
  await confirm(seller, b.id);
  const c = (await record(other.buyer, other.contract.id, bank(7_000_000, "B1"))).body.payment;
  await confirm(other.seller, c.id);
  const year = (await prisma.contractPayment.findUniqueOrThrow({ where: { id: a.id } })).confirmedYear!;

  expect((await stats(null, `year=${year}`)).status).toBe(401);
  expect((await stats(buyer, `year=${year}`)).status).toBe(403);
  expect((await stats(bureau, `year=abc`)).body.error.fields).toHaveProperty("year");
  expect((await stats(bureau, `year=${year}&groupBy=colour`)).body.error.fields).toHaveProperty("groupBy");

  const byType = await stats(bureau, `year=${year}&groupBy=type`);
  expect(byType.status).toBe(200);
  expect(byType.body.totals).toEqual({ count: 3, contracts: 2, paidFen: 32_000_000 });
  expect(byType.body.groups).toEqual([{ key: "development", count: 3, contracts: 2, paidFen: 32_000_000 }]);
  const byMonth = await stats(bureau, `year=${year}&groupBy=month`);
  expect(byMonth.body.groups).toHaveLength(12);
  expect(byMonth.body.groups.reduce((s: number, g: { paidFen: number }) => s + g.paidFen, 0)).toBe(32_000_000);
  const bySeller = await stats(bureau, `year=${year}&groupBy=sellerKind`);
  expect(bySeller.body.groups).toEqual([{ key: "university", count: 3, contracts: 2, paidFen: 32_000_000 }]);
  expect((await stats(bureau, `year=${year - 1}`)).body.totals).toEqual({ count: 0, contracts: 0, paidFen: 0 });
});
