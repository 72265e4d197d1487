// Demo network (brokers, leads, sub-centres), seeded after the deal flow, payments and trading
// through the backend's own functions: the city centre, the five industry-cluster sub-centres, three
// county and two Bay Area centres with their operators, affiliated organizations, targets, entered
// scores, dispatched needs and visits; the sub-centre staff account; broker profiles at each level,
// verified; leads filed over the past year (one waived), two of them turned into an offer and a
// contract with an agreed commission (one registered, one waiting for registration).
// The demo organizations are affiliated as if from the start: their listings, events and contracts
// already seeded take the sub-centre they would have carried (the same rule as the insert
// triggers of the sub-centres migration). Resumable: every step looks for its result first; the
// marker is written when all are done. Never into a database with sub-centres or leads of its own.
import type { SessionUser } from "../app/auth/session.server.ts";
import { hashPassword } from "../app/auth/password.server.ts";
import { recordAudit } from "../app/audit/audit.server.ts";
import { ACCOUNTS, DEMO_PASSWORD, ORGANIZATIONS } from "./data/index.ts";
import { createBrokerProfile, verifyBrokerProfile } from "../app/brokers/brokers.server.ts";
import { brokerCreateSchema } from "../app/brokers/schemas.ts";
import { createContract, reviewContract, submitContract } from "../app/contracts/contracts.server.ts";
import { contractCreateSchema, reviewSchema } from "../app/contracts/schemas.ts";
import { prisma } from "../app/db/db.server.ts";
import { demoUser } from "./deal-context.server.ts";
import { currentShanghaiYear, shanghaiDayString } from "../app/domain/time.ts";
import { fileLead, waiveLead } from "../app/leads/leads.server.ts";
import { leadCreateSchema } from "../app/leads/schemas.ts";
import { closeOffer, createOffer } from "../app/offers/offers.server.ts";
import { offerCreateSchema } from "../app/offers/schemas.ts";
import { dispatchNeed, recordVisit } from "../app/subcentres/dispatch.server.ts";
import { dispatchSchema, scoreSchema, visitSchema } from "../app/subcentres/schemas.ts";
import { enterScore } from "../app/subcentres/stats.server.ts";
import {
  addStaff,
  affiliateOrganizations,
  createSubcentre,
  updateSubcentre,
} from "../app/subcentres/subcentres.server.ts";
import { BROKERS, DEMO_CENTRES, LEADS } from "./network-plan.ts";

export const DEMO_NETWORK_MARKER_KEY = "demo_network_seeded";
const DAY = 86_400_000;

/** Demo organization key → id, found by name (the demo organizations' names are unique). */
async function orgIds(keys: string[]) {
  const defs = ORGANIZATIONS.filter((o) => keys.includes(o.key));
  const rows = await prisma.organization.findMany({
    where: { name: { in: defs.map((o) => o.name) } },
    select: { id: true, name: true },
  });
  const byName = new Map(rows.map((r) => [r.name, r.id]));
  const out = new Map<string, string>();
  for (const o of defs) if (byName.has(o.name)) out.set(o.key, byName.get(o.name)!);
  return out;
}

/** The listings, events and contracts seeded before the affiliations take their organization's sub-centre. */
async function backfillSubcentres() {
  await prisma.$executeRaw`UPDATE "Result" r SET "subcentreId" = o."subcentreId" FROM "Organization" o
    WHERE o.id = r."organizationId" AND r."subcentreId" IS NULL AND o."subcentreId" IS NOT NULL`;
  await prisma.$executeRaw`UPDATE "Need" n SET "subcentreId" = o."subcentreId" FROM "Organization" o
    WHERE o.id = n."organizationId" AND n."subcentreId" IS NULL AND o."subcentreId" IS NOT NULL`;
  await prisma.$executeRaw`UPDATE "MarketEvent" e SET "subcentreId" = o."subcentreId" FROM "Organization" o
    WHERE o.id = e."organizerOrgId" AND e."subcentreId" IS NULL AND o."subcentreId" IS NOT NULL`;
  await prisma.$executeRaw`UPDATE "Contract" c SET "subcentreId" = COALESCE(
      (SELECT n."subcentreId" FROM "Need" n WHERE n.id = c."needId"),
      (SELECT o."subcentreId" FROM "Organization" o WHERE o.id = c."buyerOrgId"),
      (SELECT r."subcentreId" FROM "Result" r WHERE r.id = c."resultId"),
      (SELECT o."subcentreId" FROM "Organization" o WHERE o.id = c."sellerOrgId"))
    WHERE c."subcentreId" IS NULL`;
}

