// Needs collected on a site visit: a sub-centre's staff enter a need for an affiliated company; it
// is a draft awaiting the company's confirmation (never public, cannot be submitted), carries the
// sub-centre, notifies the company and shows on the desk; a member of the company confirms it once
// and it goes to the normal review. Refusals: another sub-centre's staff, a non-affiliated
// company, other roles, anonymous callers, strangers confirming.
import { expect, test } from "vitest";
import { createApiToken } from "../../app/auth/api-token.server.ts";
import { commitSession, createSession } from "../../app/auth/session.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as fieldNeedsRoute from "../../app/routes/api.v1.subcentres.$id.needs.ts";
import * as confirmRoute from "../../app/routes/api.v1.needs.$id.confirm.ts";
import * as needRoute from "../../app/routes/api.v1.needs.$id.ts";
import * as submitRoute from "../../app/routes/api.v1.needs.$id.submit.ts";
import * as reviewRoute from "../../app/routes/api.v1.needs.$id.review.ts";
import * as deskRoute from "../../app/routes/api.v1.subcentres.$id.desk.ts";
import * as newFieldNeed from "../../app/routes/subcentre.needs.new.tsx";
import * as myNeeds from "../../app/routes/my.needs._index.tsx";
import { apiRequest, call, makeCaller, makeOrg, makeUser } from "../factories.ts";

type Token = { token: string } | null;
const send = (
  c: Token,
  route: { action: (a: never) => unknown },
  method: string,
  path: string,
  params = {},
  body?: unknown,
) => call(route.action as never, apiRequest(method, path, { token: c?.token, body }), params);
const enter = (c: Token, subcentreId: string, body: unknown) =>
  send(c, fieldNeedsRoute, "POST", `/api/v1/subcentres/${subcentreId}/needs`, { id: subcentreId }, body);
const confirm = (c: Token, id: string) => send(c, confirmRoute, "POST", `/api/v1/needs/${id}/confirm`, { id });
const getNeed = (c: Token, id: string) =>
  call(needRoute.loader, apiRequest("GET", `/api/v1/needs/${id}`, { token: c?.token }), { id });

async function subcentre(name: string) {
  return prisma.subcentre.create({
    data: { name: `${name}${Math.random()}`, kind: "industry_cluster", regionCode: "360703" },
  });
}

async function staffOf(subcentreId: string) {
  const user = await makeUser("subcentre");
  await prisma.subcentreStaff.create({ data: { userId: user.id, subcentreId } });
  const { token } = await createApiToken(user.id, "t");
  return { user, token };
}

const needBody = (organizationId: string) => ({
  organizationId,
  title: "稀土永磁电机废料中镝铽高效回收工艺",
  description: "走访时企业提出：现有湿法回收镝铽收率偏低，希望找到高校合作提升收率并降低酸耗。",
  field: "rare_earth",
  budgetFen: 50_000_000,
  contact: { name: "刘工", phone: "0797-8888888" },
});

