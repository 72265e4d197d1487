// Offers and negotiation over the API: who may offer on what, counter-offers switching
// who must answer, accept/reject/withdraw rules, 409 from closed states, concurrent accept vs
// withdraw, notifications, audit.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as offersRoute from "../../app/routes/api.v1.offers.ts";
import * as offerRoute from "../../app/routes/api.v1.offers.$id.ts";
import * as messagesRoute from "../../app/routes/api.v1.offers.$id.messages.ts";
import * as acceptRoute from "../../app/routes/api.v1.offers.$id.accept.ts";
import * as rejectRoute from "../../app/routes/api.v1.offers.$id.reject.ts";
import * as withdrawRoute from "../../app/routes/api.v1.offers.$id.withdraw.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { publishedNeed, publishedResult, type Caller } from "./contracts-helpers.ts";

const offer = (c: Caller, body: unknown) =>
  call(offersRoute.action, apiRequest("POST", "/api/v1/offers", { token: c.token, body }));
const get = (c: Caller, id: string) =>
  call(offerRoute.loader, apiRequest("GET", `/api/v1/offers/${id}`, { token: c.token }), { id });
const message = (c: Caller, id: string, body: unknown) =>
  call(messagesRoute.action, apiRequest("POST", `/api/v1/offers/${id}/messages`, { token: c.token, body }), { id });
const routes = { accept: acceptRoute, reject: rejectRoute, withdraw: withdrawRoute };
const close = (c: Caller, id: string, what: keyof typeof routes) =>
  call(routes[what].action, apiRequest("POST", `/api/v1/offers/${id}/${what}`, { token: c.token }), { id });

test("a company offers on a published result; a counter-offer makes the company the side to answer; it accepts", async () => {
  const researcher = await makeCaller("researcher");
  const colleague = await makeCaller("researcher", { org: researcher.org });
  const company = await makeCaller("company");
  const result = await publishedResult(researcher.org!);

  const created = await offer(company, {
    resultId: result.id,
    amountFen: 30_000_000,
    mode: "license",
    message: "希望获得许可",
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    kind: "offer",
    status: "open",
    amountFen: 30_000_000,
    mode: "license",
    fromOrg: { id: company.org!.id },
    toOrg: { id: researcher.org!.id },
    awaitingOrgId: researcher.org!.id,
  });
  const id = created.body.id;
  // the other side is told: a notification and a mail per user of the result's organization
  const notes = await prisma.notification.findMany({
    where: { userId: { in: [researcher.user.id, colleague.user.id] } },
  });
  expect(notes).toHaveLength(2);
  expect(await prisma.outboxMail.count({ where: { to: { in: [researcher.user.email, colleague.user.email] } } })).toBe(
    2,
  );

  // the company cannot accept its own offer; the researcher side counters
  expect((await close(company, id, "accept")).status).toBe(403);
  const counter = await message(researcher, id, { body: "许可费需 40 万元", counterAmountFen: 40_000_000 });
  expect(counter.status).toBe(201);
  expect(counter.body.offer).toMatchObject({ amountFen: 40_000_000, awaitingOrgId: company.org!.id });
  // now the researcher side cannot accept (it made the current offer), the company can
  expect((await close(researcher, id, "accept")).status).toBe(403);
  // a plain message does not switch who must answer
  const chat = await message(company, id, { body: "我们内部讨论一下" });
  expect(chat.body.offer.awaitingOrgId).toBe(company.org!.id);

  const accepted = await close(company, id, "accept");
  expect(accepted.status).toBe(200);
  expect(accepted.body).toMatchObject({ status: "accepted", amountFen: 40_000_000, closedById: company.user.id });

  // the thread, for both parties
  const view = await get(researcher, id);
  expect(view.status).toBe(200);
  expect(view.body.messages.map((m: { body: string }) => m.body)).toEqual([
    "希望获得许可",
    "许可费需 40 万元",
    "我们内部讨论一下",
  ]);
  expect(view.body.messages[1].counterAmountFen).toBe(40_000_000);

  // closed: every further change is a 409
  expect((await close(company, id, "accept")).status).toBe(409);
  expect((await close(researcher, id, "reject")).status).toBe(409);
  expect((await close(researcher, id, "withdraw")).status).toBe(409);
  expect((await message(company, id, { body: "还在吗" })).status).toBe(409);

  const actions = (
    await prisma.auditEvent.findMany({ where: { entityType: "offer", entityId: id }, orderBy: { seq: "asc" } })
  ).map((e) => e.action);
  expect(actions).toEqual(["create", "counter", "message", "accept"]);
});

