// Helpers of the offers/contracts/stats tests, on top of tests/factories.ts.
import { prisma } from "../../app/db/db.server.ts";
import type { Organization } from "../../app/generated/prisma/client.ts";
import { apiRequest, call, type makeCaller } from "../factories.ts";
import * as contractsRoute from "../../app/routes/api.v1.contracts.ts";
import * as submitRoute from "../../app/routes/api.v1.contracts.$id.submit.ts";
import * as confirmRoute from "../../app/routes/api.v1.contracts.$id.confirm.ts";
import * as reviewRoute from "../../app/routes/api.v1.contracts.$id.review.ts";

export type Caller = Awaited<ReturnType<typeof makeCaller>>;

export async function publishedResult(
  org: Organization,
  opts: { field?: string; priceFen?: bigint | null; title?: string } = {},
) {
  return prisma.result.create({
    data: {
      organizationId: org.id,
      title: opts.title ?? "高性能稀土永磁材料制备技术",
      summary: "测试成果",
      keywords: ["稀土"],
      field: opts.field ?? "rare_earth",
      maturity: "pilot",
      patentNumbers: [],
      transferModes: ["transfer", "license"],
      priceFen: opts.priceFen === undefined ? 50_000_000n : opts.priceFen,
      status: "published",
      publishedAt: new Date(),
    },
  });
}

export async function publishedNeed(org: Organization, opts: { field?: string; status?: "published" | "draft" } = {}) {
  return prisma.need.create({
    data: {
      organizationId: org.id,
      title: "脐橙采后保鲜技术需求",
      description: "测试需求",
      keywords: ["脐橙"],
      field: opts.field ?? "agriculture",
      status: opts.status ?? "published",
      publishedAt: new Date(),
    },
  });
}

export function contractBody(seller: { id: string }, buyer: { id: string }, overrides: Record<string, unknown> = {}) {
  return {
    type: "development",
    subtype: "commissioned",
    title: "稀土废料回收工艺委托开发合同",
    sellerOrgId: seller.id,
    buyerOrgId: buyer.id,
    contractAmountFen: 100_000_000,
    nonTechnicalCostsFen: 20_000_000,
    signedAt: "2026-03-01",
    validUntil: "2099-12-31",
    ...overrides,
  };
}

/** POST /api/v1/contracts; returns status and body. */
export async function postContract(caller: Caller, body: unknown) {
  return call(contractsRoute.action, apiRequest("POST", "/api/v1/contracts", { token: caller.token, body }));
}

export async function submit(caller: Caller, id: string) {
  return call(submitRoute.action, apiRequest("POST", `/api/v1/contracts/${id}/submit`, { token: caller.token }), {
    id,
  });
}

/** POST /api/v1/contracts/:id/confirm: a party member confirms the current terms for their side. */
export async function confirm(caller: Caller, id: string) {
  return call(confirmRoute.action, apiRequest("POST", `/api/v1/contracts/${id}/confirm`, { token: caller.token }), {
    id,
  });
}

export async function review(caller: Caller, id: string, decision: string, note?: string) {
  return call(
    reviewRoute.action,
    apiRequest("POST", `/api/v1/contracts/${id}/review`, {
      token: caller.token,
      body: { decision, ...(note ? { note } : {}) },
    }),
    { id },
  );
}

/** A contract taken through entry → submit → register by the bureau, over the API. */
export async function registeredContract(
  bureau: Caller,
  seller: { id: string },
  buyer: { id: string },
  overrides: Record<string, unknown> = {},
) {
  const created = await postContract(bureau, contractBody(seller, buyer, overrides));
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const s = await submit(bureau, created.body.id);
  if (s.status !== 200) throw new Error(`submit failed: ${JSON.stringify(s.body)}`);
  const r = await review(bureau, created.body.id, "register");
  if (r.status !== 200) throw new Error(`register failed: ${JSON.stringify(r.body)}`);
  return r.body;
}
