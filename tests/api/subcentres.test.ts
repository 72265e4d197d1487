// Sub-centres: creation and affiliation, listings and contracts carrying the sub-centre, staff
// scoped to their own sub-centre (403/404 elsewhere), delegated first-level review with the
// bureau's override, dispatch and visits, figures and groupBy=subcentre; refusals for other
// roles and anonymous callers.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as subcentresRoute from "../../app/routes/api.v1.subcentres.ts";
import * as subcentreRoute from "../../app/routes/api.v1.subcentres.$id.ts";
import * as statsRoute from "../../app/routes/api.v1.subcentres.$id.stats.ts";
import * as affiliationsRoute from "../../app/routes/api.v1.subcentres.$id.affiliations.ts";
import * as staffRoute from "../../app/routes/api.v1.subcentres.$id.staff.ts";
import * as deskRoute from "../../app/routes/api.v1.subcentres.$id.desk.ts";
import * as scoresRoute from "../../app/routes/api.v1.subcentres.$id.scores.ts";
import * as scorecardRoute from "../../app/routes/api.v1.subcentres.scorecard.ts";
import * as dispatchRoute from "../../app/routes/api.v1.needs.$id.dispatch.ts";
import * as visitsRoute from "../../app/routes/api.v1.dispatches.$id.visits.ts";
import * as reviewRoute from "../../app/routes/api.v1.results.$id.review.ts";
import * as contractStatsRoute from "../../app/routes/api.v1.stats.contracts.ts";
import { apiRequest, call, makeCaller, makeUser } from "../factories.ts";
import { publishedNeed, registeredContract, type Caller } from "./contracts-helpers.ts";
import { createApiToken } from "../../app/auth/api-token.server.ts";

const send = (
  c: Caller | null,
  route: { action: (args: never) => unknown },
  method: string,
  path: string,
  body: unknown,
  params: Record<string, string> = {},
) => call(route.action as never, apiRequest(method, path, { token: c?.token, body }), params);

async function staffOf(bureau: Caller, subcentreId: string) {
  const user = await makeUser("company");
  const r = await send(bureau, staffRoute, "POST", "/x", { userId: user.id }, { id: subcentreId });
  expect(r.status).toBe(200);
  const { token } = await createApiToken(user.id, "t");
  return {
    user: { ...user, role: "subcentre" as const },
    token,
    org: null,
    auth: { Authorization: `Bearer ${token}` },
  } as unknown as Caller;
}

async function setup() {
  const bureau = await makeCaller("bureau");
  const create = (body: unknown) => send(bureau, subcentresRoute, "POST", "/api/v1/subcentres", body);
  const city = await create({ name: `赣州市科技大市场${Math.random()}`, kind: "city_centre", regionCode: "360702" });
  expect(city.status).toBe(201);
  const re = await create({
    name: `稀土新材料及应用分中心${Math.random()}`,
    kind: "industry_cluster",
    regionCode: "360703",
    delegatedReview: true,
  });
  const wu = await create({
    name: `钨新材料及应用分中心${Math.random()}`,
    kind: "industry_cluster",
    regionCode: "360781",
  });
  expect(re.body.parentId).toBeTruthy();
  return { bureau, city: city.body, re: re.body, wu: wu.body };
}

