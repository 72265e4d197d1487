// Demo data: generator invariants (pure) and seeding against a real database (tests/setup gives
// this file its own freshly migrated database). Tests run in order and build on each other.
import { expect, test } from "vitest";
import { verifyAuditChain } from "../app/audit/audit.server.ts";
import { verifyPassword } from "../app/auth/password.server.ts";
import { prisma } from "../app/db/db.server.ts";
import { FIELDS, MATURITIES, ORG_KINDS, ROLES, TRANSFER_MODES } from "../app/domain/catalog.ts";
import { isValidCreditCode } from "../app/domain/credit-code.ts";
import { GANZHOU_COUNTIES, isBayArea, isKnownRegion, ZONES } from "../app/domain/regions.ts";
import { needCreateSchema, organizationCreateSchema, resultCreateSchema } from "../app/listings/schemas.ts";
import { ACCOUNTS, DEMO_PASSWORD } from "./data/index.ts";
import { DEMO_SEED, demoMatches, generateDemoData, patentCheckChar } from "./generate.ts";
import { DEMO_MARKER_KEY, seedDemoData, seedDemoDataOnce } from "./seed.server.ts";

const NOW = new Date("2026-11-28T04:00:00Z");
const data = generateDemoData(DEMO_SEED, { now: NOW });
const DAY = 86_400_000;

// ------------------------------------------------------------------ the generator (no database)

test("generateDemoData is deterministic and keyed", () => {
  expect(generateDemoData(DEMO_SEED, { now: NOW })).toEqual(data);
  const other = generateDemoData(DEMO_SEED + 1, { now: NOW });
  expect(other.results.map((r) => r.key)).toEqual(data.results.map((r) => r.key));
  expect(other.results.map((r) => r.summary)).not.toEqual(data.results.map((r) => r.summary));

  for (const list of [data.organizations, data.users, data.results, data.needs] as Array<Array<{ key: string; id: string }>>) {
    expect(new Set(list.map((x) => x.key)).size).toBe(list.length);
    expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
  }
  expect(new Set(data.results.map((r) => r.title)).size).toBe(data.results.length);
  expect(new Set(data.needs.map((n) => n.title)).size).toBe(data.needs.length);
  expect(data.results.every((r) => /^result-[a-z_]+-[a-z0-9-]+-\d+$/.test(r.key) && r.key.startsWith(`result-${r.field}-`))).toBe(true);
  expect(data.needs.every((n) => n.key.startsWith(`need-${n.field}-`))).toBe(true);
});

test("only dates depend on the seeding time: keys, ids, text and states do not", () => {
  const later = generateDemoData(DEMO_SEED, { now: new Date(NOW.getTime() + 400 * DAY) });
  const stable = (d: typeof data) => [
    ...d.organizations.map((o) => [o.key, o.id, o.creditCode, o.name]),
    ...d.results.map((r) => [r.key, r.id, r.title, r.summary, r.keywords, r.status, r.priceFen, r.patentNumbers, r.orgKey]),
    ...d.needs.map((n) => [n.key, n.id, n.title, n.description, n.targetIndicators, n.status, n.budgetFen, n.matchingResultKeys]),
  ];
  expect(stable(later)).toEqual(stable(data));
  expect(later.results[0]!.publishedAt).not.toEqual(data.results[0]!.publishedAt);
});

test("counts meet the minimums and cover the industries, places and states", () => {
  expect(data.organizations.length).toBeGreaterThanOrEqual(45);
  expect(data.results.length).toBeGreaterThanOrEqual(320);
  expect(data.needs.length).toBeGreaterThanOrEqual(90);

  const fieldsUsed = new Set([...data.results, ...data.needs].map((l) => l.field));
  for (const f of FIELDS.filter((f) => f !== "other")) expect(fieldsUsed, f).toContain(f);
  for (const f of FIELDS.filter((f) => f !== "other")) {
    expect(data.results.filter((r) => r.field === f).length, f).toBeGreaterThanOrEqual(15);
  }

  const orgRegions = new Set(data.organizations.map((o) => o.regionCode));
  for (const county of Object.keys(GANZHOU_COUNTIES)) expect(orgRegions, county).toContain(county);
  expect(data.organizations.filter((o) => isBayArea(o.regionCode)).length).toBeGreaterThanOrEqual(6);
  expect(new Set(data.organizations.map((o) => o.zone).filter(Boolean))).toEqual(new Set(ZONES));
  expect(new Set(data.organizations.map((o) => o.kind))).toEqual(new Set(ORG_KINDS));
  for (const name of ["江西理工大学", "赣南师范大学", "赣南医科大学", "中国科学院赣江创新研究院", "香港科技大学（广州）", "赣州市科学技术局"]) {
    expect(data.organizations.map((o) => o.name)).toContain(name);
  }

  for (const list of [data.results, data.needs]) {
    const statuses = new Set(list.map((l) => l.status));
    expect(statuses).toEqual(new Set(["published", "pending_review", "draft", "rejected", "withdrawn"]));
    expect(list.filter((l) => l.status === "published").length / list.length).toBeGreaterThan(0.75);
  }
  expect(data.results.filter((r) => r.priceFen === null).length).toBeGreaterThan(20);
  expect(data.needs.filter((n) => n.budgetFen === null).length).toBeGreaterThan(5);

  // published over the last 18 months, never in the future
  const published = [...data.results, ...data.needs].flatMap((l) => (l.publishedAt ? [l.publishedAt.getTime()] : []));
  expect(Math.min(...published)).toBeGreaterThanOrEqual(NOW.getTime() - 560 * DAY);
  expect(Math.min(...published)).toBeLessThan(NOW.getTime() - 400 * DAY);
  expect(Math.max(...published)).toBeLessThanOrEqual(NOW.getTime());
});

