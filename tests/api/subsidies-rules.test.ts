// Subsidies: the annual cap is shared in registration order, not in the order applications arrive
// (docs/decisions/0021); and what the README says about programmes stays true — the two seeded
// programmes' figures in its table and its example of adding one.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { ganzhouProgramme, jiangxiProgramme } from "../../app/subsidies/programmes.server.ts";
import { makeCaller } from "../factories.ts";
import { YEAR, apply, contract, createProgramme, decide, itemOf, paid, party, programme } from "./subsidies-helpers.ts";

test("the annual cap in registration order: a later contract that applied first does not crowd out an earlier one; earlier pending ones hold their share against later ones", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await party("researcher");
  const buyer = await party("company");
  // 10% of 80万 = 8万 → 5万 per contract; 8万 per organization and year
  const p = await programme(bureau, {}, { capPerOrgYearFen: 8_000_000 });
  const [a, b, c, d] = [
    await contract(bureau, seller, buyer),
    await contract(bureau, seller, buyer),
    await contract(bureau, seller, buyer),
    await contract(bureau, seller, buyer),
  ];
  // registered a minute apart, in that order (not left to the clock's resolution)
  const base = Date.now() - 10 * 60_000;
  for (const [i, x] of [a, b, c, d].entries()) {
    await prisma.contract.update({ where: { id: x.id }, data: { registeredAt: new Date(base + i * 60_000) } });
    await paid(x, 80_000_000);
  }

  // the third contract applies first: nothing registered before it holds anything
  const rc = await apply(buyer, { contractId: c.id, programme: p.code, role: "buyer" });
  expect(rc.body.application).toMatchObject({ amountFen: 5_000_000, cappedBy: "contract" });
  // the second still gets its full 5万 (were arrival order the rule, only 3万 would be left)
  expect(await itemOf(buyer, b.id, p.code)).toMatchObject({ amountFen: 5_000_000, cappedBy: "contract" });
  const rb = await apply(buyer, { contractId: b.id, programme: p.code, role: "buyer" });
  expect(rb.body.application.amountFen).toBe(5_000_000);
  // the last one registered: b and c, registered earlier, hold 10万 of the 8万 → nothing left
  const last = await itemOf(buyer, d.id, p.code);
  expect(last).toMatchObject({ amountFen: 0, eligible: false, cappedBy: "annual" });
  expect(last.codes).toContain("annual_cap_reached");
  // the first one registered is not crowded out by the later pending ones
  expect(await itemOf(buyer, a.id, p.code)).toMatchObject({ amountFen: 5_000_000, eligible: true });
  const ra = await apply(buyer, { contractId: a.id, programme: p.code, role: "buyer" });
  expect(ra.body.application.amountFen).toBe(5_000_000);

  // approvals hold the cap whatever the order: the first approved keeps its money, the next that
  // would pass 8万 is refused and stays pending
  expect((await decide(bureau, ra.body.application.id, { decision: "approve" })).status).toBe(200);
  const refused = await decide(bureau, rb.body.application.id, { decision: "approve" });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("annual_cap_exceeded");
  const statuses = await prisma.subsidyApplication.findMany({
    where: { programmeCode: p.code },
    select: { contractId: true, status: true },
  });
  expect(Object.fromEntries(statuses.map((s) => [s.contractId, s.status]))).toEqual({
    [a.id]: "approved",
    [b.id]: "pending",
    [c.id]: "pending",
  });
});

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const wan = (fen: number | null) => `¥${((fen ?? 0) / 1_000_000).toLocaleString("en")}万`;

test("the README's table shows the two seeded programmes as they are seeded", () => {
  for (const p of [jiangxiProgramme(YEAR), ganzhouProgramme(YEAR)]) {
    const row = README.split("\n").find((l) => l.startsWith(`| \`${p.code}\` |`));
    expect(row, `a README row for ${p.code}`).toBeTruthy();
    expect(row).toContain(p.name.zh);
    expect(row).toContain(p.mode === "auto" ? "免申即享" : "(apply)");
    expect(row).toContain(wan(p.budgetFen));
    for (const r of p.rules) {
      const text = `${r.role} ${r.rateBp / 100}%, ${wan(r.capPerContractFen)}, ${wan(r.capPerOrgYearFen)}`;
      expect(row, `${p.code}: ${text}`).toContain(text);
    }
  }
});

test("the README's example of adding a programme works as written", async () => {
  const block = /curl -X POST http:\/\/localhost:3000\/api\/v1\/subsidies\/programmes[\s\S]*?-d '([\s\S]*?)'\n```/.exec(
    README,
  );
  expect(block, "the README has the curl example").toBeTruthy();
  const body = JSON.parse(block![1]!) as { code: string; rules: unknown[] };
  const bureau = await makeCaller("bureau");
  // a code of its own, so the test can run again on the same database (versions may not overlap)
  const r = await createProgramme(bureau, { ...body, code: `${body.code}-${Date.now()}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.programme).toMatchObject({ mode: "apply", budgetFen: 50_000_000 });
  expect(r.body.programme.rules).toEqual([
    expect.objectContaining({
      role: "seller",
      rateBp: 300,
      capPerContractFen: 5_000_000,
      capPerOrgYearFen: 20_000_000,
      basis: "paid",
    }),
  ]);
  // and the 400s the README promises
  const rule = body.rules[0] as Record<string, unknown>;
  const bad = await createProgramme(bureau, {
    ...body,
    code: `${body.code}-bad-${Date.now()}`,
    rules: [{ ...rule, rateBp: 10_001 }],
  });
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields).toHaveProperty("rules.0.rateBp");
});