test("sub-centres: only the bureau creates and affiliates; listings and contracts carry the sub-centre; figures and groupBy", async () => {
  const { bureau, re, wu } = await setup();
  const company = await makeCaller("company");
  const researcher = await makeCaller("researcher");
  // refusals: another role, anonymous; bad input names the field
  expect(
    (
      await send(company, subcentresRoute, "POST", "/api/v1/subcentres", {
        name: "x",
        kind: "county",
        regionCode: "360702",
      })
    ).status,
  ).toBe(403);
  expect(
    (
      await send(null, subcentresRoute, "POST", "/api/v1/subcentres", {
        name: "x",
        kind: "county",
        regionCode: "360702",
      })
    ).status,
  ).toBe(401);
  expect(
    (
      await send(bureau, subcentresRoute, "POST", "/api/v1/subcentres", {
        name: "x",
        kind: "mall",
        regionCode: "360702",
      })
    ).body.error.fields,
  ).toHaveProperty("kind");
  expect(
    (await send(company, affiliationsRoute, "POST", "/x", { organizationIds: [company.org!.id] }, { id: re.id }))
      .status,
  ).toBe(403);
  expect(
    (await send(null, affiliationsRoute, "POST", "/x", { organizationIds: [company.org!.id] }, { id: re.id })).status,
  ).toBe(401);

  const aff = await send(
    bureau,
    affiliationsRoute,
    "POST",
    "/x",
    { organizationIds: [company.org!.id] },
    { id: re.id },
  );
  expect(aff.status).toBe(200);
  expect(
    await prisma.auditEvent.count({
      where: { entityType: "organization", entityId: company.org!.id, action: "affiliate" },
    }),
  ).toBe(1);
  const need = await publishedNeed(company.org!);
  expect(need.subcentreId).toBe(re.id);
  const contract = await registeredContract(bureau, researcher.org!, company.org!, { needId: need.id });
  expect(contract.subcentreId).toBe(re.id);

  const year = contract.registeredYear;
  const stats = await call(statsRoute.loader, apiRequest("GET", `/api/v1/subcentres/${re.id}/stats?year=${year}`), {
    id: re.id,
  });
  expect(stats.status).toBe(200);
  expect(stats.body).toMatchObject({
    needsCollected: 1,
    registeredContracts: 1,
    registeredAmountFen: 100_000_000,
    shareOfCityBp: 10_000,
  });
  // a target set by the bureau shows the progress
  await send(bureau, subcentreRoute, "PATCH", "/x", { target: { year, amountFen: 400_000_000 } }, { id: re.id });
  expect(
    (await call(statsRoute.loader, apiRequest("GET", `/api/v1/subcentres/${re.id}/stats?year=${year}`), { id: re.id }))
      .body.target,
  ).toEqual({ amountFen: 400_000_000, progressBp: 2_500 });
  expect(
    (await call(statsRoute.loader, apiRequest("GET", `/api/v1/subcentres/${wu.id}/stats?year=${year}`), { id: wu.id }))
      .body.registeredContracts,
  ).toBe(0);

  const grouped = await call(
    contractStatsRoute.loader,
    apiRequest("GET", `/api/v1/stats/contracts?year=${year}&groupBy=subcentre`, { token: bureau.token }),
  );
  expect(grouped.status).toBe(200);
  expect(grouped.body.groups).toContainEqual(expect.objectContaining({ key: re.id, name: re.name, count: 1 }));

  // the scorecard ranks the sub-centre with the deal first on service results
  await send(
    bureau,
    scoresRoute,
    "PUT",
    "/x",
    { year, category: "basics", points: 8, note: "场地与人员齐备" },
    { id: wu.id },
  );
  expect(
    (await send(bureau, scoresRoute, "PUT", "/x", { year, category: "basics", points: 11, note: "x" }, { id: wu.id }))
      .body.error.fields,
  ).toHaveProperty("points");
  expect(
    (await send(company, scoresRoute, "PUT", "/x", { year, category: "basics", points: 1, note: "x" }, { id: wu.id }))
      .status,
  ).toBe(403);
  const card = await call(scorecardRoute.loader, apiRequest("GET", `/api/v1/subcentres/scorecard?year=${year}`));
  const reRow = card.body.items.find((i: { subcentreId: string }) => i.subcentreId === re.id);
  expect(reRow.categories.service).toMatchObject({ points: 30, source: "computed" });
  expect(card.body.items.find((i: { subcentreId: string }) => i.subcentreId === wu.id).categories.basics).toMatchObject(
    { points: 8, source: "entered", note: "场地与人员齐备" },
  );
});

