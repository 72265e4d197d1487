// Demo deal flow: the plan's invariants (pure), an older demo database left alone, and an
// interrupted run finished by the next start without doing anything twice (real database; this
// file gets its own, and its tests build on each other).
import { expect, test } from "vitest";
import { verifyAuditChain } from "../app/audit/audit.server.ts";
import { contractCreateSchema, importLineSchema } from "../app/contracts/schemas.ts";
import { CONTRACT_TYPES } from "../app/domain/catalog.ts";
import { GANZHOU_COUNTIES, isBayArea } from "../app/domain/regions.ts";
import { prisma } from "../app/db/db.server.ts";
import { offerCreateSchema } from "../app/offers/schemas.ts";
import { verifyContractStats } from "../app/stats/stats.server.ts";
import { ACCOUNTS, ORGANIZATIONS } from "./data/index.ts";
import type { DemoDeals } from "./deal-shapes.ts";
import { generateDemoDeals } from "./deals.ts";
import { DEMO_SEED, generateDemoData } from "./generate.ts";
import { DEMO_CONTRACTS_MARKER_KEY, DEMO_MARKER_KEY, seedDemoContracts, seedDemoData } from "./seed.server.ts";
import { seedDemoDataOnce } from "./seed-once.server.ts";
import { shanghaiDayString, shanghaiYearMonth } from "../app/domain/time.ts";
import { REGISTRATION_NUMBER_RE } from "../app/contracts/registration-number.ts";

const NOW = new Date("2026-11-28T04:00:00Z");
const DAY = 86_400_000;
const data = generateDemoData(DEMO_SEED, { now: NOW });
const deals = generateDemoDeals(data, { now: NOW });
const org = new Map(ORGANIZATIONS.map((o) => [o.key, o]));
const wan = (fen: number) => fen / 1_000_000;
const yearOf = (d: Date) => shanghaiYearMonth(d).year;

// ------------------------------------------------------------------ the plan (no database)

test("the plan is deterministic; only dates follow the seeding time", () => {
  expect(generateDemoDeals(data, { now: NOW })).toEqual(deals);
  expect(deals).toMatchObject({ lastYear: 2025, thisYear: 2026 });

  // a week later, same year: last year unchanged, this year's back-dated registrations grow
  const later = generateDemoDeals(generateDemoData(DEMO_SEED, { now: new Date(NOW.getTime() + 7 * DAY) }), {
    now: new Date(NOW.getTime() + 7 * DAY),
  });
  const lastOf = (d: DemoDeals) => d.imported.filter((c) => yearOf(c.registeredAt) === d.lastYear);
  const thisOf = (d: DemoDeals) => d.imported.filter((c) => yearOf(c.registeredAt) === d.thisYear);
  expect(lastOf(later)).toEqual(lastOf(deals));
  expect(thisOf(later).length).toBeGreaterThanOrEqual(thisOf(deals).length);
  expect(
    thisOf(later)
      .slice(0, thisOf(deals).length)
      .map((c) => c.key),
  ).toEqual(thisOf(deals).map((c) => c.key));

  // a year later: the same deals (keys, parties, titles, amounts), one year on
  const next = generateDemoDeals(generateDemoData(DEMO_SEED, { now: new Date(NOW.getTime() + 365 * DAY) }), {
    now: new Date(NOW.getTime() + 365 * DAY),
  });
  const content = (list: DemoDeals["imported"]) =>
    list
      .map((c) => [c.key, c.title, c.sellerKey, c.buyerKey, c.type, c.contractAmountFen, c.nonTechnicalCostsFen])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  expect(content(lastOf(next))).toEqual(content(lastOf(deals)));
  expect(lastOf(next)[0]!.registrationNumber.slice(0, 2)).toBe("26");
  expect(next.offers.map((o) => o.message)).toEqual(deals.offers.map((o) => o.message));
});

