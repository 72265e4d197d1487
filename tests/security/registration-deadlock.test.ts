// Finding: registering different contracts in parallel sometimes answered 500 (40P01 deadlock
// detected). Registrations, amendments and cancellations now take their locks in one order
// (serial row, statistics rows in key order, then the audit chain) and the service retries a
// serialization failure or deadlock a bounded number of times: a client never sees a 500.
import { expect, test } from "vitest";
import { setRegistrationPoint } from "../../app/contracts/registration.server.ts";
import { shanghaiYearMonth } from "../../app/domain/time.ts";
import { isRetryableTransactionError, withTransactionRetry } from "../../app/db/retry.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { verifyContractStats } from "../../app/stats/stats.server.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import {
  contractBody,
  postContract,
  registeredContract,
  review,
  submit,
  type Caller,
} from "../api/contracts-helpers.ts";
import * as amendRoute from "../../app/routes/api.v1.contracts.$id.amend.ts";
import * as cancelRoute from "../../app/routes/api.v1.contracts.$id.cancel.ts";

const TYPES = [
  { type: "development", subtype: "commissioned" },
  { type: "transfer", subtype: "patent" },
  { type: "consulting", subtype: null },
  { type: "service", subtype: "service" },
];

async function submitted(bureau: Caller, seller: { id: string }, buyer: { id: string }, i: number) {
  const created = await postContract(
    bureau,
    contractBody(seller, buyer, {
      ...TYPES[i % TYPES.length],
      contractAmountFen: 1_000_000 + i,
      nonTechnicalCostsFen: 0,
    }),
  );
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  await submit(bureau, created.body.id);
  return created.body.id as string;
}

test(
  "registrations of different contracts from several points, with amendments and cancellations in between, never answer 500",
  { timeout: 120_000 },
  async () => {
    const bureaus: Caller[] = [];
    for (const point of ["02", "03", "04"]) {
      const org = await makeOrg({ kind: "government" });
      await setRegistrationPoint(org.id, point);
      bureaus.push(await makeCaller("bureau", { org }));
    }
    bureaus.push(await makeCaller("bureau"));
    const sellers = [
      await makeOrg({ regionCode: "360702" }),
      await makeOrg({ regionCode: "440300", kind: "institute" }),
      await makeOrg({ regionCode: "360781" }),
    ];
    const buyers = [
      await makeOrg({ kind: "enterprise", regionCode: "360704" }),
      await makeOrg({ kind: "enterprise", regionCode: "360100" }),
    ];

    const registered: string[] = [];
    for (let i = 0; i < 8; i++)
      registered.push(
        (
          await registeredContract(bureaus[0]!, sellers[i % 3]!, buyers[i % 2]!, {
            ...TYPES[i % 4],
            contractAmountFen: 5_000_000 + i,
            nonTechnicalCostsFen: 0,
          })
        ).id,
      );
    const pending: string[] = [];
    for (let i = 0; i < 40; i++) pending.push(await submitted(bureaus[0]!, sellers[i % 3]!, buyers[(i >> 1) % 2]!, i));

    const work: Array<Promise<{ status: number; body: { error?: { code: string } } }>> = [];
    pending.forEach((id, i) => work.push(review(bureaus[i % bureaus.length]!, id, "register")));
    registered.forEach((id, i) => {
      const token = bureaus[i % bureaus.length]!.token;
      work.push(
        i % 2
          ? call(
              amendRoute.action,
              apiRequest("POST", `/api/v1/contracts/${id}/amend`, {
                token,
                body: { contractAmountFen: 7_000_000 + i, reason: "金额变更" },
              }),
              { id },
            )
          : call(
              cancelRoute.action,
              apiRequest("POST", `/api/v1/contracts/${id}/cancel`, { token, body: { reason: "双方解除" } }),
              { id },
            ),
      );
    });
    const results = await Promise.all(work);
    const failures = results.filter((r) => r.status !== 200);
    expect(failures.map((r) => [r.status, r.body.error?.code])).toEqual([]);
    const year = shanghaiYearMonth(new Date()).year;
    expect((await verifyContractStats(year)).ok).toBe(true);
    expect(await prisma.contract.count({ where: { id: { in: pending }, status: "registered" } })).toBe(40);
  },
);

test("the retry helper retries deadlocks and serialization failures a bounded number of times, nothing else", async () => {
  let calls = 0;
  const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
  const value = await withTransactionRetry(async () => {
    calls += 1;
    if (calls < 3) throw deadlock;
    return "done";
  });
  expect(value).toBe("done");
  expect(calls).toBe(3);

  calls = 0;
  await expect(
    withTransactionRetry(async () => {
      calls += 1;
      throw Object.assign(new Error("could not serialize access"), { code: "40001" });
    }),
  ).rejects.toThrow(/serialize/);
  expect(calls).toBeGreaterThan(1);
  expect(calls).toBeLessThanOrEqual(5);

  calls = 0;
  await expect(
    withTransactionRetry(async () => {
      calls += 1;
      throw new Error("other");
    }),
  ).rejects.toThrow("other");
  expect(calls).toBe(1);

  // a real deadlock from PostgreSQL is recognised through Prisma's wrapping
  const a = await makeOrg();
  const b = await makeOrg();
  const lockBoth = (first: string, second: string) =>
    prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT id FROM "Organization" WHERE id = ${first} FOR UPDATE`;
      await new Promise((r) => setTimeout(r, 150));
      await tx.$executeRaw`SELECT id FROM "Organization" WHERE id = ${second} FOR UPDATE`;
    });
  const outcomes = await Promise.allSettled([lockBoth(a.id, b.id), lockBoth(b.id, a.id)]);
  const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
  expect(rejected).toHaveLength(1);
  expect(isRetryableTransactionError(rejected[0]!.reason)).toBe(true);
});
