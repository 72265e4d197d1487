// Finding: a company user created about a thousand drafts at the largest accepted amount and the
// contracts list, the bureau's list and the parties' dashboards answered 500 for everyone (a
// bigint sum overflowed); drafts could not be deleted. Now: one ceiling (¥100亿 per contract),
// a limit on open drafts per organization, exact totals whatever is stored, and the owner
// deletes a draft (audited).
import { expect, test } from "vitest";
import { cookieFor } from "../support/pages.ts";
import { MAX_OPEN_DRAFTS_PER_ORGANIZATION } from "../../app/contracts/contracts.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { MAX_FEN } from "../../app/domain/money.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { contractBody, postContract } from "../api/contracts-helpers.ts";
import * as contractsRoute from "../../app/routes/api.v1.contracts.ts";
import * as contractRoute from "../../app/routes/api.v1.contracts.$id.ts";
import * as contractsPage from "../../app/routes/contracts._index.tsx";
import * as bureauContracts from "../../app/routes/bureau.contracts.tsx";

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

test("an amount above ¥100亿 is refused with a 400 naming the field, in Chinese and English", async () => {
  const company = await makeCaller("company");
  const other = await makeCaller("researcher");
  const over = await postContract(
    company,
    contractBody(other.org!, company.org!, { contractAmountFen: MAX_FEN + 1, nonTechnicalCostsFen: 0 }),
  );
  expect(over.status).toBe(400);
  expect(over.body.error.fields.contractAmountFen).toMatch(/100 亿元.*\/.*10 billion/);
  const huge = await postContract(
    company,
    contractBody(other.org!, company.org!, { contractAmountFen: 9_000_000_000_000_000, nonTechnicalCostsFen: 0 }),
  );
  expect(huge.status).toBe(400);
  const atCeiling = await postContract(
    company,
    contractBody(other.org!, company.org!, { contractAmountFen: MAX_FEN, nonTechnicalCostsFen: 0 }),
  );
  expect(atCeiling.status).toBe(201);
});

test("one organization cannot hold more than the open-draft limit: 409 draft_limit, nothing stored", async () => {
  const company = await makeCaller("company");
  const other = await makeCaller("researcher");
  const body = contractBody(other.org!, company.org!, { contractAmountFen: MAX_FEN, nonTechnicalCostsFen: 0 });
  // in parallel: the limit holds under concurrent posts too
  const results = await Promise.all(
    Array.from({ length: MAX_OPEN_DRAFTS_PER_ORGANIZATION + 5 }, () => postContract(company, body)),
  );
  expect(results.filter((r) => r.status === 201)).toHaveLength(MAX_OPEN_DRAFTS_PER_ORGANIZATION);
  const refused = results.filter((r) => r.status !== 201);
  expect(refused).toHaveLength(5);
  for (const r of refused) {
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("draft_limit");
    expect(r.body.error.message).toMatch(/草稿.*\/.*drafts/);
  }
  expect(await prisma.contract.count({ where: { createdByOrgId: company.org!.id } })).toBe(
    MAX_OPEN_DRAFTS_PER_ORGANIZATION,
  );

  // deleting one frees a place
  const first = results.find((r) => r.status === 201)!;
  const del = await call(
    contractRoute.action,
    apiRequest("DELETE", `/api/v1/contracts/${first.body.id}`, { token: company.token }),
    { id: first.body.id },
  );
  expect(del.status).toBe(200);
  expect((await postContract(company, body)).status).toBe(201);
});

