// The consent rule on existing data and on the pages: the migration's backfill confirms both
// parties of contracts past the draft stage (a returned one stays submittable) and the creator's
// side of party-entered drafts; the contract page shows who confirmed and lets a party confirm.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { cookieFor } from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as contractPage from "../../app/routes/contracts.$id.tsx";
import { makeCaller } from "../factories.ts";
import { confirm, contractBody, postContract, review, submit } from "../api/contracts-helpers.ts";

const dir = path.resolve("prisma/migrations");
const migration = readdirSync(dir).find((d) => d.endsWith("_contract_confirmations"))!;
/** The backfill statements of the migration, as they ran on production data. */
const backfill = readFileSync(path.join(dir, migration, "migration.sql"), "utf8")
  .split("-- Backfill")[1]!
  .replace(/^[^\n]*\n/, "")
  .split(/;\s*\n/)
  .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
  .filter(Boolean);

test("the migration's backfill keeps older contracts submittable and records the creator's side of drafts", async () => {
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company");
  const broker = await makeCaller("broker");
  const bureau = await makeCaller("bureau");
  const returned = await postContract(broker, contractBody(seller.org!, buyer.org!, { brokerOrgId: broker.org!.id }));
  await confirm(buyer, returned.body.id);
  await confirm(seller, returned.body.id);
  expect((await submit(broker, returned.body.id)).status).toBe(200);
  expect((await review(bureau, returned.body.id, "return", "请补正")).status).toBe(200);
  const draftBySeller = await postContract(seller, contractBody(seller.org!, buyer.org!));
  const draftByBroker = await postContract(
    broker,
    contractBody(seller.org!, buyer.org!, { brokerOrgId: broker.org!.id }),
  );

  // as before the rule: no confirmations at all
  await prisma.contractConfirmation.deleteMany();
  expect((await submit(seller, returned.body.id)).body.error.code).toBe("consent_required");
  expect(backfill).toHaveLength(2);
  for (const statement of backfill) await prisma.$executeRawUnsafe(statement);

  const rows = await prisma.contractConfirmation.findMany({ orderBy: [{ contractId: "asc" }, { party: "asc" }] });
  const of = (id: string) => rows.filter((r) => r.contractId === id);
  expect(of(returned.body.id).map((r) => [r.party, r.orgId, r.userId])).toEqual([
    ["buyer", buyer.org!.id, null],
    ["seller", seller.org!.id, null],
  ]);
  expect(of(draftBySeller.body.id).map((r) => [r.party, r.userId])).toEqual([["seller", seller.user.id]]);
  expect(of(draftByBroker.body.id)).toEqual([]);
  // the backfilled hash is the app's: the confirmations count
  expect((await submit(seller, returned.body.id)).status).toBe(200);
  expect((await confirm(buyer, draftBySeller.body.id)).status).toBe(200);
  expect((await submit(seller, draftBySeller.body.id)).status).toBe(200);
});

test("the contract page shows each party's confirmation and lets a party member confirm", async () => {
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company");
  const bureau = await makeCaller("bureau");
  const { body } = await postContract(seller, contractBody(seller.org!, buyer.org!));
  const params = { id: body.id };
  const load = async (userId: string) =>
    contractPage.loader({
      request: new Request(`http://localhost/contracts/${body.id}`, { headers: { Cookie: await cookieFor(userId) } }),
      params,
      context: {},
    } as never);

  const forBuyer = await load(buyer.user.id);
  expect(forBuyer.contract.consent).toEqual({ required: true, missing: ["buyer"], canConfirm: true });
  expect((await load(seller.user.id)).contract.consent.canConfirm).toBe(false);

  const confirmed = (await contractPage.action({
    request: new Request(`http://localhost/contracts/${body.id}`, {
      method: "POST",
      headers: { Cookie: await cookieFor(buyer.user.id) },
      body: new URLSearchParams({ intent: "confirm" }),
    }),
    params,
    context: {},
  } as never)) as Response;
  expect(confirmed.status).toBe(302);
  expect(confirmed.headers.get("Location")).toBe(`/contracts/${body.id}?done=confirmed`);

  // the bureau's review sees who confirmed and when
  const forBureau = await load(bureau.user.id);
  expect(forBureau.contract.consent).toEqual({ required: true, missing: [], canConfirm: false });
  expect(forBureau.contract.confirmations.map((k) => [k.party, forBureau.actors[k.userId!]])).toEqual([
    ["seller", seller.user.name],
    ["buyer", buyer.user.name],
  ]);
  expect(forBureau.contract.auditTrail.map((e) => e.action)).toContain("confirm");
});
