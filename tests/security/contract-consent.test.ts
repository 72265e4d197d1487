// Finding: a broker or company could create and submit a contract between two other organizations,
// at any amount, and it landed in the bureau's queue. A contract not from an accepted offer or a
// won lot now needs a confirmation by a member of each party (buyer, seller) of its current terms
// before submission; changing the terms voids them (docs/decisions/0018-contract-consent.md).
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as confirmRoute from "../../app/routes/api.v1.contracts.$id.confirm.ts";
import * as contractRoute from "../../app/routes/api.v1.contracts.$id.ts";
import * as contractsRoute from "../../app/routes/api.v1.contracts.ts";
import * as offersRoute from "../../app/routes/api.v1.offers.ts";
import * as acceptRoute from "../../app/routes/api.v1.offers.$id.accept.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { contractBody, postContract, publishedResult, review, submit, type Caller } from "../api/contracts-helpers.ts";

const confirm = (c: Caller | null, id: string) =>
  call(confirmRoute.action, apiRequest("POST", `/api/v1/contracts/${id}/confirm`, { token: c?.token }), { id });
const get = (c: Caller, id: string) =>
  call(contractRoute.loader, apiRequest("GET", `/api/v1/contracts/${id}`, { token: c.token }), { id });
const patch = (c: Caller, id: string, body: unknown) =>
  call(contractRoute.action, apiRequest("PATCH", `/api/v1/contracts/${id}`, { token: c.token, body }), { id });
const list = (c: Caller) =>
  call(contractsRoute.loader, apiRequest("GET", "/api/v1/contracts?pageSize=100", { token: c.token }));

async function cast() {
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company");
  const broker = await makeCaller("broker");
  const bureau = await makeCaller("bureau");
  return { seller, buyer, broker, bureau };
}

test("a broker's contract between two other organizations needs both parties' confirmation before it is submitted", async () => {
  const { seller, buyer, broker, bureau } = await cast();
  const created = await postContract(
    broker,
    contractBody(seller.org!, buyer.org!, { brokerOrgId: broker.org!.id, contractAmountFen: 9_000_000_000 }),
  );
  expect(created.status).toBe(201);
  const id = created.body.id;
  // a non-party creator confirms nothing
  expect(created.body.confirmations).toEqual([]);
  // both parties are asked
  for (const who of [seller, buyer]) {
    const note = await prisma.notification.findFirst({
      where: { userId: who.user.id, kind: "contract.confirm_requested" },
    });
    expect(note?.link).toBe(`/contracts/${id}`);
  }
  expect(await prisma.notification.count({ where: { userId: broker.user.id } })).toBe(0);

  const refused = await submit(broker, id);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("consent_required");
  // the message names the missing parties, in both languages
  expect(refused.body.error.message).toContain(seller.org!.name);
  expect(refused.body.error.message).toContain(buyer.org!.name);
  expect(refused.body.error.message).toContain("买方");
  expect(refused.body.error.message).toContain("buyer");

  const byBuyer = await confirm(buyer, id);
  expect(byBuyer.status).toBe(200);
  expect(byBuyer.body.confirmations).toMatchObject([{ party: "buyer", orgId: buyer.org!.id, userId: buyer.user.id }]);
  const stillRefused = await submit(broker, id);
  expect(stillRefused.status).toBe(409);
  expect(stillRefused.body.error.code).toBe("consent_required");
  expect(stillRefused.body.error.message).toContain(seller.org!.name);
  expect(stillRefused.body.error.message).not.toContain(buyer.org!.name);
  expect((await prisma.contract.findUniqueOrThrow({ where: { id } })).status).toBe("draft");

  expect((await confirm(seller, id)).status).toBe(200);
  const submitted = await submit(broker, id);
  expect(submitted.status).toBe(200);
  expect(submitted.body.status).toBe("submitted");

  // the bureau sees who confirmed and when, on the contract and in its queue
  const seen = await get(bureau, id);
  expect(seen.body.confirmations).toHaveLength(2);
  const byParty = Object.fromEntries(
    seen.body.confirmations.map((k: { party: string; userId: string; confirmedAt: string }) => [k.party, k]),
  );
  expect(byParty.buyer.userId).toBe(buyer.user.id);
  expect(byParty.seller.userId).toBe(seller.user.id);
  expect(Date.parse(byParty.seller.confirmedAt)).toBeGreaterThan(Date.now() - 60_000);
  const queue = await call(
    contractsRoute.loader,
    apiRequest("GET", "/api/v1/contracts?status=submitted&pageSize=100", { token: bureau.token }),
  );
  const row = queue.body.items.find((c: { id: string }) => c.id === id);
  expect(row.confirmations.map((k: { party: string }) => k.party).sort()).toEqual(["buyer", "seller"]);
  // one audit event per confirmation, naming who
  const confirms = await prisma.auditEvent.findMany({ where: { entityId: id, action: "confirm" } });
  expect(confirms.map((e) => e.actorId).sort()).toEqual([buyer.user.id, seller.user.id].sort());

  // a confirmation once submitted: 409 with a clear code
  const late = await confirm(buyer, id);
  expect(late.status).toBe(409);
  expect(late.body.error.code).toBe("invalid_state");
  expect((await review(bureau, id, "register")).status).toBe(200);
  expect((await confirm(seller, id)).body.error.code).toBe("invalid_state");
});