test("last year: ~150 registered contracts, ≈10亿元, skewed amounts, valid import lines and numbers", () => {
  const last = deals.imported.filter((c) => yearOf(c.registeredAt) === deals.lastYear);
  expect(last).toHaveLength(150);
  const total = last.reduce((s, c) => s + c.contractAmountFen, 0);
  expect(total).toBeGreaterThan(99_000_000_000);
  expect(total).toBeLessThan(101_000_000_000);
  // many 20–300万元, a few 1,000–5,000万元
  expect(
    last.filter((c) => wan(c.contractAmountFen) >= 15 && wan(c.contractAmountFen) <= 330).length / last.length,
  ).toBeGreaterThan(0.5);
  const large = last.filter((c) => wan(c.contractAmountFen) >= 1000);
  expect(large.length / last.length).toBeGreaterThan(0.05);
  expect(large.length / last.length).toBeLessThan(0.18);
  expect(Math.max(...last.map((c) => wan(c.contractAmountFen)))).toBeLessThanOrEqual(5500);

  // spread: every month, many counties, every type, Bay Area and Ganzhou sellers of every kind
  expect(new Set(last.map((c) => shanghaiYearMonth(c.registeredAt).month)).size).toBe(12);
  expect(new Set(last.map((c) => org.get(c.buyerKey)!.regionCode)).size).toBeGreaterThanOrEqual(12);
  expect(new Set(last.map((c) => c.type))).toEqual(new Set(CONTRACT_TYPES));
  expect(new Set(last.map((c) => c.field)).size).toBeGreaterThanOrEqual(9);
  expect(new Set(last.map((c) => org.get(c.sellerKey)!.kind))).toEqual(
    new Set(["university", "institute", "enterprise", "agency"]),
  );
  const bay = last.filter((c) => isBayArea(org.get(c.sellerKey)!.regionCode));
  expect(bay.length / last.length).toBeGreaterThan(0.08);
  expect(bay.length / last.length).toBeLessThan(0.35);
});

test("every back-dated registration is a valid import line with a consistent number and dates", () => {
  const cutoff = NOW.getTime() - 2 * DAY;
  expect(new Set(deals.imported.map((c) => c.registrationNumber)).size).toBe(deals.imported.length);
  const serials = new Map<string, number[]>();
  for (const c of deals.imported) {
    const line = {
      ...c,
      registeredAt: c.registeredAt.toISOString(),
      sellerOrgId: c.sellerKey,
      buyerOrgId: c.buyerKey,
      brokerOrgId: c.brokerKey,
    };
    expect(importLineSchema.safeParse(line).error?.issues ?? [], c.key).toEqual([]);
    expect(c.registrationNumber).toMatch(REGISTRATION_NUMBER_RE);
    const year = yearOf(c.registeredAt);
    expect([deals.lastYear, deals.thisYear]).toContain(year);
    expect(c.registrationNumber.slice(0, 2)).toBe(String(year % 100));
    expect(c.registeredAt.getTime()).toBeLessThanOrEqual(cutoff);
    // Shanghai office hours on a working day
    const local = new Date(c.registeredAt.getTime() + 8 * 3_600_000);
    expect([1, 2, 3, 4, 5], c.key).toContain(local.getUTCDay());
    expect(local.getUTCHours()).toBeGreaterThanOrEqual(8);
    expect(local.getUTCHours()).toBeLessThan(18);
    expect(c.signedAt < shanghaiDayString(c.registeredAt)).toBe(true);
    expect(c.validUntil! > shanghaiDayString(c.registeredAt)).toBe(true);
    expect(c.nonTechnicalCostsFen).toBeLessThanOrEqual(c.contractAmountFen);
    expect(org.get(c.sellerKey) && org.get(c.buyerKey)).toBeTruthy();
    const key = `${year}:${c.registrationNumber.slice(6, 8)}`;
    serials.set(key, [...(serials.get(key) ?? []), Number(c.registrationNumber.slice(8))]);
  }
  // serials run 1, 2, 3 … per year and registration point, in registration order
  for (const [key, list] of serials) expect(list, key).toEqual(list.map((_, i) => i + 1));

  // the demo accounts' organizations all share the demo.gz mail domain (read as related parties
  // by the anomaly check): only the demo researcher's and company's own history pairs them
  const withAccount = new Set(ACCOUNTS.flatMap((a) => (a.org ? [a.org] : [])));
  const paired = deals.imported.filter((c) => withAccount.has(c.sellerKey) && withAccount.has(c.buyerKey));
  expect(new Set(paired.map((c) => `${c.sellerKey}>${c.buyerKey}`))).toEqual(new Set(["jxust>jinci"]));
});

