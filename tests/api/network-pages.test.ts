// The network pages' loaders and actions (brokers, leads, sub-centres, the desk, the bureau's
// sub-centre page), called directly with a session cookie: they run the API's schemas and backend
// functions, show refusals as messages, and refuse other roles, other sub-centres and anonymous
// callers. Dashboards and exports name sub-centres.
import { expect, test } from "vitest";
import { cookieFor } from "../support/pages.ts";
import { replyErrors } from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as brokersPage from "../../app/routes/brokers._index.tsx";
import * as brokerPage from "../../app/routes/brokers.$id.tsx";
import * as myBroker from "../../app/routes/my.broker.tsx";
import * as myLeads from "../../app/routes/my.leads.tsx";
import * as subcentresPage from "../../app/routes/subcentres._index.tsx";
import * as subcentrePage from "../../app/routes/subcentres.$id.tsx";
import * as desk from "../../app/routes/subcentre._index.tsx";
import * as bureauSubcentres from "../../app/routes/bureau.subcentres.tsx";
import { contractStats } from "../../app/stats/stats.server.ts";
import { groupLabel, statsTable } from "../../app/stats/export.server.ts";
import { makeOrg, makeUser } from "../factories.ts";
import { publishedNeed, publishedResult } from "./contracts-helpers.ts";

type Args = { request: Request; params: Record<string, string>; context: unknown };
type Handler = (args: never) => unknown;
type Thrown = { init?: { status?: number } | null; status?: number; headers?: Headers };

function post(path: string, cookie: string | null, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return new Request(`http://localhost${path}`, { method: "POST", headers: cookie ? { Cookie: cookie } : {}, body });
}