test("every credit code, region, zone and vocabulary value is valid", () => {
  expect(data.organizations.every((o) => isValidCreditCode(o.creditCode))).toBe(true);
  expect(new Set(data.organizations.map((o) => o.creditCode)).size).toBe(data.organizations.length);
  for (const o of data.organizations) {
    expect(isKnownRegion(o.regionCode), o.key).toBe(true);
    const parsed = organizationCreateSchema.safeParse({
      name: o.name,
      kind: o.kind,
      creditCode: o.creditCode,
      regionCode: o.regionCode,
      zone: o.zone,
      description: o.description,
      website: o.website ?? "",
    });
    expect(parsed.error?.issues ?? [], o.key).toEqual([]);
  }
  for (const r of data.results) {
    expect(FIELDS).toContain(r.field);
    expect(MATURITIES).toContain(r.maturity);
    expect(r.transferModes.length).toBeGreaterThan(0);
    for (const m of r.transferModes) expect(TRANSFER_MODES).toContain(m);
    for (const p of r.patentNumbers) {
      const m = /^ZL(\d{12})\.([\dX])$/.exec(p);
      expect(m, p).not.toBeNull();
      expect(patentCheckChar(m![1]!)).toBe(m![2]);
    }
  }
  for (const n of data.needs) {
    expect(FIELDS).toContain(n.field);
    expect(TRANSFER_MODES).toContain(n.cooperationMode);
  }
});

test("every listing passes the API's own input schemas", () => {
  for (const r of data.results) {
    const parsed = resultCreateSchema.safeParse({
      title: r.title,
      summary: r.summary,
      keywords: r.keywords,
      field: r.field,
      maturity: r.maturity,
      transferModes: r.transferModes,
      priceFen: r.priceFen,
      ipDescription: r.ipDescription,
      patentNumbers: r.patentNumbers,
      contact: { name: r.contactName, phone: r.contactPhone, email: r.contactEmail },
    });
    expect(parsed.error?.issues ?? [], r.key).toEqual([]);
  }
  for (const n of data.needs) {
    const parsed = needCreateSchema.safeParse({
      title: n.title,
      description: n.description,
      targetIndicators: n.targetIndicators,
      keywords: n.keywords,
      field: n.field,
      budgetFen: n.budgetFen,
      deadline: n.deadline,
      cooperationMode: n.cooperationMode,
      contact: { name: n.contactName, phone: n.contactPhone, email: n.contactEmail },
    });
    expect(parsed.error?.issues ?? [], n.key).toEqual([]);
  }
  // no unfilled template placeholders anywhere
  const texts = [...data.results.flatMap((r) => [r.title, r.summary, r.ipDescription, ...r.keywords]), ...data.needs.flatMap((n) => [n.title, n.description, n.targetIndicators, ...n.keywords])];
  expect(texts.filter((t) => /[{}|]/.test(t))).toEqual([]);
});

test("the demo accounts' organizations have content, and needs have labelled matches", () => {
  const researcherOrg = ACCOUNTS.find((a) => a.email === "researcher@demo.gz")!.org!;
  const companyOrg = ACCOUNTS.find((a) => a.email === "company@demo.gz")!.org!;
  const own = data.results.filter((r) => r.orgKey === researcherOrg);
  const ownNeeds = data.needs.filter((n) => n.orgKey === companyOrg);
  expect(own.length).toBeGreaterThanOrEqual(20);
  expect(ownNeeds.length).toBeGreaterThanOrEqual(5);
  for (const list of [own, ownNeeds]) {
    for (const s of ["published", "pending_review", "draft", "rejected"]) expect(list.map((l) => l.status), s).toContain(s);
  }
  expect(new Set(ACCOUNTS.map((a) => a.role))).toEqual(new Set(ROLES));

  for (const n of data.needs) expect(n.matchingResultKeys.length, n.key).toBeGreaterThan(0);
  const byKey = new Map(data.results.map((r) => [r.key, r]));
  // the company's published needs are answered by published results of the researcher's university
  const answered = ownNeeds.filter(
    (n) => n.status === "published" && n.matchingResultKeys.some((k) => byKey.get(k)!.orgKey === researcherOrg),
  );
  expect(answered.length).toBeGreaterThanOrEqual(3);
  expect(data.needs.find((n) => n.key === "need-rare_earth-magnet-heat-1")!.matchingResultKeys).toContain("result-rare_earth-ndfeb-gbd-1");
  const matches = demoMatches(data);
  expect(matches.length).toBe(data.needs.filter((n) => n.status === "published").length);
  expect(matches.every((m) => m.results.length > 0)).toBe(true);
});

