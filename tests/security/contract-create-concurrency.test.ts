// A P2028 (interactive transaction closed or not started in time) answered 500 once when many
// contracts were created at the same moment. Creation now holds its locks only for its last
// steps, and the service runs a transaction that could not start or ran out of time again
// (it rolled back whole), so parallel creations answer 201 or a clear 4xx — never a 500.
import { expect, test } from "vitest";
import { prisma, TRANSACTION_DEFAULTS } from "../../app/db/db.server.ts";
import { isRetryableTransactionError } from "../../app/db/retry.server.ts";
import { MAX_OPEN_DRAFTS_PER_ORGANIZATION, txOptions } from "../../app/contracts/entry.server.ts";
import { makeCaller, makeOrg } from "../factories.ts";
import { contractBody, postContract } from "../api/contracts-helpers.ts";

test("20 parallel creations by different organizations: all 201, each once, audited", async () => {
  const buyer = await makeOrg({ kind: "enterprise" });
  const sellers = await Promise.all(Array.from({ length: 20 }, () => makeCaller("researcher")));
  const started = performance.now();
  const outcomes = await Promise.all(
    sellers.map((s, i) => postContract(s, contractBody(s.org!, buyer, { title: `并发合同${i}` }))),
  );
  console.log(`20 parallel creations: ${Math.round(performance.now() - started)} ms`);
  expect(outcomes.map((o) => o.status)).toEqual(Array(20).fill(201));
  const ids = outcomes.map((o) => o.body.id as string);
  expect(await prisma.contract.count({ where: { id: { in: ids } } })).toBe(20);
  expect(
    await prisma.auditEvent.count({ where: { entityType: "contract", action: "create", entityId: { in: ids } } }),
  ).toBe(20);
}, 180_000);

test("parallel creations by one organization beyond its draft limit: 201 up to the limit, then 409 draft_limit", async () => {
  const seller = await makeCaller("researcher");
  const buyer = await makeOrg({ kind: "enterprise" });
  const extra = 5;
  const outcomes = await Promise.all(
    Array.from({ length: MAX_OPEN_DRAFTS_PER_ORGANIZATION + extra }, (_, i) =>
      postContract(seller, contractBody(seller.org!, buyer, { title: `同单位并发${i}` })),
    ),
  );
  const statuses = outcomes.map((o) => o.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_OPEN_DRAFTS_PER_ORGANIZATION);
  expect(statuses.filter((s) => s === 409)).toHaveLength(extra);
  for (const o of outcomes.filter((x) => x.status === 409)) expect(o.body.error.code).toBe("draft_limit");
  expect(await prisma.contract.count({ where: { createdByOrgId: seller.org!.id, status: "draft" } })).toBe(
    MAX_OPEN_DRAFTS_PER_ORGANIZATION,
  );
}, 300_000);

test("a transaction that could not start in time or timed out counts as retryable; explicit limits", () => {
  expect(txOptions).toEqual({ maxWait: 15_000, timeout: 30_000 });
  expect(TRANSACTION_DEFAULTS).toEqual(txOptions);
  expect(
    isRetryableTransactionError({ code: "P2028", message: "Unable to start a transaction in the given time." }),
  ).toBe(true);
  expect(
    isRetryableTransactionError({
      code: "P2028",
      message:
        "Transaction API error: Transaction already closed: A query cannot be executed on an expired transaction.",
    }),
  ).toBe(true);
  expect(isRetryableTransactionError({ code: "P2002" })).toBe(false);
});