test("this year: back-dated registrations up to two days ago, paced for the 12亿元 target; targets", () => {
  const current = deals.imported.filter((c) => yearOf(c.registeredAt) === deals.thisYear);
  expect(current.length).toBeGreaterThanOrEqual(65);
  expect(current.length).toBeLessThanOrEqual(85);
  const total = current.reduce((s, c) => s + c.contractAmountFen, 0);
  expect(total).toBeGreaterThan(80_000_000_000);
  expect(total).toBeLessThan(120_000_000_000);
  expect(deals.targets).toEqual(
    expect.arrayContaining([
      { year: 2026, regionCode: "", amountFen: 120_000_000_000 },
      { year: 2025, regionCode: "", amountFen: 100_000_000_000 },
    ]),
  );
  const counties = deals.targets.filter((t) => t.regionCode);
  expect(counties.length).toBeGreaterThanOrEqual(2);
  expect(counties.every((t) => t.regionCode in GANZHOU_COUNTIES && t.year === 2026 && t.amountFen > 0)).toBe(true);

  // early in January there is nothing to back-date yet, and the live part still happens
  const january = new Date("2027-01-02T02:00:00Z");
  const early = generateDemoDeals(generateDemoData(DEMO_SEED, { now: january }), { now: january });
  expect(early.imported.filter((c) => yearOf(c.registeredAt) === 2027)).toEqual([]);
  expect(early.imported.filter((c) => yearOf(c.registeredAt) === 2026)).toHaveLength(150);
  expect(early.changes).toEqual([]);
  expect(early.contracts).toHaveLength(deals.contracts.length);
});

test("the live part names published listings, parties that may act, and valid contract input", () => {
  const results = new Map(data.results.map((r) => [r.key, r]));
  const needs = new Map(data.needs.map((n) => [n.key, n]));
  const account = new Map(ACCOUNTS.map((a) => [a.email, a]));
  for (const o of deals.offers) {
    const maker = account.get(o.by)!;
    const listing = o.resultKey ? results.get(o.resultKey) : needs.get(o.needKey!);
    expect(listing?.status, o.key).toBe("published");
    expect(listing!.orgKey).not.toBe(maker.org);
    expect(o.resultKey ? ["company", "broker"] : ["researcher", "broker"]).toContain(maker.role);
    const parties = [maker.org, listing!.orgKey];
    for (const step of o.steps) expect(parties, `${o.key} ${step.do}`).toContain(account.get(step.by)!.org);
    expect(
      offerCreateSchema.safeParse({
        resultId: o.resultKey,
        needId: o.needKey,
        amountFen: o.amountFen,
        mode: o.mode,
        message: o.message,
      }).success,
    ).toBe(true);
  }
  const statuses = deals.contracts.map((c) => {
    const last = c.steps.filter((s) => s.do === "review").at(-1);
    return last ? last.decision : c.steps.some((s) => s.do === "submit") ? "submitted" : "draft";
  });
  expect(statuses.filter((s) => s === "register").length).toBeGreaterThanOrEqual(5);
  expect(statuses.filter((s) => s === "submitted").length).toBeGreaterThanOrEqual(2);
  expect(statuses.filter((s) => s === "return")).toHaveLength(1);
  expect(statuses.filter((s) => s === "reject")).toHaveLength(1);
  expect(deals.contracts.filter((c) => c.steps.some((s) => s.do === "amend"))).toHaveLength(1);
  expect(deals.changes.flatMap((c) => c.steps).filter((s) => s.do === "cancel")).toHaveLength(1);
  for (const c of deals.contracts) {
    if (c.offerKey) {
      const offer = deals.offers.find((o) => o.key === c.offerKey)!;
      expect(offer.steps.at(-1)!.do, c.key).toBe("accept");
      continue;
    }
    // the plan's own bookkeeping (keys, who acts, later steps) is not contract input
    const {
      key: _key,
      by: _by,
      sellerKey,
      buyerKey,
      brokerKey,
      resultKey: _r,
      needKey: _n,
      offerKey: _o,
      steps: _s,
      ...fields
    } = c;
    const parsed = contractCreateSchema.safeParse({
      ...fields,
      sellerOrgId: sellerKey,
      buyerOrgId: buyerKey,
      brokerOrgId: brokerKey,
    });
    expect(parsed.error?.issues ?? [], c.key).toEqual([]);
    if (c.resultKey) expect(results.get(c.resultKey)?.orgKey, c.key).toBe(c.sellerKey);
  }
  expect(new Set(deals.contracts.map((c) => c.title)).size).toBe(deals.contracts.length);
});

// ------------------------------------------------------------------ against the database

async function listingsOnly() {
  await seedDemoData(prisma, { data: generateDemoData(DEMO_SEED) });
  await prisma.appSetting.create({ data: { key: DEMO_MARKER_KEY, value: { seed: DEMO_SEED } } });
}