function get(path: string, cookie?: string | null) {
  return new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

async function run(handler: Handler, request: Request, params: Record<string, string> = {}) {
  try {
    return await (handler as (a: Args) => Promise<unknown>)({ request, params, context: {} });
  } catch (thrown) {
    return thrown;
  }
}

const statusOf = (r: unknown) => {
  const t = r as Thrown & { init?: { status?: number } };
  return t instanceof Response ? t.status : (t?.init?.status ?? 200);
};
const location = (r: unknown) => (r instanceof Response ? r.headers.get("Location") : null);

async function brokerSetting() {
  const agency = await makeOrg({ kind: "agency" });
  const buyer = await makeOrg({ kind: "enterprise", name: `买方企业${Math.random()}` });
  const seller = await makeOrg({ kind: "university", name: `卖方高校${Math.random()}` });
  const broker = await makeUser("broker", agency.id);
  const company = await makeUser("company", buyer.id);
  const bureau = await makeUser("bureau", null);
  return {
    agency,
    buyer,
    seller,
    broker,
    need: await publishedNeed(buyer),
    result: await publishedResult(seller),
    cookies: {
      broker: await cookieFor(broker.id),
      company: await cookieFor(company.id),
      bureau: await cookieFor(bureau.id),
    },
  };
}

test("a broker creates a profile on /my/broker, the bureau verifies it on /brokers/:id, the directory lists it", async () => {
  const s = await brokerSetting();
  // the certificate is required above junior: the shared schema's message, on the field
  const bad = (await run(
    myBroker.action,
    post("/my/broker", s.cookies.broker, { level: "senior", brokerOrgId: s.agency.id }),
  )) as { status: string; error: Record<string, string[]> } & Thrown;
  expect(statusOf(bad)).toBe(400);
  expect(JSON.stringify(bad)).toContain("certificateNumber");
  expect(await prisma.brokerProfile.count({ where: { userId: s.broker.id } })).toBe(0);

  const made = await run(
    myBroker.action,
    post("/my/broker", s.cookies.broker, {
      level: "intermediate",
      certificateNumber: "ZJ-2026-001",
      brokerOrgId: s.agency.id,
      fields: ["rare_earth", "electronics"],
      regions: ["360702"],
      bio: "稀土与电子信息",
    }),
  );
  expect(location(made)).toBe("/my/broker?saved=1");
  const profile = await prisma.brokerProfile.findUniqueOrThrow({ where: { userId: s.broker.id } });
  expect(profile.fields).toEqual(["rare_earth", "electronics"]);
  expect(profile.verifiedAt).toBeNull();

  // unverified: not in the public directory, the page is 404 for others
  const anon = (await run(brokersPage.loader, get("/brokers"))) as { items: Array<{ id: string }> };
  expect(anon.items.map((b) => b.id)).not.toContain(s.broker.id);
  expect(statusOf(await run(brokerPage.loader, get(`/brokers/${s.broker.id}`), { id: s.broker.id }))).toBe(404);

  // a company cannot verify; anonymous is sent to log in; the bureau can
  expect(
    statusOf(
      await run(brokerPage.action, post(`/brokers/${s.broker.id}`, s.cookies.company, { decision: "verify" }), {
        id: s.broker.id,
      }),
    ),
  ).toBe(403);
  const anonVerify = await run(brokerPage.action, post(`/brokers/${s.broker.id}`, null, { decision: "verify" }), {
    id: s.broker.id,
  });
  expect(location(anonVerify)).toContain("/login");
  // a refused verification comes back to the form (conform), the note's message under the note, nothing written
  const tooLong = await run(
    brokerPage.action,
    post(`/brokers/${s.broker.id}`, s.cookies.bureau, { decision: "verify", note: "证".repeat(1001) }),
    { id: s.broker.id },
  );
  expect(statusOf(tooLong)).toBe(400);
  expect(replyErrors(tooLong).note?.[0]).toMatch(/说明.* \/ .*Note/);
  expect((await prisma.brokerProfile.findUniqueOrThrow({ where: { userId: s.broker.id } })).verifiedAt).toBeNull();
  const verified = await run(
    brokerPage.action,
    post(`/brokers/${s.broker.id}`, s.cookies.bureau, { decision: "verify", note: "证书已核验" }),
    { id: s.broker.id },
  );
  expect(location(verified)).toBe(`/brokers/${s.broker.id}?done=verify`);
  const listed = (await run(brokersPage.loader, get("/brokers?level=intermediate"))) as {
    items: Array<{ id: string; record: { leads: number } }>;
  };
  expect(listed.items.map((b) => b.id)).toContain(s.broker.id);
  const page = (await run(brokerPage.loader, get(`/brokers/${s.broker.id}`), { id: s.broker.id })) as {
    broker: { verified: boolean; brokerOrg: { id: string } };
  };
  expect(page.broker).toMatchObject({ verified: true, brokerOrg: { id: s.agency.id } });
  const audit = await prisma.auditEvent.findMany({ where: { entityType: "broker", entityId: s.broker.id } });
  expect(audit.map((e) => e.action).sort()).toEqual(["create", "verify"]);

  // a company user has no broker profile form
  expect(statusOf(await run(myBroker.loader, get("/my/broker", s.cookies.company)))).toBe(403);
});

test("/my/leads: a broker files a lead by picking the need and the result, both parties see it, the broker waives it", async () => {
  const s = await brokerSetting();
  const loaded = (await run(myLeads.loader, get("/my/leads", s.cookies.broker))) as {
    mayFile: boolean;
    options: { needs: Array<{ id: string }>; results: Array<{ id: string }>; orgs: Array<{ id: string }> };
  };
  expect(loaded.mayFile).toBe(true);
  expect(loaded.options.needs.map((n) => n.id)).toContain(s.need.id);
  expect(loaded.options.results.map((r) => r.id)).toContain(s.result.id);

  // the note is required: 400 naming it, nothing written
  const bad = await run(
    myLeads.action,
    post("/my/leads", s.cookies.broker, { needId: s.need.id, resultId: s.result.id, note: "" }),
  );
  expect(statusOf(bad)).toBe(400);
  expect(JSON.stringify(bad)).toContain("note");
  expect(await prisma.lead.count({ where: { brokerUserId: s.broker.id } })).toBe(0);

  // a company cannot file a lead
  const refused = await run(
    myLeads.action,
    post("/my/leads", s.cookies.company, { needId: s.need.id, resultId: s.result.id, note: "x" }),
  );
  expect(statusOf(refused)).toBe(403);

  const filed = await run(
    myLeads.action,
    post("/my/leads", s.cookies.broker, { needId: s.need.id, resultId: s.result.id, note: "双方已线上交流" }),
  );
  expect(location(filed)).toBe("/my/leads?done=filed");
  const lead = await prisma.lead.findFirstOrThrow({ where: { brokerUserId: s.broker.id } });
  expect([lead.buyerOrgId, lead.sellerOrgId]).toEqual([s.buyer.id, s.seller.id]);

  // the second lead on the pair is refused with the earlier one's time (409)
  const again = await run(
    myLeads.action,
    post("/my/leads", s.cookies.broker, { buyerOrgId: s.buyer.id, sellerOrgId: s.seller.id, note: "再次" }),
  );
  expect(statusOf(again)).toBe(409);

  // the buyer's company sees who introduced it, with no filing form
  const party = (await run(myLeads.loader, get("/my/leads", s.cookies.company))) as {
    mayFile: boolean;
    leads: Array<{ id: string; broker: { name: string } }>;
  };
  expect(party.mayFile).toBe(false);
  expect(party.leads.map((l) => l.id)).toEqual([lead.id]);

  // only the broker waives: the company's attempt is refused, the broker's goes through once
  const notTheirs = (await run(
    myLeads.action,
    post("/my/leads", s.cookies.company, { intent: "waive", leadId: lead.id }),
  )) as { data?: { waiveError?: string } } & Thrown;
  expect([403, 404, 409]).toContain(statusOf(notTheirs));
  expect(notTheirs.data?.waiveError).toMatch(/经纪人/);
  expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("live");
  const waived = await run(myLeads.action, post("/my/leads", s.cookies.broker, { intent: "waive", leadId: lead.id }));
  expect(location(waived)).toBe("/my/leads?done=waived");
  expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("waived");
  // anonymous: to the login page
  expect(location(await run(myLeads.loader, get("/my/leads")))).toContain("/login");
});

async function subcentreSetting() {
  const suffix = Math.random().toString(36).slice(2, 8);
  const a = await prisma.subcentre.create({
    data: { name: `稀土分中心${suffix}`, kind: "industry_cluster", regionCode: "360702", delegatedReview: true },
  });
  const b = await prisma.subcentre.create({
    data: { name: `钨分中心${suffix}`, kind: "industry_cluster", regionCode: "360725" },
  });
  const member = await makeOrg({ kind: "enterprise", name: `入驻企业${suffix}` });
  await prisma.organization.update({ where: { id: member.id }, data: { subcentreId: a.id } });
  const staffA = await makeUser("subcentre", null);
  const staffB = await makeUser("subcentre", null);
  await prisma.subcentreStaff.create({ data: { userId: staffA.id, subcentreId: a.id } });
  await prisma.subcentreStaff.create({ data: { userId: staffB.id, subcentreId: b.id } });
  const bureau = await makeUser("bureau", null);
  const company = await makeUser("company", member.id);
  const need = await publishedNeed(member);
  return {
    a,
    b,
    member,
    need,
    cookies: {
      staffA: await cookieFor(staffA.id),
      staffB: await cookieFor(staffB.id),
      bureau: await cookieFor(bureau.id),
      company: await cookieFor(company.id),
    },
  };
}

test("sub-centres: public pages, the bureau dispatches a need, the desk of that sub-centre records a visit; others are refused", async () => {
  const s = await subcentreSetting();
  const list = (await run(subcentresPage.loader, get("/subcentres"))) as { items: Array<{ id: string }> };
  expect(list.items.map((x) => x.id)).toEqual(expect.arrayContaining([s.a.id, s.b.id]));
  const page = (await run(subcentrePage.loader, get(`/subcentres/${s.a.id}`), { id: s.a.id })) as {
    affiliates: Array<{ id: string }>;
    stats: { needsCollected: number };
  };
  expect(page.affiliates.map((o) => o.id)).toEqual([s.member.id]);
  expect(page.stats.needsCollected).toBeGreaterThanOrEqual(1);
  expect(statusOf(await run(subcentrePage.loader, get("/subcentres/nope"), { id: "nope" }))).toBe(404);

  // the bureau page: staff and companies are refused, the bureau dispatches (bad due date → field message)
  expect(statusOf(await run(bureauSubcentres.loader, get("/bureau/subcentres", s.cookies.staffA)))).toBe(403);
  expect(statusOf(await run(bureauSubcentres.loader, get("/bureau/subcentres", s.cookies.company)))).toBe(403);
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const past = await run(
    bureauSubcentres.action,
    post("/bureau/subcentres", s.cookies.bureau, {
      intent: "dispatch",
      needId: s.need.id,
      subcentreId: s.a.id,
      dueDate: "2020-01-01",
    }),
  );
  expect(statusOf(past)).toBe(400);
  expect(replyErrors(past).dueDate).toEqual(["办结期限应在将来 / The due date must be in the future"]);
  // empty: each required field is named in words, nothing is written
  const empty = replyErrors(
    await run(bureauSubcentres.action, post("/bureau/subcentres", s.cookies.bureau, { intent: "dispatch" })),
  );
  expect(Object.keys(empty).sort()).toEqual(["dueDate", "needId", "subcentreId"]);
  expect(await prisma.needDispatch.count({ where: { needId: s.need.id } })).toBe(0);
  const refusedDispatch = await run(
    bureauSubcentres.action,
    post("/bureau/subcentres", s.cookies.staffB, {
      intent: "dispatch",
      needId: s.need.id,
      subcentreId: s.a.id,
      dueDate: due,
    }),
  );
  expect(statusOf(refusedDispatch)).toBe(403);
  const dispatched = await run(
    bureauSubcentres.action,
    post("/bureau/subcentres", s.cookies.bureau, {
      intent: "dispatch",
      needId: s.need.id,
      subcentreId: s.a.id,
      dueDate: due,
    }),
  );
  expect(location(dispatched)).toContain("done=dispatched");
  const dispatch = await prisma.needDispatch.findFirstOrThrow({ where: { needId: s.need.id } });

  // the desk: staff of A see A's dispatch whatever ?id= says; staff of B do not see it and cannot record a visit
  const deskA = (await run(desk.loader, get(`/subcentre?id=${s.b.id}`, s.cookies.staffA))) as {
    sc: { id: string };
    desk: { dispatches: Array<{ id: string }> };
  };
  expect(deskA.sc.id).toBe(s.a.id);
  expect(deskA.desk.dispatches.map((d) => d.id)).toEqual([dispatch.id]);
  const deskB = (await run(desk.loader, get("/subcentre", s.cookies.staffB))) as {
    desk: { dispatches: unknown[] };
  };
  expect(deskB.desk.dispatches).toEqual([]);
  const visit = {
    intent: "visit",
    dispatchId: dispatch.id,
    visitedAt: "2026-12-01T09:30",
    outcome: "visited",
    note: "走访",
  };
  const foreign = await run(desk.action, post("/subcentre", s.cookies.staffB, visit));
  expect([403, 404]).toContain(statusOf(foreign));
  expect(await prisma.dispatchVisit.count({ where: { dispatchId: dispatch.id } })).toBe(0);
  // an empty visit form: each message under its field, in words (no field names), nothing written
  const emptyVisit = await run(
    desk.action,
    post("/subcentre", s.cookies.staffA, { intent: "visit", dispatchId: dispatch.id, outcome: "" }),
  );
  expect(statusOf(emptyVisit)).toBe(400);
  expect(replyErrors(emptyVisit).visitedAt).toEqual(["请填写走访时间 / Enter the time of the visit"]);
  expect(replyErrors(emptyVisit).outcome).toEqual(["请选择走访结果 / Choose the outcome of the visit"]);
  const badTime = await run(
    desk.action,
    post("/subcentre", s.cookies.staffA, { ...visit, visitedAt: "2026-13-45T09:30" }),
  );
  expect(statusOf(badTime)).toBe(400);
  expect(replyErrors(badTime).visitedAt?.[0]).toMatch(/走访时间.* \/ .*Visit time/);
  expect(JSON.stringify(Object.values(replyErrors(badTime)))).not.toMatch(/visitedAt/);
  expect(await prisma.dispatchVisit.count({ where: { dispatchId: dispatch.id } })).toBe(0);
  expect(statusOf(await run(desk.loader, get("/subcentre", s.cookies.company)))).toBe(403);
  const recorded = await run(desk.action, post("/subcentre", s.cookies.staffA, { ...visit, close: "on" }));
  expect(location(recorded)).toBe("/subcentre?done=visit");
  const after = await prisma.needDispatch.findUniqueOrThrow({ where: { id: dispatch.id }, include: { visits: true } });
  expect(after.status).toBe("done");
  expect(after.visits[0]!.visitedAt.toISOString()).toBe("2026-12-01T01:30:00.000Z");

  // the scorecard: an entered score with its note; a score above the category's maximum names the field
  const tooHigh = await run(
    bureauSubcentres.action,
    post("/bureau/subcentres", s.cookies.bureau, {
      intent: "score",
      subcentreId: s.a.id,
      category: "basics",
      points: "11",
      note: "x",
    }),
  );
  expect(replyErrors(tooHigh).points).toEqual(["该项满分 10 分 / At most 10 points here"]);
  const scored = await run(
    bureauSubcentres.action,
    post("/bureau/subcentres", s.cookies.bureau, {
      intent: "score",
      subcentreId: s.a.id,
      category: "basics",
      points: "8",
      note: "现场核查",
    }),
  );
  expect(location(scored)).toContain("done=scored");
  // the target, typed in 万元 for the page's year (audited); bad amounts name the field, staff are refused
  const targetPost = (cookie: string, amount: string) =>
    run(
      bureauSubcentres.action,
      post("/bureau/subcentres?year=2026", cookie, {
        intent: "target",
        subcentreId: s.a.id,
        amount,
        amountUnit: "wan",
      }),
    );
  expect(replyErrors(await targetPost(s.cookies.bureau, "12万")).amount).toEqual([
    "请只填写数字，例如 12.5（不要带单位） / Digits only, e.g. 12.5 (no units)",
  ]);
  expect(statusOf(await targetPost(s.cookies.staffA, "120.5"))).toBe(403);
  expect(await prisma.subcentreTarget.count({ where: { subcentreId: s.a.id } })).toBe(0);
  expect(location(await targetPost(s.cookies.bureau, "120.5"))).toContain("done=target");
  const set = await prisma.subcentreTarget.findFirstOrThrow({ where: { subcentreId: s.a.id, year: 2026 } });
  expect(set.amountFen).toBe(1_205_000_00n);
  const bureauView = (await run(bureauSubcentres.loader, get("/bureau/subcentres", s.cookies.bureau))) as {
    card: Array<{ subcentreId: string; rank: number; categories: { basics: { points: number; note: string } } }>;
  };
  const row = bureauView.card.find((r) => r.subcentreId === s.a.id)!;
  expect(row.categories.basics).toMatchObject({ points: 8, note: "现场核查" });
  expect(row.rank).toBeGreaterThanOrEqual(1);
});

test("statistics by sub-centre are labelled with the sub-centre's name", async () => {
  const sc = await prisma.subcentre.create({
    data: { name: `电子信息分中心${Math.random()}`, kind: "industry_cluster", regionCode: "360722" },
  });
  expect(groupLabel("subcentre", sc.id, "zh-CN", sc.name)).toBe(sc.name);
  const seller = await makeOrg({ kind: "university" });
  const buyer = await makeOrg({ kind: "enterprise" });
  await prisma.organization.update({ where: { id: buyer.id }, data: { subcentreId: sc.id } });
  const year = new Date().getFullYear();
  await prisma.contract.create({
    data: {
      type: "development",
      title: "分中心统计测试合同",
      sellerOrgId: seller.id,
      buyerOrgId: buyer.id,
      contractAmountFen: 1_000_000n,
      nonTechnicalCostsFen: 0n,
      techTransactionAmountFen: 1_000_000n,
      signedAt: new Date(),
      status: "registered",
      registeredAt: new Date(),
      registeredYear: year,
      registrationNumber: `T${Date.now()}`,
    },
  });
  const stats = await contractStats({ year, groupBy: "subcentre" });
  const table = statsTable(stats);
  const line = table.rows.find((r) => r.key === sc.id);
  expect(line?.label).toBe(sc.name);
});