test("staff act only within their sub-centre; delegated first-level review and the bureau's override", async () => {
  const { bureau, re, wu } = await setup();
  const reStaff = await staffOf(bureau, re.id);
  const wuStaff = await staffOf(bureau, wu.id);
  const researcher = await makeCaller("researcher");
  await send(bureau, affiliationsRoute, "POST", "/x", { organizationIds: [researcher.org!.id] }, { id: re.id });
  const result = await prisma.result.create({
    data: {
      organizationId: researcher.org!.id,
      title: "稀土永磁回收",
      summary: "s",
      keywords: [],
      field: "rare_earth",
      maturity: "pilot",
      patentNumbers: [],
      transferModes: ["transfer"],
      status: "pending_review",
      submittedAt: new Date(),
    },
  });
  expect(result.subcentreId).toBe(re.id);

  // the desk: own sub-centre only
  const desk = (c: Caller | null, id: string) =>
    call(deskRoute.loader, apiRequest("GET", `/api/v1/subcentres/${id}/desk`, { token: c?.token }), { id });
  expect((await desk(reStaff, re.id)).body.pendingReview.map((l: { id: string }) => l.id)).toEqual([result.id]);
  expect((await desk(wuStaff, re.id)).status).toBe(403);
  expect((await desk(researcher, re.id)).status).toBe(403);
  expect((await desk(null, re.id)).status).toBe(401);
  // staff cannot manage sub-centres
  expect((await send(reStaff, subcentreRoute, "PATCH", "/x", { delegatedReview: false }, { id: re.id })).status).toBe(
    403,
  );

  const review = (c: Caller, body: unknown) =>
    send(c, reviewRoute, "POST", `/api/v1/results/${result.id}/review`, body, { id: result.id });
  // another sub-centre's staff — even one the bureau delegated review to — cannot review a listing
  // that came through this sub-centre: as if it did not exist / not allowed
  await send(bureau, subcentreRoute, "PATCH", "/x", { delegatedReview: true }, { id: wu.id });
  expect([403, 404]).toContain((await review(wuStaff, { decision: "approve" })).status);
  expect((await prisma.result.findUniqueOrThrow({ where: { id: result.id } })).status).toBe("pending_review");
  const approved = await review(reStaff, { decision: "approve" });
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe("published");
  const event = await prisma.auditEvent.findFirst({
    where: { entityType: "result", entityId: result.id, action: "approve" },
  });
  expect(event?.after).toMatchObject({ delegatedSubcentreId: re.id });
  // the bureau overrides: rejects the published listing
  const overridden = await review(bureau, { decision: "reject", reason: "材料不全" });
  expect(overridden.status).toBe(200);
  expect(overridden.body.status).toBe("rejected");

  // without delegation the sub-centre cannot review
  await send(bureau, subcentreRoute, "PATCH", "/x", { delegatedReview: false }, { id: re.id });
  await prisma.result.update({ where: { id: result.id }, data: { status: "pending_review" } });
  expect((await review(reStaff, { decision: "approve" })).status).toBe(403);
});

test("the city centre dispatches a need; only the receiving sub-centre records visits", async () => {
  const { bureau, city, re, wu } = await setup();
  const cityStaff = await staffOf(bureau, city.id);
  const reStaff = await staffOf(bureau, re.id);
  const wuStaff = await staffOf(bureau, wu.id);
  const company = await makeCaller("company");
  const need = await publishedNeed(company.org!);
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const dispatch = (c: Caller | null, body: unknown) =>
    send(c, dispatchRoute, "POST", `/api/v1/needs/${need.id}/dispatch`, body, { id: need.id });
  expect((await dispatch(reStaff, { subcentreId: re.id, dueAt: due })).status).toBe(403);
  expect((await dispatch(company, { subcentreId: re.id, dueAt: due })).status).toBe(403);
  expect((await dispatch(null, { subcentreId: re.id, dueAt: due })).status).toBe(401);
  expect((await dispatch(cityStaff, { subcentreId: re.id, dueAt: "tomorrow" })).body.error.fields).toHaveProperty(
    "dueAt",
  );
  expect((await dispatch(cityStaff, { subcentreId: "nope", dueAt: due })).body.error.fields).toHaveProperty(
    "subcentreId",
  );
  const d = await dispatch(cityStaff, { subcentreId: re.id, dueAt: due, note: "请一周内走访" });
  expect(d.status).toBe(201);
  expect(d.body).toMatchObject({ needId: need.id, subcentreId: re.id, status: "open" });

  const visit = (c: Caller | null, body: unknown) =>
    send(c, visitsRoute, "POST", `/api/v1/dispatches/${d.body.id}/visits`, body, { id: d.body.id });
  const now = new Date().toISOString();
  expect((await visit(wuStaff, { visitedAt: now, outcome: "visited" })).status).toBe(404);
  expect((await visit(company, { visitedAt: now, outcome: "visited" })).status).toBe(403);
  expect((await visit(null, { visitedAt: now, outcome: "visited" })).status).toBe(401);
  expect((await visit(reStaff, { visitedAt: now, outcome: "won" })).body.error.fields).toHaveProperty("outcome");
  const v = await visit(reStaff, { visitedAt: now, outcome: "matched", note: "已对接江西理工大学", close: true });
  expect(v.status).toBe(201);
  expect(v.body).toMatchObject({ status: "done", visits: [{ outcome: "matched" }] });
  expect((await visit(reStaff, { visitedAt: now, outcome: "visited" })).status).toBe(409);
  expect(
    (
      await prisma.auditEvent.findMany({ where: { entityType: "need", entityId: need.id }, orderBy: { seq: "asc" } })
    ).map((e) => e.action),
  ).toEqual(["dispatch", "visit"]);
});