async function seedCentres(bureau: SessionUser) {
  const orgs = await orgIds(DEMO_CENTRES.flatMap((c) => [...c.affiliates, ...(c.operator ? [c.operator] : [])]));
  const year = currentShanghaiYear();
  const ids = new Map<string, string>();
  for (const def of DEMO_CENTRES) {
    let sc = await prisma.subcentre.findUnique({ where: { name: def.name }, select: { id: true } });
    if (!sc) {
      sc = await createSubcentre(
        {
          name: def.name,
          kind: def.kind,
          regionCode: def.regionCode,
          operatorOrgId: def.operator ? (orgs.get(def.operator) ?? null) : null,
          description: def.description,
          delegatedReview: def.delegatedReview ?? false,
        },
        bureau,
      );
      const affiliates = def.affiliates.flatMap((k) => (orgs.get(k) ? [orgs.get(k)!] : []));
      if (affiliates.length) await affiliateOrganizations(sc.id, affiliates, bureau);
      if (def.targetWan)
        await updateSubcentre(sc.id, { target: { year, amountFen: def.targetWan * 1_000_000 } }, bureau);
    }
    ids.set(def.name, sc.id);
  }
  return ids;
}

async function seedScores(centres: Map<string, string>, bureau: SessionUser) {
  const year = currentShanghaiYear();
  const notes = {
    basics: "场地、人员与制度齐备（现场核查）",
    capability: "专职技术经纪人与服务机构数量（年报材料）",
    reputation: "服务对象满意度调查",
  } as const;
  let i = 0;
  for (const def of DEMO_CENTRES) {
    if (def.kind === "city_centre") continue;
    const id = centres.get(def.name)!;
    i++;
    for (const [category, max] of [
      ["basics", 10],
      ["capability", 30],
      ["reputation", 10],
    ] as const) {
      const points = Math.max(0, max - ((i * (category === "capability" ? 3 : 1)) % Math.ceil(max / 2)));
      const input = scoreSchema.parse({ year, category, points, note: notes[category] });
      await enterScore(id, input, bureau);
    }
  }
}

/** Needs dispatched by the city centre, with visits by the 稀土 sub-centre's staff. */
async function seedDispatches(centres: Map<string, string>, bureau: SessionUser, staff: SessionUser) {
  if (await prisma.needDispatch.count()) return;
  const plan: Array<{
    centre: string;
    days: number;
    visits: Array<{ daysAgo: number; outcome: string; note: string }>;
  }> = [
    {
      centre: "稀土新材料及应用分中心",
      days: 20,
      visits: [
        { daysAgo: 12, outcome: "visited", note: "走访企业技术负责人，明确磁钢性能指标" },
        { daysAgo: 3, outcome: "matched", note: "推荐江西理工大学两项晶界扩散成果" },
      ],
    },
    { centre: "稀土新材料及应用分中心", days: 45, visits: [] },
    { centre: "钨新材料及应用分中心", days: 30, visits: [] },
    { centre: "电子信息分中心", days: 15, visits: [] },
    { centre: "锂电新能源分中心", days: 60, visits: [] },
  ];
  const needs = await prisma.need.findMany({
    where: { status: "published", subcentreId: { in: plan.map((p) => centres.get(p.centre)!) } },
    select: { id: true, subcentreId: true },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
  });
  const used = new Set<string>();
  const now = Date.now();
  for (const p of plan) {
    const sc = centres.get(p.centre)!;
    const need = needs.find((n) => n.subcentreId === sc && !used.has(n.id));
    if (!need) continue;
    used.add(need.id);
    const dueAt = `${shanghaiDayString(new Date(now + p.days * DAY))}T23:59:59+08:00`;
    const d = await dispatchNeed(
      need.id,
      dispatchSchema.parse({ subcentreId: sc, dueAt, note: "请实地走访，了解需求细节并推荐成果" }),
      bureau,
    );
    for (const v of p.visits) {
      const visitedAt = new Date(now - v.daysAgo * DAY).toISOString();
      await recordVisit(d.id, visitSchema.parse({ visitedAt, outcome: v.outcome, note: v.note }), staff);
    }
  }
}