test("a company naming itself broker gets the same refusal; a party member's entry confirms their own side", async () => {
  const { seller, buyer } = await cast();
  const third = await makeCaller("company");
  const { body } = await postContract(third, contractBody(seller.org!, buyer.org!, { brokerOrgId: third.org!.id }));
  expect((await submit(third, body.id)).body.error.code).toBe("consent_required");

  // the seller entering it confirms the seller side only
  const own = await postContract(seller, contractBody(seller.org!, buyer.org!));
  expect(own.body.confirmations).toMatchObject([{ party: "seller", userId: seller.user.id }]);
  const missing = await submit(seller, own.body.id);
  expect(missing.status).toBe(409);
  expect(missing.body.error.message).toContain(buyer.org!.name);
  expect(missing.body.error.message).not.toContain(seller.org!.name);
  const link = `/contracts/${own.body.id}`;
  expect(
    await prisma.notification.count({ where: { userId: buyer.user.id, kind: "contract.confirm_requested", link } }),
  ).toBe(1);
  expect(await prisma.notification.count({ where: { userId: seller.user.id, link } })).toBe(0);
  expect((await confirm(buyer, own.body.id)).status).toBe(200);
  expect((await submit(seller, own.body.id)).status).toBe(200);
});

test("changing the terms after a confirmation voids it; the other side must confirm the new terms", async () => {
  const { seller, buyer, broker } = await cast();
  const { body } = await postContract(broker, contractBody(seller.org!, buyer.org!, { brokerOrgId: broker.org!.id }));
  await confirm(buyer, body.id);
  await confirm(seller, body.id);

  // the broker raises the amount: both confirmations are void
  const raised = await patch(broker, body.id, { contractAmountFen: 500_000_000 });
  expect(raised.status).toBe(200);
  expect(raised.body.confirmations).toEqual([]);
  expect((await submit(broker, body.id)).body.error.code).toBe("consent_required");
  const asked = await prisma.notification.count({
    where: { userId: { in: [seller.user.id, buyer.user.id] }, kind: "contract.confirm_requested" },
  });
  expect(asked).toBe(4);

  await confirm(buyer, body.id);
  // the seller changes the dates: the seller confirms what it typed, the buyer's confirmation is void
  const changed = await patch(seller, body.id, { signedAt: "2026-03-02" });
  expect(changed.body.confirmations).toMatchObject([{ party: "seller", userId: seller.user.id }]);
  const refused = await submit(broker, body.id);
  expect(refused.body.error.code).toBe("consent_required");
  expect(refused.body.error.message).toContain(buyer.org!.name);
  expect(refused.body.error.message).not.toContain(seller.org!.name);

  // a PATCH that changes nothing voids nothing
  await confirm(buyer, body.id);
  expect((await patch(broker, body.id, { signedAt: "2026-03-02" })).body.confirmations).toHaveLength(2);
  // swapping in another buyer organization voids the buyer's confirmation (its consent was for itself)
  const other = await makeCaller("company");
  const swapped = await patch(broker, body.id, { buyerOrgId: other.org!.id });
  expect(swapped.body.confirmations).toEqual([]);
  expect((await confirm(buyer, body.id)).status).toBe(404);
  expect((await confirm(other, body.id)).status).toBe(200);
  expect((await confirm(seller, body.id)).status).toBe(200);
  expect((await submit(broker, body.id)).status).toBe(200);
});