test("a demo database from before the deal flow, with a figure of its own, is left alone", async () => {
  await listingsOnly();
  await prisma.contractTarget.create({ data: { year: 2026, regionCode: "", amountFen: 1n } });
  const lines: string[] = [];
  expect(await seedDemoDataOnce({ log: (m) => lines.push(m) })).toBe(false);
  expect(lines.join()).toContain("not seeded");
  expect(
    (await prisma.appSetting.findUniqueOrThrow({ where: { key: DEMO_CONTRACTS_MARKER_KEY } })).value,
  ).toMatchObject({ status: "skipped" });
  expect(await prisma.contract.count()).toBe(0);
  expect(await prisma.offer.count()).toBe(0);
  // and the next start does not look again
  expect(await seedDemoDataOnce({ log: (m) => lines.push(m) })).toBe(false);
  expect(lines).toHaveLength(1);
  await prisma.contractTarget.deleteMany();
  await prisma.appSetting.delete({ where: { key: DEMO_CONTRACTS_MARKER_KEY } });
}, 120_000);

test("an interrupted deal flow is finished by the next start, and nothing is done twice", async () => {
  // what a run that stopped half way leaves: some targets, the import, some offers with part of
  // their threads, some contracts entered and submitted — and the marker still pending
  const plan = generateDemoDeals(generateDemoData(DEMO_SEED));
  const half: DemoDeals = {
    ...plan,
    targets: plan.targets.slice(0, 2),
    offers: plan.offers.slice(0, 6).map((o) => ({ ...o, steps: o.steps.slice(0, 1) })),
    contracts: plan.contracts
      .filter((c) => !c.offerKey)
      .slice(0, 4)
      .map((c) => ({ ...c, steps: c.steps.slice(0, 1) })),
    changes: [],
    resolutions: [],
  };
  await prisma.appSetting.create({
    data: { key: DEMO_CONTRACTS_MARKER_KEY, value: { status: "pending", since: new Date().toISOString() } },
  });
  const first = await seedDemoContracts({ deals: half });
  expect(first.imported).toBe(plan.imported.length);
  expect(await prisma.offer.count()).toBe(6);

  const lines: string[] = [];
  const started = performance.now();
  expect(await seedDemoDataOnce({ log: (m) => lines.push(m) })).toBe(true);
  console.log(`resumed in ${Math.round(performance.now() - started)} ms: ${lines.join()}`);
  expect(lines.join()).toContain("deal flow: 0 registered contracts imported");
  expect(
    (await prisma.appSetting.findUniqueOrThrow({ where: { key: DEMO_CONTRACTS_MARKER_KEY } })).value,
  ).toMatchObject({ status: "done" });

  // everything exactly once, in its planned state
  expect(await prisma.contractTarget.count()).toBe(plan.targets.length);
  expect(await prisma.contract.count({ where: { imported: true } })).toBe(plan.imported.length);
  const offers = await prisma.offer.findMany({ include: { _count: { select: { messages: true } } } });
  expect(offers).toHaveLength(plan.offers.length);
  for (const o of offers) {
    const events = await prisma.auditEvent.findMany({
      where: { entityType: "offer", entityId: o.id },
      orderBy: { seq: "asc" },
    });
    const planned = plan.offers.find((p) => p.message === o.message);
    expect(events.length, o.id).toBe(1 + planned!.steps.length);
    const close = planned!.steps.find((s) => s.do !== "message");
    expect(o.status).toBe(close ? { accept: "accepted", reject: "rejected", withdraw: "withdrawn" }[close.do] : "open");
    expect(o._count.messages).toBe(1 + planned!.steps.filter((s) => s.do === "message").length);
  }
  const live = await prisma.contract.findMany({ where: { imported: false } });
  expect(live).toHaveLength(plan.contracts.length);
  for (const c of live) {
    const planned = plan.contracts.find((p) => p.title === c.title)!;
    // the parties' confirmations before a submission are not planned steps
    const steps = { entityType: "contract", entityId: c.id, action: { not: "confirm" } };
    expect(await prisma.auditEvent.count({ where: steps }), c.title).toBe(1 + planned.steps.length);
  }
  expect(await prisma.contract.count({ where: { status: "cancelled" } })).toBe(1);
  expect(await prisma.anomalyFlag.count({ where: { kind: "year_end_spike", resolvedAt: { not: null } } })).toBe(4);
  expect(await verifyContractStats()).toMatchObject({ ok: true });
  expect(await verifyAuditChain()).toMatchObject({ ok: true });
}, 180_000);