test("staff enter a need for an affiliated company; the company confirms it once and it goes to review", async () => {
  const re = await subcentre("稀土新材料及应用分中心");
  const staff = await staffOf(re.id);
  const company = await makeCaller("company");
  const colleague = await makeCaller("company", { org: company.org });
  await prisma.organization.update({ where: { id: company.org!.id }, data: { subcentreId: re.id } });

  const created = await enter(staff, re.id, needBody(company.org!.id));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect(created.body).toMatchObject({
    status: "draft",
    confirmationStatus: "awaiting_company_confirmation",
    subcentreId: re.id,
    organization: { id: company.org!.id },
    budgetFen: 50_000_000,
  });
  const row = await prisma.need.findUniqueOrThrow({ where: { id } });
  expect(row.createdById).toBe(staff.user.id);
  expect(
    await prisma.auditEvent.count({
      where: { entityType: "need", entityId: id, action: "create", actorId: staff.user.id },
    }),
  ).toBe(1);
  // every member of the company is told, with a link to their needs
  const told = await prisma.notification.findMany({ where: { kind: "need.awaiting_confirmation", link: "/my/needs" } });
  expect(told.map((n) => n.userId)).toEqual(expect.arrayContaining([company.user.id, colleague.user.id]));
  // the desk lists it until the company confirms
  const desk = await call(deskRoute.loader, apiRequest("GET", `/x`, { token: staff.token }), { id: re.id });
  expect(desk.body.awaitingConfirmation.map((n: { id: string }) => n.id)).toContain(id);

  // not public, and the company cannot submit it without confirming
  expect((await getNeed(null, id)).status).toBe(404);
  const early = await send(company, submitRoute, "POST", `/api/v1/needs/${id}/submit`, { id });
  expect(early.status).toBe(409);
  expect(early.body.error.code).toBe("awaiting_company_confirmation");
  const patched = await send(company, needRoute, "PATCH", `/api/v1/needs/${id}`, { id }, { submit: true });
  expect(patched.body.error.code).toBe("awaiting_company_confirmation");
  expect((await prisma.need.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
  // the company may correct it first
  const edited = await send(company, needRoute, "PATCH", `/api/v1/needs/${id}`, { id }, { budgetFen: 60_000_000 });
  expect(edited.status).toBe(200);

  // strangers, the staff themselves and anonymous callers cannot confirm it
  const stranger = await makeCaller("company");
  expect((await confirm(stranger, id)).status).toBe(404);
  expect([403, 404]).toContain((await confirm(staff, id)).status);
  expect((await confirm(null, id)).status).toBe(401);

  const [a, b] = await Promise.all([confirm(company, id), confirm(colleague, id)]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(a.body).toMatchObject({ status: "pending_review", confirmationStatus: "confirmed", subcentreId: re.id });
  expect(a.body.confirmedAt).toEqual(expect.any(String));
  expect(await prisma.auditEvent.count({ where: { entityType: "need", entityId: id, action: "confirm" } })).toBe(1);
  expect(await prisma.auditEvent.count({ where: { entityType: "need", entityId: id, action: "submit" } })).toBe(1);
  const desk2 = await call(deskRoute.loader, apiRequest("GET", `/x`, { token: staff.token }), { id: re.id });
  expect(desk2.body.awaitingConfirmation.map((n: { id: string }) => n.id)).not.toContain(id);

  // then the normal review; it keeps the sub-centre it came through
  const bureau = await makeCaller("bureau");
  const approved = await send(
    bureau,
    reviewRoute,
    "POST",
    `/api/v1/needs/${id}/review`,
    { id },
    { decision: "approve" },
  );
  expect(approved.status).toBe(200);
  expect((await getNeed(null, id)).body).toMatchObject({
    status: "published",
    subcentreId: re.id,
    budgetFen: 60_000_000,
  });

  // an ordinary need has nothing to confirm
  const own = await prisma.need.create({
    data: { organizationId: company.org!.id, title: "普通需求", description: "x", field: "rare_earth", keywords: [] },
  });
  const nothing = await confirm(company, own.id);
  expect(nothing.status).toBe(409);
  expect(nothing.body.error.code).toBe("invalid_state");
});

test("refused: another sub-centre's staff, a non-affiliated company, other roles, anonymous, missing company", async () => {
  const re = await subcentre("稀土新材料及应用分中心");
  const wu = await subcentre("钨新材料及应用分中心");
  const staff = await staffOf(re.id);
  const otherStaff = await staffOf(wu.id);
  const company = await makeCaller("company");
  await prisma.organization.update({ where: { id: company.org!.id }, data: { subcentreId: re.id } });
  const elsewhere = await makeOrg({ kind: "enterprise" });
  const before = await prisma.need.count();

  expect((await enter(otherStaff, re.id, needBody(company.org!.id))).status).toBe(403);
  const notAffiliated = await enter(staff, re.id, needBody(elsewhere.id));
  expect(notAffiliated.status).toBe(400);
  expect(notAffiliated.body.error.fields).toHaveProperty("organizationId");
  // a company affiliated with another sub-centre is not this one's either
  await prisma.organization.update({ where: { id: elsewhere.id }, data: { subcentreId: wu.id } });
  expect((await enter(staff, re.id, needBody(elsewhere.id))).body.error.fields).toHaveProperty("organizationId");
  const missing = await enter(staff, re.id, { ...needBody(company.org!.id), organizationId: undefined });
  expect(missing.status).toBe(400);
  expect(missing.body.error.fields).toHaveProperty("organizationId");
  const noTitle = await enter(staff, re.id, { ...needBody(company.org!.id), title: "" });
  expect(noTitle.body.error.fields).toHaveProperty("title");

  for (const role of ["company", "bureau", "researcher", "broker"] as const) {
    expect((await enter(await makeCaller(role), re.id, needBody(company.org!.id))).status).toBe(403);
  }
  expect((await enter(null, re.id, needBody(company.org!.id))).status).toBe(401);
  expect((await enter(staff, "no-such-subcentre", needBody(company.org!.id))).status).toBe(404);
  expect(await prisma.need.count()).toBe(before);
});

test("pages: staff enter it at /subcentre/needs/new (their companies only); the company confirms it on /my/needs", async () => {
  const re = await subcentre("稀土新材料及应用分中心");
  const staff = await staffOf(re.id);
  const company = await makeCaller("company");
  await prisma.organization.update({ where: { id: company.org!.id }, data: { subcentreId: re.id } });
  const elsewhere = await makeOrg({ kind: "enterprise" });
  const cookieFor = async (userId: string) => (await commitSession((await createSession(userId)).id)).split(";")[0]!;
  const run = async (handler: unknown, request: Request) => {
    try {
      return await (handler as (a: unknown) => Promise<unknown>)({ request, params: {}, context: {} });
    } catch (thrown) {
      return thrown;
    }
  };
  const status = (r: unknown) =>
    r instanceof Response ? r.status : (r as { init?: { status?: number } }).init?.status;
  const form = (path: string, cookie: string, fields: Record<string, string>) =>
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: new URLSearchParams(fields),
    });
  const staffCookie = await cookieFor(staff.user.id);
  const companyCookie = await cookieFor(company.user.id);

  const page = (await run(
    newFieldNeed.loader,
    new Request("http://localhost/subcentre/needs/new", { headers: { Cookie: staffCookie } }),
  )) as { companies: Array<{ id: string }> };
  expect(page.companies.map((c) => c.id)).toEqual([company.org!.id]);
  // a company user cannot open it
  expect(
    status(
      await run(
        newFieldNeed.loader,
        new Request("http://localhost/subcentre/needs/new", { headers: { Cookie: companyCookie } }),
      ),
    ),
  ).toBe(403);
  const fields = {
    organizationId: company.org!.id,
    title: "脐橙采后保鲜技术需求",
    description: "走访赣南脐橙合作社：希望延长储藏期并减少防腐剂使用。",
    field: "agriculture",
    budgetWan: "20",
    contactName: "王经理",
  };
  const refused = await run(
    newFieldNeed.action,
    form("/subcentre/needs/new", staffCookie, { ...fields, organizationId: elsewhere.id }),
  );
  expect(status(refused)).toBe(400);
  const saved = await run(newFieldNeed.action, form("/subcentre/needs/new", staffCookie, fields));
  expect(saved).toBeInstanceOf(Response);
  expect((saved as Response).headers.get("Location")).toBe("/subcentre?done=fieldNeed");
  const need = await prisma.need.findFirstOrThrow({ where: { organizationId: company.org!.id } });
  expect(need).toMatchObject({
    confirmationStatus: "awaiting_company_confirmation",
    budgetFen: 20_000_000n,
    subcentreId: re.id,
  });

  const mine = (await run(
    myNeeds.loader,
    new Request("http://localhost/my/needs", { headers: { Cookie: companyCookie } }),
  )) as { awaiting: Array<{ id: string; subcentre: { id: string } }> };
  expect(mine.awaiting).toEqual([
    expect.objectContaining({ id: need.id, subcentre: expect.objectContaining({ id: re.id }) }),
  ]);
  const confirmed = await run(myNeeds.action, form("/my/needs", companyCookie, { needId: need.id }));
  expect((confirmed as Response).headers.get("Location")).toBe("/my/needs?done=confirmed");
  expect(await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).toMatchObject({
    status: "pending_review",
    confirmationStatus: "confirmed",
    confirmedById: company.user.id,
  });
});