test("confirmation is refused to another organization, another role and an anonymous caller; twice is once", async () => {
  const { seller, buyer, broker, bureau } = await cast();
  const outsider = await makeCaller("company");
  const subcentreStaff = await makeCaller("subcentre", { org: buyer.org });
  const { body } = await postContract(broker, contractBody(seller.org!, buyer.org!, { brokerOrgId: broker.org!.id }));
  const before = await prisma.contractConfirmation.count();

  expect((await confirm(null, body.id)).status).toBe(401);
  expect((await confirm(outsider, body.id)).status).toBe(404);
  // the broker and the bureau can read it, but are no party
  expect((await confirm(broker, body.id)).status).toBe(403);
  expect((await confirm(bureau, body.id)).status).toBe(403);
  // a member of the buyer organization whose role has no contract rights
  expect([403, 404]).toContain((await confirm(subcentreStaff, body.id)).status);
  expect((await confirm(buyer, "no-such-contract")).status).toBe(404);
  expect(await prisma.contractConfirmation.count()).toBe(before);

  const first = await confirm(buyer, body.id);
  const second = await confirm(buyer, body.id);
  expect(first.status).toBe(200);
  expect(second.status).toBe(200);
  expect(second.body.confirmations).toEqual(first.body.confirmations);
  expect(await prisma.contractConfirmation.count({ where: { contractId: body.id } })).toBe(1);
  expect(await prisma.auditEvent.count({ where: { entityId: body.id, action: "confirm" } })).toBe(1);
  // parallel double clicks: still one confirmation
  const [a, b] = await Promise.all([confirm(seller, body.id), confirm(seller, body.id)]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(await prisma.contractConfirmation.count({ where: { contractId: body.id } })).toBe(2);
});

test("contracts from an accepted offer are unaffected; the bureau registers paper contracts it enters itself", async () => {
  const { seller, buyer, bureau } = await cast();
  const result = await publishedResult(seller.org!);
  const offer = await call(
    offersRoute.action,
    apiRequest("POST", "/api/v1/offers", { token: buyer.token, body: { resultId: result.id, amountFen: 30_000_000 } }),
  );
  const offerId = offer.body.id;
  expect(
    (
      await call(acceptRoute.action, apiRequest("POST", `/api/v1/offers/${offerId}/accept`, { token: seller.token }), {
        id: offerId,
      })
    ).status,
  ).toBe(200);
  const fromOffer = await postContract(seller, {
    offerId,
    type: "transfer",
    subtype: "patent",
    signedAt: "2026-03-01",
    nonTechnicalCostsFen: 0,
  });
  expect(fromOffer.status).toBe(201);
  expect(fromOffer.body.confirmations).toEqual([]);
  expect((await submit(seller, fromOffer.body.id)).status).toBe(200);

  // the bureau's counter: it enters and submits a signed paper contract itself
  const paper = await postContract(bureau, contractBody(seller.org!, buyer.org!));
  expect((await submit(bureau, paper.body.id)).status).toBe(200);
});

test("a non-party creator reads what it created, never the parties' other contracts", async () => {
  const { seller, buyer, broker } = await cast();
  const mine = await postContract(broker, contractBody(seller.org!, buyer.org!, { brokerOrgId: broker.org!.id }));
  const theirs = await postContract(seller, contractBody(seller.org!, buyer.org!, { title: "双方自行签订的合同" }));
  expect((await get(broker, mine.body.id)).status).toBe(200);
  expect((await get(broker, theirs.body.id)).status).toBe(404);
  expect((await confirm(broker, theirs.body.id)).status).toBe(404);
  expect((await submit(broker, theirs.body.id)).status).toBe(404);
  const ids = (await list(broker)).body.items.map((c: { id: string }) => c.id);
  expect(ids).toContain(mine.body.id);
  expect(ids).not.toContain(theirs.body.id);
  // the parties see both
  for (const who of [seller, buyer]) {
    const seen = (await list(who)).body.items.map((c: { id: string }) => c.id);
    expect(seen).toEqual(expect.arrayContaining([mine.body.id, theirs.body.id]));
  }
});
