// Members keep their organization's description and website: PATCH /api/v1/organizations/:id and
// /organizations/:id/edit. What the bureau verified (name, kind, credit code, region) stays out.
import { expect, test } from "vitest";
import { commitSession, createSession } from "../../app/auth/session.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as orgApi from "../../app/routes/api.v1.organizations.$id.ts";
import * as editPage from "../../app/routes/organizations.$id_.edit.tsx";
import { apiRequest, call, makeCaller, makeOrg, makeUser } from "../factories.ts";
import { formRequest, run } from "./auth-helpers.ts";

const patch = (id: string, token: string | undefined, body: unknown) =>
  call(orgApi.action, apiRequest("PATCH", `/api/v1/organizations/${id}`, { token, body }), { id });

test("a member edits the description and website; the change is audited and public", async () => {
  const member = await makeCaller("researcher");
  const org = member.org!;
  const res = await patch(org.id, member.token, {
    description: "稀土永磁材料与器件研究。\n面向赣州企业开放中试线。",
    website: "https://www.example.edu.cn",
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    id: org.id,
    name: org.name,
    website: "https://www.example.edu.cn",
    description: "稀土永磁材料与器件研究。\n面向赣州企业开放中试线。",
  });
  const audit = await prisma.auditEvent.findFirstOrThrow({
    where: { entityType: "organization", entityId: org.id, action: "update" },
  });
  expect(audit.actorId).toBe(member.user.id);
  expect(audit.after).toMatchObject({ website: "https://www.example.edu.cn" });

  // a field left out is kept; "" clears
  const cleared = await patch(org.id, member.token, { website: "" });
  expect(cleared.body).toMatchObject({
    website: null,
    description: "稀土永磁材料与器件研究。\n面向赣州企业开放中试线。",
  });
  const pub = await call(orgApi.loader, apiRequest("GET", `/api/v1/organizations/${org.id}`), { id: org.id });
  expect(pub.body.website).toBeNull();
  // nothing changed: no new audit event
  const events = await prisma.auditEvent.count({ where: { entityType: "organization", entityId: org.id } });
  await patch(org.id, member.token, { website: "" });
  expect(await prisma.auditEvent.count({ where: { entityType: "organization", entityId: org.id } })).toBe(events);
});

test("other organizations' members, bureau staff and anonymous callers cannot edit; admins can", async () => {
  const org = await makeOrg({ verified: true });
  const outsider = await makeCaller("company");
  const bureau = await makeCaller("bureau");
  expect((await patch(org.id, outsider.token, { description: "改别人的简介" })).status).toBe(403);
  expect((await patch(org.id, bureau.token, { description: "改别人的简介" })).status).toBe(403);
  expect((await patch(org.id, undefined, { description: "改别人的简介" })).status).toBe(401);
  expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).description).toBe("");
  const admin = await makeCaller("admin");
  expect((await patch(org.id, admin.token, { description: "管理员修正" })).status).toBe(200);
  expect((await patch("no-such-org", admin.token, { description: "x" })).status).toBe(404);
});

test("bad input is a 400 naming the field, and nothing is written", async () => {
  const member = await makeCaller("company");
  const org = member.org!;
  const before = await prisma.organization.findUniqueOrThrow({ where: { id: org.id } });
  for (const [body, field] of [
    [{ website: "javascript:alert(1)" }, "website"],
    [{ website: "ftp://example.com" }, "website"],
    [{ description: "长".repeat(2001) }, "description"],
    [{ description: 42 }, "description"],
    [{ name: "换个名字" }, "name"],
    [{ creditCode: "91350100M000100Y43" }, "creditCode"],
  ] as const) {
    const res = await patch(org.id, member.token, body);
    expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
    expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(body).slice(0, 60)).toContain(field);
  }
  const bad = await call(
    orgApi.action,
    apiRequest("PATCH", `/api/v1/organizations/${org.id}`, { token: member.token, rawBody: "{not json" }),
    { id: org.id },
  );
  expect(bad.status).toBe(400);
  expect(await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).toEqual(before);
});

test("the edit page: members save, others get a 403", async () => {
  const org = await makeOrg({ verified: true });
  const member = await makeUser("broker", org.id);
  const cookie = (await commitSession((await createSession(member.id)).id)).split(";")[0]!;
  const page = await run(editPage.loader, formRequest(`/organizations/${org.id}/edit`, {}, { method: "GET", cookie }), {
    id: org.id,
  });
  expect(page.status).toBe(200);
  const saved = await run(
    editPage.action,
    formRequest(`/organizations/${org.id}/edit`, { description: "技术经纪与成果评价服务", website: "" }, { cookie }),
    { id: org.id },
  );
  expect(saved.status).toBe(302);
  expect(saved.location).toBe(`/organizations/${org.id}/edit?saved=1`);
  expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).description).toBe(
    "技术经纪与成果评价服务",
  );
  const invalid = await run(
    editPage.action,
    formRequest(`/organizations/${org.id}/edit`, { description: "x", website: "www.no-scheme.cn" }, { cookie }),
    { id: org.id },
  );
  expect(invalid.status).toBe(400);

  const stranger = await makeUser("researcher", (await makeOrg({ verified: true })).id);
  const strangerCookie = (await commitSession((await createSession(stranger.id)).id)).split(";")[0]!;
  const refused = await run(
    editPage.action,
    formRequest(`/organizations/${org.id}/edit`, { description: "篡改" }, { cookie: strangerCookie }),
    { id: org.id },
  );
  expect(refused.status).toBe(403);
  expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).description).toBe(
    "技术经纪与成果评价服务",
  );
});