test("the lists and their totals stay up and exact whatever amounts are stored (sums beyond bigint and 2^53)", async () => {
  const company = await makeCaller("company");
  const other = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");
  // rows written before the ceiling existed (or by an import): 11 × 9e17 fen overflows a bigint sum
  const created = await postContract(company, contractBody(other.org!, company.org!));
  expect(created.status).toBe(201);
  const template = await prisma.contract.findUniqueOrThrow({ where: { id: created.body.id } });
  const { id: _id, registrationNumber: _r, createdAt: _c, updatedAt: _u, ...rest } = template;
  const big = 900_000_000_000_000_000n;
  for (let i = 0; i < 11; i++) {
    await prisma.contract.create({
      data: { ...rest, contractAmountFen: big, nonTechnicalCostsFen: 0n, techTransactionAmountFen: big },
    });
  }
  const expected = big * 11n + 100_000_000n;
  const expectedTech = big * 11n + 80_000_000n;

  for (const caller of [company, other, bureau]) {
    const response = (await contractsRoute.loader({
      request: apiRequest("GET", `/api/v1/contracts?sellerOrgId=${other.org!.id}`, { token: caller.token }),
      params: {},
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    const text = await response.text();
    // the exact integers, not a rounded double
    const totals = text.slice(text.lastIndexOf('"totals":'));
    expect(totals).toBe(
      `"totals":{"count":12,"contractAmountFen":${expected},"techTransactionAmountFen":${expectedTech}}}`,
    );
  }

  const companyCookie = await cookieFor(company.user.id);
  const bureauCookie = await cookieFor(bureau.user.id);
  const page = (await (contractsPage.loader as unknown as Loader)({
    request: new Request(`http://localhost/contracts?sellerOrgId=${other.org!.id}`, {
      headers: { Cookie: companyCookie },
    }),
    params: {},
    context: {},
  })) as {
    list: { totals: { contractAmountFen: bigint } };
  };
  expect(BigInt(page.list.totals.contractAmountFen)).toBe(expected);
  const drill = (await (bureauContracts.loader as unknown as Loader)({
    request: new Request(`http://localhost/bureau/contracts?sellerOrgId=${other.org!.id}`, {
      headers: { Cookie: bureauCookie },
    }),
    params: {},
    context: {},
  })) as {
    list: { totals: { contractAmountFen: bigint } };
  };
  expect(BigInt(drill.list.totals.contractAmountFen)).toBe(expected);
});

test("the owner deletes a draft (audited); another organization, another role and anonymous callers cannot", async () => {
  const company = await makeCaller("company");
  const colleague = await makeCaller("company", { org: company.org });
  const seller = await makeCaller("researcher");
  const stranger = await makeCaller("company");
  const bureau = await makeCaller("bureau");
  const draft = await postContract(company, contractBody(seller.org!, company.org!));
  const id = draft.body.id as string;
  const del = (token?: string) =>
    call(contractRoute.action, apiRequest("DELETE", `/api/v1/contracts/${id}`, { token }), { id });

  expect((await del()).status).toBe(401);
  expect((await del(stranger.token)).status).toBe(404);
  // the other party reads the draft but does not own it
  expect((await del(seller.token)).status).toBe(403);
  expect((await del(bureau.token)).status).toBe(403);
  expect(await prisma.contract.count({ where: { id } })).toBe(1);

  const ok = await del(colleague.token);
  expect(ok.status).toBe(200);
  expect(ok.body).toEqual({ id, deleted: true });
  expect(await prisma.contract.count({ where: { id } })).toBe(0);
  const audit = await prisma.auditEvent.findMany({ where: { entityType: "contract", entityId: id, action: "delete" } });
  expect(audit).toHaveLength(1);
  expect(audit[0]!.actorId).toBe(colleague.user.id);
  expect((await del(company.token)).status).toBe(404);

  // only drafts: a submitted contract stays
  const submitted = await postContract(company, contractBody(seller.org!, company.org!));
  await prisma.contract.update({
    where: { id: submitted.body.id },
    data: { status: "submitted", submittedAt: new Date() },
  });
  const refused = await call(
    contractRoute.action,
    apiRequest("DELETE", `/api/v1/contracts/${submitted.body.id}`, { token: company.token }),
    { id: submitted.body.id },
  );
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("invalid_state");
});
