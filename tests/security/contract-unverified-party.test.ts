// A contract goes to the bureau only between verified organizations: a verified seller could put
// a contract with an unverified buyer into the registration queue (only the submitter's own
// organization was checked). Now submitting — by a party, a broker or the bureau — answers 403
// organization_unverified naming the unverified party, and the bureau cannot register one whose
// party is unverified; historical imports stay exempt (docs/decisions/0019-organization-trust.md).
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { makeCaller } from "../factories.ts";
import { confirm, contractBody, postContract, review, submit } from "../api/contracts-helpers.ts";

test("verified seller, unverified buyer: 403 organization_unverified naming the buyer, still a draft", async () => {
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company", { verified: false });
  const draft = await postContract(seller, contractBody(seller.org!, buyer.org!));
  expect(draft.status).toBe(201);
  expect(draft.body.buyer.verified).toBe(false);
  expect(draft.body.seller.verified).toBe(true);
  // both confirm (consent is not what stops it)
  expect((await confirm(seller, draft.body.id)).status).toBe(200);
  expect((await confirm(buyer, draft.body.id)).status).toBe(200);

  const refused = await submit(seller, draft.body.id);
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("organization_unverified");
  expect(refused.body.error.message).toContain(buyer.org!.name);
  expect(refused.body.error.message).toMatch(/买方.*尚未通过科技局认证.*\/ The buyer .* is not verified/);
  expect(Object.keys(refused.body.error.fields)).toEqual(["buyerOrgId"]);
  const row = await prisma.contract.findUniqueOrThrow({ where: { id: draft.body.id } });
  expect(row.status).toBe("draft");
  expect(row.submittedAt).toBeNull();

  // once the bureau verifies the buyer, the same submission goes through
  await prisma.organization.update({ where: { id: buyer.org!.id }, data: { verifiedAt: new Date() } });
  expect((await submit(seller, draft.body.id)).status).toBe(200);
});

test("the bureau cannot submit one either, and names both parties when both are unverified", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeCaller("researcher", { verified: false });
  const buyer = await makeCaller("company", { verified: false });
  const draft = await postContract(bureau, contractBody(seller.org!, buyer.org!));
  expect(draft.status).toBe(201);
  const refused = await submit(bureau, draft.body.id);
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("organization_unverified");
  expect(Object.keys(refused.body.error.fields).sort()).toEqual(["buyerOrgId", "sellerOrgId"]);
  expect(refused.body.error.message).toContain(seller.org!.name);
  expect(refused.body.error.message).toContain(buyer.org!.name);
});

test("registering: a submitted contract whose party is no longer verified is refused, nothing registered", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company");
  const draft = await postContract(bureau, contractBody(seller.org!, buyer.org!));
  expect((await submit(bureau, draft.body.id)).status).toBe(200);
  // verification withdrawn in the database (the app never does it): the same rule applies at once
  await prisma.organization.update({ where: { id: seller.org!.id }, data: { verifiedAt: null } });
  const refused = await review(bureau, draft.body.id, "register");
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("organization_unverified");
  expect(refused.body.error.fields).toHaveProperty("sellerOrgId");
  const row = await prisma.contract.findUniqueOrThrow({ where: { id: draft.body.id } });
  expect(row.status).toBe("submitted");
  expect(row.registrationNumber).toBeNull();
  // returning it for correction still works
  expect((await review(bureau, draft.body.id, "return", "请先办理机构认证")).status).toBe(200);
});

test("refusals of submit stay: another organization 404, another role 403, anonymous 401", async () => {
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company", { verified: false });
  const draft = await postContract(seller, contractBody(seller.org!, buyer.org!));
  const stranger = await makeCaller("researcher");
  expect((await submit(stranger, draft.body.id)).status).toBe(404);
  // the buyer's side does not submit (the seller side, broker or bureau does)
  const buyerMember = { ...buyer };
  expect((await submit(buyerMember, draft.body.id)).status).toBe(403);
  const anon = await submit({ ...seller, token: "" }, draft.body.id);
  expect(anon.status).toBe(401);
});
