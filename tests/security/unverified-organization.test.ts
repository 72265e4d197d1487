// Finding: the README says an unverified organization has "drafts only", yet it could send offers
// and proposals. Now offers, proposals, counter-offers and contract submissions from an
// unverified organization answer 403 organization_unverified and store nothing; drafts still work.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { contractBody, postContract, publishedNeed, publishedResult, submit } from "../api/contracts-helpers.ts";
import * as offersRoute from "../../app/routes/api.v1.offers.ts";

const offer = (token: string, body: unknown) =>
  call(offersRoute.action, apiRequest("POST", "/api/v1/offers", { token, body }));

test("an unverified organization cannot send offers or proposals: 403 organization_unverified, nothing stored", async () => {
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company");
  const result = await publishedResult(seller.org!);
  const need = await publishedNeed(buyer.org!);

  const unverifiedCompany = await makeCaller("company", { verified: false });
  const before = await prisma.offer.count();
  const o = await offer(unverifiedCompany.token, { resultId: result.id, amountFen: 10_000_000 });
  expect(o.status).toBe(403);
  expect(o.body.error.code).toBe("organization_unverified");
  expect(o.body.error.message).toMatch(/认证.*\/.*verified/);

  const unverifiedResearcher = await makeCaller("researcher", { verified: false });
  const p = await offer(unverifiedResearcher.token, { needId: need.id, amountFen: 10_000_000 });
  expect(p.status).toBe(403);
  expect(p.body.error.code).toBe("organization_unverified");
  expect(await prisma.offer.count()).toBe(before);

  // verified organizations still can
  expect((await offer(buyer.token, { resultId: result.id, amountFen: 10_000_000 })).status).toBe(201);
});

test("an unverified organization keeps contract drafts but cannot submit them", async () => {
  const seller = await makeCaller("researcher", { verified: false });
  const buyer = await makeCaller("company");
  const draft = await postContract(seller, contractBody(seller.org!, buyer.org!));
  expect(draft.status).toBe(201);
  const submitted = await submit(seller, draft.body.id);
  expect(submitted.status).toBe(403);
  expect(submitted.body.error.code).toBe("organization_unverified");
  expect((await prisma.contract.findUniqueOrThrow({ where: { id: draft.body.id } })).status).toBe("draft");
});

const post = (route: { action: unknown }, path: string, token: string | null, body: unknown = {}, id?: string) =>
  call(
    route.action as Parameters<typeof call>[0],
    apiRequest("POST", path, { ...(token ? { token } : {}), body }),
    id ? { id } : {},
  );

test("the refusal says verification is pending and what to do, in both languages", async () => {
  const seller = await makeCaller("researcher");
  const result = await publishedResult(seller.org!);
  const unverified = await makeCaller("company", { verified: false });
  const o = await offer(unverified.token, { resultId: result.id, amountFen: 10_000_000 });
  expect(o.body.error.message).toMatch(/尚未通过科技局认证.*等待科技局认证/);
  expect(o.body.error.message).toMatch(/not verified by the bureau yet.*wait for the bureau to verify it/);
});

test("allowed once the bureau verifies the organization", async () => {
  const seller = await makeCaller("researcher");
  const result = await publishedResult(seller.org!);
  const company = await makeCaller("company", { verified: false });
  expect((await offer(company.token, { resultId: result.id, amountFen: 10_000_000 })).status).toBe(403);
  const bureau = await makeCaller("bureau");
  const verifyRoute = await import("../../app/routes/api.v1.organizations.$id.verify.ts");
  const v = await post(
    verifyRoute,
    `/api/v1/organizations/${company.org!.id}/verify`,
    bureau.token,
    {},
    company.org!.id,
  );
  expect(v.status).toBe(200);
  expect((await offer(company.token, { resultId: result.id, amountFen: 10_000_000 })).status).toBe(201);
});

test("refusals around offers: another organization, another role and anonymous callers", async () => {
  const seller = await makeCaller("researcher");
  const result = await publishedResult(seller.org!);
  // a researcher makes no offers on results, a bureau user belongs to no organization
  expect((await offer((await makeCaller("researcher")).token, { resultId: result.id, amountFen: 1 })).status).toBe(403);
  expect((await offer((await makeCaller("bureau")).token, { resultId: result.id, amountFen: 1 })).status).toBe(403);
  const anonymous = await call(
    offersRoute.action,
    apiRequest("POST", "/api/v1/offers", { body: { resultId: result.id, amountFen: 1 } }),
  );
  expect(anonymous.status).toBe(401);
  // the seller's own organization cannot offer on its own result
  expect((await offer(seller.token, { resultId: result.id, amountFen: 1 })).status).toBe(403);
});

test("an organization that lost its verification can neither counter nor accept; messages still go through", async () => {
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company");
  const result = await publishedResult(seller.org!);
  const made = await offer(buyer.token, { resultId: result.id, amountFen: 10_000_000 });
  expect(made.status).toBe(201);
  // the bureau's verification withdrawn (e.g. a licence revoked): the seller is back to drafts only
  await prisma.organization.update({ where: { id: seller.org!.id }, data: { verifiedAt: null } });
  const messages = await import("../../app/routes/api.v1.offers.$id.messages.ts");
  const accept = await import("../../app/routes/api.v1.offers.$id.accept.ts");
  const id = made.body.id as string;
  const counter = await post(
    messages,
    `/api/v1/offers/${id}/messages`,
    seller.token,
    {
      body: "再加一点",
      counterAmountFen: 12_000_000,
    },
    id,
  );
  expect(counter.status).toBe(403);
  expect(counter.body.error.code).toBe("organization_unverified");
  const accepted = await post(accept, `/api/v1/offers/${id}/accept`, seller.token, {}, id);
  expect(accepted.status).toBe(403);
  expect(accepted.body.error.code).toBe("organization_unverified");
  expect((await prisma.offer.findUniqueOrThrow({ where: { id } })).status).toBe("open");
  const plain = await post(messages, `/api/v1/offers/${id}/messages`, seller.token, { body: "正在办理认证" }, id);
  expect(plain.status).toBe(201);
  // and the thread marks it for the other side
  const offerRoute = await import("../../app/routes/api.v1.offers.$id.ts");
  const seen = await call(offerRoute.loader, apiRequest("GET", `/api/v1/offers/${id}`, { token: buyer.token }), { id });
  expect(seen.body.toOrg).toMatchObject({ id: seller.org!.id, verified: false });
  expect(seen.body.fromOrg).toMatchObject({ id: buyer.org!.id, verified: true });
});

test("a broker of an unverified organization cannot file a lead", async () => {
  const buyer = await makeCaller("company");
  const seller = await makeCaller("researcher");
  const broker = await makeCaller("broker", { verified: false, orgKind: "agency" });
  const leads = await import("../../app/routes/api.v1.leads.ts");
  const before = await prisma.lead.count();
  const r = await post(leads, "/api/v1/leads", broker.token, {
    buyerOrgId: buyer.org!.id,
    sellerOrgId: seller.org!.id,
    note: "介绍双方认识",
  });
  expect(r.status).toBe(403);
  expect(r.body.error.code).toBe("organization_unverified");
  expect(await prisma.lead.count()).toBe(before);
});
