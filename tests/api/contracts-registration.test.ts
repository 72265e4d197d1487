// 认定登记: the 14-digit registration number, the Asia/Shanghai calendar, the
// registration-time snapshot, and a contract counted at most once under concurrency.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { reviewContract } from "../../app/contracts/contracts.server.ts";
import { setRegistrationPoint } from "../../app/contracts/registration.server.ts";
import { verifyContractStats } from "../../app/stats/stats.server.ts";
import { makeCaller, makeOrg } from "../factories.ts";
import { contractBody, postContract, publishedResult, review, submit, type Caller } from "./contracts-helpers.ts";
import { shanghaiYearMonth } from "../../app/domain/time.ts";

async function submittedContract(
  bureau: Caller,
  seller: { id: string },
  buyer: { id: string },
  overrides: Record<string, unknown> = {},
) {
  const { body } = await postContract(bureau, contractBody(seller, buyer, overrides));
  await submit(bureau, body.id);
  return body.id as string;
}

test("the number is year(2) + 36 + 07 + point(2) + serial(6); serials count up per year and point", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  const first = await review(bureau, await submittedContract(bureau, seller, buyer), "register");
  const second = await review(bureau, await submittedContract(bureau, seller, buyer), "register");
  const yy = String(shanghaiYearMonth(new Date()).year % 100).padStart(2, "0");
  expect(first.body.registrationNumber).toBe(`${yy}360701000001`);
  expect(second.body.registrationNumber).toBe(`${yy}360701000002`);

  // a bureau with its own registration point
  const bureauOrg = await makeOrg({ kind: "government", name: "南康区科技局" });
  const nankang = await makeCaller("bureau", { org: bureauOrg });
  await setRegistrationPoint(bureauOrg.id, "03");
  const third = await review(nankang, await submittedContract(bureau, seller, buyer), "register");
  expect(third.body.registrationNumber).toBe(`${yy}360703000001`);
  expect(third.body.registrationPoint).toBe("03");
});

test("a contract registered at 2025-12-31T17:30Z belongs to 2026-01 (Asia/Shanghai); serials restart per year", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  const late2025 = await submittedContract(bureau, seller, buyer);
  const newYear = await submittedContract(bureau, seller, buyer);
  const a = await reviewContract(late2025, { decision: "register" }, bureau.user as never, {
    now: new Date("2025-12-31T15:59:59Z"),
  });
  const b = await reviewContract(newYear, { decision: "register" }, bureau.user as never, {
    now: new Date("2025-12-31T17:30:00Z"),
  });
  expect(a).toMatchObject({ registeredYear: 2025, registeredMonth: 12, registrationNumber: "25360701000001" });
  expect(b).toMatchObject({ registeredYear: 2026, registeredMonth: 1, registeredAt: "2025-12-31T17:30:00.000Z" });
  expect(b.registrationNumber).toMatch(/^26360701\d{6}$/);
  const stored = await prisma.contract.findUniqueOrThrow({ where: { id: newYear } });
  expect(stored.registeredAt?.toISOString()).toBe("2025-12-31T17:30:00.000Z");
  expect(stored).toMatchObject({ registeredYear: 2026, registeredMonth: 1, registrationNumber: b.registrationNumber });
  expect(shanghaiYearMonth(new Date("2025-12-31T16:00:00Z"))).toMatchObject({ year: 2026, month: 1, day: 1 });
  expect(shanghaiYearMonth(new Date("2025-12-31T15:59:59.999Z"))).toMatchObject({ year: 2025, month: 12, day: 31 });
});

test("registration snapshots the parties for the statistics: regions, zone, kinds, Bay Area, field from the result", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg({ kind: "institute", regionCode: "440300", name: "深圳某研究院" });
  const buyer = await makeOrg({ kind: "enterprise", regionCode: "360704", zone: "gz_htdz" });
  const result = await publishedResult(seller, { field: "new_energy" });
  const id = await submittedContract(bureau, seller, buyer, { resultId: result.id });
  const { body } = await review(bureau, id, "register");
  expect(body).toMatchObject({
    sellerRegion: "440300",
    buyerRegion: "360704",
    sellerZone: null,
    sellerKind: "institute",
    buyerKind: "enterprise",
    bayArea: true,
    field: "new_energy",
  });
  // later changes of the organization do not rewrite history
  await prisma.organization.update({ where: { id: seller.id }, data: { regionCode: "360702" } });
  const stored = await prisma.contract.findUniqueOrThrow({ where: { id } });
  expect(stored.sellerRegion).toBe("440300");
});

test("two parallel registrations of one contract: exactly one wins, the other gets 409, counted once", async () => {
  const bureau = await makeCaller("bureau");
  const other = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  for (let round = 0; round < 5; round++) {
    const id = await submittedContract(bureau, seller, buyer);
    const [x, y] = await Promise.all([review(bureau, id, "register"), review(other, id, "register")]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const loser = x.status === 409 ? x : y;
    expect(loser.body.error.code).toBe("invalid_state");
    expect(await prisma.auditEvent.count({ where: { entityId: id, action: "register" } })).toBe(1);
  }
  // a register racing a return: one of them
  const id = await submittedContract(bureau, seller, buyer);
  const [r1, r2] = await Promise.all([review(bureau, id, "register"), review(other, id, "return", "补正")]);
  expect([r1.status, r2.status].sort()).toEqual([200, 409]);

  const year = shanghaiYearMonth(new Date()).year;
  const registered = await prisma.contract.count({ where: { status: "registered", registeredYear: year } });
  const stat = await prisma.contractStat.findUnique({ where: { year_dim_key: { year, dim: "total", key: "" } } });
  expect(stat?.count).toBe(registered);
  expect((await verifyContractStats()).ok).toBe(true);
});

test("50 parallel registrations of distinct contracts get 50 distinct, consecutive serials", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  const year = shanghaiYearMonth(new Date()).year;
  const before = await prisma.contractStat.findUnique({ where: { year_dim_key: { year, dim: "total", key: "" } } });
  const ids: string[] = [];
  for (let i = 0; i < 50; i++)
    ids.push(
      await submittedContract(bureau, seller, buyer, { contractAmountFen: 1_000_000 + i, nonTechnicalCostsFen: 0 }),
    );
  const results = await Promise.all(ids.map((id) => review(bureau, id, "register")));
  expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
  const numbers = results.map((r) => r.body.registrationNumber as string);
  expect(new Set(numbers).size).toBe(50);
  const serials = numbers.map((n) => Number(n.slice(8))).sort((a, b) => a - b);
  expect(serials[49]! - serials[0]!).toBe(49);
  const after = await prisma.contractStat.findUniqueOrThrow({
    where: { year_dim_key: { year, dim: "total", key: "" } },
  });
  expect(after.count - (before?.count ?? 0)).toBe(50);
  expect(Number(after.contractAmountFen - (before?.contractAmountFen ?? 0n))).toBe(50 * 1_000_000 + (49 * 50) / 2);
  expect((await verifyContractStats(year)).ok).toBe(true);
});