async function seedBrokers(bureau: SessionUser) {
  const orgs = await orgIds(BROKERS.flatMap((b) => (b.org ? [b.org] : [])));
  const out = new Map<string, SessionUser>();
  for (const b of BROKERS) {
    const user = await demoUser(b.email);
    if (!user) continue;
    out.set(b.email, user);
    if (await prisma.brokerProfile.findUnique({ where: { userId: user.id }, select: { userId: true } })) continue;
    const input = brokerCreateSchema.parse({
      level: b.level,
      certificateNumber: b.cert,
      fields: b.fields,
      regions: b.regions,
      bio: b.bio,
      ...(b.org && orgs.get(b.org) ? { brokerOrgId: orgs.get(b.org) } : {}),
    });
    await createBrokerProfile(input, user);
    await verifyBrokerProfile(user.id, { decision: "verify", note: "证书与执业机构已核验" }, bureau);
  }
  return out;
}

/** A published listing of an organization (the newest), by demo key. */
async function listingOf(kind: "result" | "need", orgKey: string) {
  const organizationId = (await orgIds([orgKey])).get(orgKey) ?? "-";
  const where = { status: "published" as const, organizationId };
  const select = { id: true, organizationId: true } as const;
  const order = [{ publishedAt: "desc" as const }, { id: "asc" as const }];
  return kind === "result"
    ? prisma.result.findFirst({ where, select, orderBy: order })
    : prisma.need.findFirst({ where, select, orderBy: order });
}

async function seedLeads(brokers: Map<string, SessionUser>) {
  const orgs = await orgIds(LEADS.flatMap((l) => [l.buyer, l.seller]));
  const now = Date.now();
  const made = new Map<string, string>();
  for (const def of LEADS) {
    const broker = brokers.get(def.broker);
    const buyerOrgId = orgs.get(def.buyer);
    const sellerOrgId = orgs.get(def.seller);
    if (!broker || !buyerOrgId || !sellerOrgId) continue;
    const existing = await prisma.lead.findFirst({
      where: { brokerUserId: broker.id, buyerOrgId, sellerOrgId },
      select: { id: true },
    });
    if (existing) {
      made.set(`${def.buyer}|${def.seller}`, existing.id);
      continue;
    }
    const [need, result] = await Promise.all([listingOf("need", def.buyer), listingOf("result", def.seller)]);
    const input = leadCreateSchema.parse({
      ...(need ? { needId: need.id } : { buyerOrgId }),
      ...(result ? { resultId: result.id } : { sellerOrgId }),
      note: def.note,
    });
    // filed on its day in the past year: the attribution window runs from then
    const lead = await fileLead(input, broker, new Date(now - def.daysAgo * DAY));
    if (def.waive) await waiveLead(lead.id, broker);
    made.set(`${def.buyer}|${def.seller}`, lead.id);
  }
  return made;
}

/** Two leads become deals: an offer on the seller's result, accepted, and a contract with the commission. */
async function seedBrokeredDeals(bureau: SessionUser) {
  const deals = [
    {
      buyer: "company.pcb@demo.gz",
      seller: "researcher.scut@demo.gz",
      sellerKey: "scut",
      amountFen: 180_000_000,
      commission: { rateBp: 300 },
      title: "高频高速印制电路板基材工艺技术转让合同",
      register: true,
    },
    {
      buyer: "company.ruixi@demo.gz",
      seller: "researcher.gia@demo.gz",
      sellerKey: "gia",
      amountFen: 95_000_000,
      commission: { amountFen: 4_000_000 },
      title: "稀土萃取分离新工艺技术开发合同",
      register: false,
    },
  ];
  let count = 0;
  for (const deal of deals) {
    const [buyer, seller] = await Promise.all([demoUser(deal.buyer), demoUser(deal.seller)]);
    if (!buyer?.organizationId || !seller?.organizationId) continue;
    let contract = await prisma.contract.findFirst({
      where: { buyerOrgId: buyer.organizationId, sellerOrgId: seller.organizationId, brokerUserId: { not: null } },
      select: { id: true, status: true },
    });
    if (!contract) {
      const result = await listingOf("result", deal.sellerKey);
      if (!result) continue;
      const offer = await createOffer(
        offerCreateSchema.parse({
          resultId: result.id,
          amountFen: deal.amountFen,
          mode: "transfer",
          message: "经技术经纪人引荐，希望就该成果的转让进一步洽谈。",
        }),
        buyer,
      );
      await closeOffer(offer.id, "accept", seller);
      const created = await createContract(
        contractCreateSchema.parse({
          offerId: offer.id,
          title: deal.title,
          signedAt: shanghaiDayString(new Date(Date.now() - 5 * DAY)),
          commission: deal.commission,
        }),
        buyer,
      );
      contract = { id: created.id, status: created.status };
    }
    // the seller side submits for registration; the bureau registers
    if (contract.status === "draft") {
      await submitContract(contract.id, seller);
      contract.status = "submitted";
    }
    if (deal.register && contract.status === "submitted")
      await reviewContract(contract.id, reviewSchema.parse({ decision: "register" }), bureau);
    count++;
  }
  return count;
}

