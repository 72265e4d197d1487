// Finding: POST /api/v1/contracts with another organization's pending resultId answered 201 and
// echoed the unpublished listing's title. Linking a listing needs read access to it: otherwise
// 404, the title never echoed, nothing stored. Offers already refuse unpublished listings.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { contractBody, postContract, publishedNeed, publishedResult } from "../api/contracts-helpers.ts";
import * as offersRoute from "../../app/routes/api.v1.offers.ts";

const SECRET = "未公开的钨合金秘密工艺";

test("another organization's pending or draft result or need cannot be linked: 404 without its title", async () => {
  const owner = await makeCaller("researcher");
  const company = await makeCaller("company");
  const seller = await makeCaller("researcher");
  for (const status of ["pending_review", "draft", "rejected"] as const) {
    const result = await publishedResult(owner.org!, { title: SECRET });
    await prisma.result.update({ where: { id: result.id }, data: { status, publishedAt: null } });
    const before = await prisma.contract.count();
    const linked = await postContract(company, contractBody(seller.org!, company.org!, { resultId: result.id }));
    expect(linked.status).toBe(404);
    expect(linked.body.error.code).toBe("not_found");
    expect(JSON.stringify(linked.body)).not.toContain(SECRET);
    expect(await prisma.contract.count()).toBe(before);
  }
  const need = await publishedNeed(owner.org!, { status: "draft" });
  await prisma.need.update({ where: { id: need.id }, data: { title: SECRET, publishedAt: null } });
  const linkedNeed = await postContract(company, contractBody(seller.org!, company.org!, { needId: need.id }));
  expect(linkedNeed.status).toBe(404);
  expect(JSON.stringify(linkedNeed.body)).not.toContain(SECRET);

  // an unknown id stays a 400 naming the field
  const unknown = await postContract(company, contractBody(seller.org!, company.org!, { resultId: "nope" }));
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.fields).toHaveProperty("resultId");

  // offers on it are refused the same way
  const result = await publishedResult(owner.org!, { title: SECRET });
  await prisma.result.update({ where: { id: result.id }, data: { status: "pending_review", publishedAt: null } });
  const offer = await call(
    offersRoute.action,
    apiRequest("POST", "/api/v1/offers", { token: company.token, body: { resultId: result.id, amountFen: 1000 } }),
  );
  expect(offer.status).toBe(404);
  expect(JSON.stringify(offer.body)).not.toContain(SECRET);
});

test("a published listing, or one's own pending one, can still be linked", async () => {
  const owner = await makeCaller("researcher");
  const company = await makeCaller("company");
  const published = await publishedResult(owner.org!, { title: "公开的成果" });
  const ok = await postContract(company, contractBody(owner.org!, company.org!, { resultId: published.id }));
  expect(ok.status).toBe(201);
  expect(ok.body.result.title).toBe("公开的成果");

  const own = await publishedResult(owner.org!, { title: "本单位待审成果" });
  await prisma.result.update({ where: { id: own.id }, data: { status: "pending_review", publishedAt: null } });
  const mine = await postContract(owner, contractBody(owner.org!, company.org!, { resultId: own.id }));
  expect(mine.status).toBe(201);
  // the bureau reads everything
  const bureau = await makeCaller("bureau");
  const staff = await postContract(bureau, contractBody(owner.org!, company.org!, { resultId: own.id }));
  expect(staff.status).toBe(201);
});
