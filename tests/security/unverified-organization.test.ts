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