/**
 * The network's demo accounts (org-less, seeds/data/accounts.ts) on a database seeded before they
 * existed: created with the demo password, as the demo data would have.
 */
async function ensureNetworkAccounts() {
  const wanted = ACCOUNTS.filter((a) => a.email === "broker.junior@demo.gz" || a.email === "subcentre@demo.gz");
  const existing = new Set(
    (await prisma.user.findMany({ where: { email: { in: wanted.map((a) => a.email) } }, select: { email: true } })).map(
      (u) => u.email,
    ),
  );
  const missing = wanted.filter((a) => !existing.has(a.email));
  if (!missing.length) return;
  const hash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    for (const a of missing) {
      const user = await tx.user.create({
        data: { email: a.email, name: a.name, role: a.role, password: { create: { hash } } },
      });
      await recordAudit(tx, {
        entityType: "user",
        entityId: user.id,
        action: "seed",
        actorId: null,
        before: null,
        after: { email: a.email, name: a.name, role: a.role },
      });
    }
  });
}

export async function seedDemoNetworkOnce({ log }: { log: (m: string) => void }): Promise<boolean> {
  if (await prisma.appSetting.findUnique({ where: { key: DEMO_NETWORK_MARKER_KEY }, select: { key: true } }))
    return false;
  const startedKey = `${DEMO_NETWORK_MARKER_KEY}:started`;
  if (await prisma.user.findUnique({ where: { email: "bureau@demo.gz" }, select: { id: true } }))
    await ensureNetworkAccounts();
  const [bureau, staff] = await Promise.all([demoUser("bureau@demo.gz"), demoUser("subcentre@demo.gz")]);
  const started = await prisma.appSetting.findUnique({ where: { key: startedKey }, select: { key: true } });
  const foreign = !started && (await prisma.subcentre.count()) + (await prisma.lead.count()) > 0;
  if (!bureau || !staff || foreign) {
    const reason = !bureau || !staff ? "no demo bureau or sub-centre account" : "the database has sub-centres or leads";
    await prisma.appSetting.create({
      data: { key: DEMO_NETWORK_MARKER_KEY, value: { status: "skipped", reason, at: new Date().toISOString() } },
    });
    log(`demo network not seeded: ${reason}`);
    return false;
  }
  await prisma.appSetting.upsert({ where: { key: startedKey }, create: { key: startedKey, value: true }, update: {} });
  const centres = await seedCentres(bureau);
  await backfillSubcentres();
  const rareEarth = centres.get("稀土新材料及应用分中心")!;
  if (staff.role !== "subcentre" || !(await prisma.subcentreStaff.findUnique({ where: { userId: staff.id } })))
    await addStaff(rareEarth, staff.id, bureau);
  const staffUser = (await demoUser("subcentre@demo.gz"))!;
  await seedScores(centres, bureau);
  await seedDispatches(centres, bureau, staffUser);
  const brokers = await seedBrokers(bureau);
  const leads = await seedLeads(brokers);
  const deals = await seedBrokeredDeals(bureau);
  await prisma.appSetting.create({
    data: { key: DEMO_NETWORK_MARKER_KEY, value: { status: "done", at: new Date().toISOString() } },
  });
  log(
    `demo network: ${centres.size} sub-centres, ${brokers.size} verified brokers, ${leads.size} leads, ${deals} brokered contracts`,
  );
  return true;
}