test("a researcher or broker answers a published need with a proposal; the company rejects it", async () => {
  const company = await makeCaller("company");
  const researcher = await makeCaller("researcher");
  const broker = await makeCaller("broker");
  const need = await publishedNeed(company.org!);

  const proposal = await offer(researcher, {
    needId: need.id,
    amountFen: null,
    mode: "joint_development",
    message: "可合作开发",
  });
  expect(proposal.status).toBe(201);
  expect(proposal.body).toMatchObject({ kind: "proposal", amountFen: null, awaitingOrgId: company.org!.id });
  const viaBroker = await offer(broker, { needId: need.id, amountFen: 10_000_000, message: "经纪方案" });
  expect(viaBroker.status).toBe(201);

  // only the side that must answer rejects; the side that made it withdraws
  expect((await close(researcher, proposal.body.id, "reject")).status).toBe(403);
  expect((await close(company, proposal.body.id, "withdraw")).status).toBe(403);
  const rejected = await close(company, proposal.body.id, "reject");
  expect(rejected.status).toBe(200);
  expect(rejected.body.status).toBe("rejected");

  const withdrawn = await close(broker, viaBroker.body.id, "withdraw");
  expect(withdrawn.body.status).toBe("withdrawn");

  // the list is "mine": the company sees both (received), the researcher only its own
  const companyList = await call(
    offersRoute.loader,
    apiRequest("GET", "/api/v1/offers?side=received", { token: company.token }),
  );
  expect(companyList.body.total).toBe(2);
  const researcherList = await call(
    offersRoute.loader,
    apiRequest("GET", "/api/v1/offers", { token: researcher.token }),
  );
  expect(researcherList.body.items.map((o: { id: string }) => o.id)).toEqual([proposal.body.id]);
});

test("refusals: wrong role, own listing, unpublished listing, no organization, bad input, strangers", async () => {
  const researcher = await makeCaller("researcher");
  const company = await makeCaller("company");
  const otherCompany = await makeCaller("company");
  const bureau = await makeCaller("bureau");
  const result = await publishedResult(researcher.org!);
  const need = await publishedNeed(company.org!);
  const draftNeed = await publishedNeed(otherCompany.org!, { status: "draft" });

  // a researcher does not make offers on results; a company does not answer needs
  expect((await offer(researcher, { resultId: result.id, amountFen: 1 })).status).toBe(403);
  expect((await offer(company, { needId: need.id, amountFen: 1 })).status).toBe(403);
  // bureau staff do not negotiate
  expect((await offer(bureau, { resultId: result.id, amountFen: 1 })).status).toBe(403);
  // own organization's listing
  const colleague = await makeCaller("broker", { org: researcher.org });
  expect((await offer(colleague, { resultId: result.id, amountFen: 1 })).status).toBe(403);
  // an unpublished need of someone else is not there
  expect((await offer(researcher, { needId: draftNeed.id, amountFen: 1 })).status).toBe(404);
  // bad input, naming the field
  const bad = await offer(company, { resultId: result.id, amountFen: "30万" });
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields).toHaveProperty("amountFen");
  expect((await offer(company, { resultId: result.id, needId: need.id, amountFen: 1 })).status).toBe(400);
  expect((await offer(company, { resultId: result.id, amountFen: 1.5 })).body.error.fields).toHaveProperty("amountFen");
  expect((await offer(company, { resultId: result.id, amountFen: -1 })).status).toBe(400);
  expect((await offer(company, { resultId: result.id, amountFen: 1, mode: "gift" })).body.error.fields).toHaveProperty(
    "mode",
  );
  expect(
    (await call(offersRoute.action, apiRequest("POST", "/api/v1/offers", { body: { resultId: result.id } }))).status,
  ).toBe(401);

  const created = await offer(company, { resultId: result.id, amountFen: 1 });
  // a second open offer on the same listing continues in the first one's thread
  expect((await offer(company, { resultId: result.id, amountFen: 2 })).status).toBe(409);
  // strangers see nothing and can do nothing
  expect((await get(otherCompany, created.body.id)).status).toBe(404);
  expect((await get(bureau, created.body.id)).status).toBe(404);
  expect((await message(otherCompany, created.body.id, { body: "hi" })).status).toBe(404);
  expect((await close(otherCompany, created.body.id, "accept")).status).toBe(404);
  expect((await message(company, created.body.id, { body: "" })).body.error.fields).toHaveProperty("body");
  // admins may read
  const admin = await makeCaller("admin");
  expect((await get(admin, created.body.id)).status).toBe(200);
  expect((await close(admin, created.body.id, "accept")).status).toBe(403);
});

test("concurrent accept and withdraw cannot both win", async () => {
  for (let round = 0; round < 5; round++) {
    const researcher = await makeCaller("researcher");
    const company = await makeCaller("company");
    const result = await publishedResult(researcher.org!);
    const { body } = await offer(company, { resultId: result.id, amountFen: 5_000_000 });
    const [accepted, withdrawn] = await Promise.all([
      close(researcher, body.id, "accept"),
      close(company, body.id, "withdraw"),
    ]);
    expect([accepted.status, withdrawn.status].sort()).toEqual([200, 409]);
    const final = await prisma.offer.findUniqueOrThrow({ where: { id: body.id } });
    expect(final.status).toBe(accepted.status === 200 ? "accepted" : "withdrawn");
    const closing = await prisma.auditEvent.count({
      where: { entityId: body.id, action: { in: ["accept", "withdraw"] } },
    });
    expect(closing).toBe(1);
  }
});