// ------------------------------------------------------------------ seeding (real database)

test("a seed that fails half-way leaves nothing behind", async () => {
  await expect(
    prisma.$transaction(
      async (tx) => {
        await seedDemoData(tx, { data, audit: false });
        expect(await tx.result.count()).toBe(data.results.length);
        throw new Error("simulated crash");
      },
      { timeout: 60_000 },
    ),
  ).rejects.toThrow("simulated crash");
  expect(await prisma.organization.count()).toBe(0);
  expect(await prisma.result.count()).toBe(0);
  expect(await prisma.appSetting.count()).toBe(0);
});

test("concurrent seedDemoDataOnce calls seed exactly once; later calls do nothing", async () => {
  const lines: string[] = [];
  const log = (m: string) => lines.push(m);
  const started = performance.now();
  const outcomes = await Promise.all([seedDemoDataOnce({ log }), seedDemoDataOnce({ log }), seedDemoDataOnce({ log })]);
  const ms = performance.now() - started;
  console.log(`seedDemoDataOnce ×3 concurrently: ${Math.round(ms)} ms; ${lines.join(" | ")}`);
  expect(outcomes.filter(Boolean)).toHaveLength(1);
  expect(lines).toHaveLength(1);
  expect(ms).toBeLessThan(20_000);

  expect(await prisma.organization.count()).toBe(data.organizations.length);
  expect(await prisma.user.count()).toBe(data.users.length);
  expect(await prisma.result.count()).toBe(data.results.length);
  expect(await prisma.need.count()).toBe(data.needs.length);
  const marker = await prisma.appSetting.findUniqueOrThrow({ where: { key: DEMO_MARKER_KEY } });
  expect(marker.value).toMatchObject({ results: data.results.length, needs: data.needs.length });

  expect(await seedDemoDataOnce({ log })).toBe(false);
  expect(await prisma.result.count()).toBe(data.results.length);
});

test("seeded rows: verified organizations, working demo logins, catalog values, history", async () => {
  const orgs = await prisma.organization.findMany();
  expect(orgs.every((o) => o.verifiedAt !== null && isValidCreditCode(o.creditCode))).toBe(true);

  for (const account of ACCOUNTS.filter((a) => a.email.split("@")[0]!.indexOf(".") === -1)) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: account.email }, include: { password: true, organization: true } });
    expect(user.role).toBe(account.role);
    expect(await verifyPassword(DEMO_PASSWORD, user.password!.hash)).toBe(true);
    if (account.role === "bureau") expect(user.organization).toMatchObject({ name: "赣州市科学技术局", kind: "government", regionCode: "360702" });
    if (account.role === "admin") expect(user.organization).toBeNull();
  }
  const researcher = await prisma.user.findUniqueOrThrow({ where: { email: "researcher@demo.gz" }, include: { organization: true } });
  expect(researcher.organization!.name).toBe("江西理工大学");
  expect(await prisma.result.count({ where: { createdById: researcher.id } })).toBeGreaterThanOrEqual(20);

  const results = await prisma.result.findMany({ select: { field: true, maturity: true, transferModes: true, status: true, publishedAt: true, priceFen: true } });
  expect(results.every((r) => (FIELDS as readonly string[]).includes(r.field) && (MATURITIES as readonly string[]).includes(r.maturity))).toBe(true);
  expect(results.every((r) => r.transferModes.every((m) => (TRANSFER_MODES as readonly string[]).includes(m)))).toBe(true);
  expect(results.every((r) => (r.status === "published" || r.status === "withdrawn") === (r.publishedAt !== null))).toBe(true);
  const needs = await prisma.need.findMany({ select: { field: true, cooperationMode: true, deadline: true } });
  expect(needs.every((n) => (FIELDS as readonly string[]).includes(n.field) && (TRANSFER_MODES as readonly string[]).includes(n.cooperationMode!))).toBe(true);

  const sample = data.results.find((r) => r.key === "result-rare_earth-ndfeb-gbd-1")!;
  const row = await prisma.result.findUniqueOrThrow({ where: { id: sample.id } });
  expect(row).toMatchObject({ title: sample.title, status: "published", priceFen: sample.priceFen === null ? null : BigInt(sample.priceFen) });
  expect(row.updatedAt.getTime()).toBe(sample.updatedAt.getTime());

  const events = await prisma.auditEvent.count({ where: { action: "seed" } });
  expect(events).toBe(data.organizations.length + data.users.length + data.results.length + data.needs.length);
  const history = await prisma.auditEvent.findMany({ where: { entityType: "result", entityId: sample.id } });
  expect(history).toHaveLength(1);
  expect(history[0]!.after).toMatchObject({ demoKey: sample.key, title: sample.title });
  expect(await verifyAuditChain()).toMatchObject({ ok: true });
});
