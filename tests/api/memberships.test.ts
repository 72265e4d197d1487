// Joining an organization that already exists: the signup only asks; a member of that
// organization, or bureau/admin staff, decides on /memberships. Until then the user sees none of
// the organization's drafts and acts in nothing on its behalf.
import { expect, test } from "vitest";
import { createApiToken } from "../../app/auth/api-token.server.ts";
import { cookieFor } from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as myResults from "../../app/routes/api.v1.results.ts";
import * as dashboard from "../../app/routes/dashboard._index.tsx";
import * as memberships from "../../app/routes/memberships.tsx";
import { action as signupAction } from "../../app/routes/signup.tsx";
import { makeOrg, makeUser } from "../factories.ts";
import { formRequest, GOOD_PASSWORD, run, sessionCookieFrom } from "./auth-helpers.ts";

let n = 0;
async function askToJoin(organizationId: string, role = "researcher") {
  n += 1;
  const email = `joiner${n}-${Date.now()}@test.local`;
  const outcome = await run(
    signupAction,
    formRequest("/signup", {
      email,
      name: `申请人${n}`,
      password: GOOD_PASSWORD,
      role,
      orgMode: "existing",
      organizationId,
      acceptTerms: "on",
    }),
  );
  expect(outcome.status).toBe(302);
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { membershipRequest: true } });
  return { user, request: user.membershipRequest!, cookie: sessionCookieFrom(outcome)! };
}

test("a member approves: the applicant joins, is told so, and the decision is audited", async () => {
  const org = await makeOrg({ name: `赣州钨业研究院${Date.now()}`, kind: "institute", verified: true });
  const member = await makeUser("researcher", org.id);
  const { user, request } = await askToJoin(org.id);
  expect(user.organizationId).toBeNull();
  // the member is told, with a link to the requests
  const told = await prisma.notification.findFirstOrThrow({
    where: { userId: member.id, kind: "membership_requested" },
  });
  expect(told.link).toBe("/memberships");
  expect(told.title).toContain(user.email);

  const cookie = await cookieFor(member.id);
  const list = await run(memberships.loader, formRequest("/memberships", {}, { method: "GET", cookie }));
  expect(list.data.allowed).toBe(true);
  expect(list.data.requests.map((r: { id: string }) => r.id)).toEqual([request.id]);

  const approved = await run(
    memberships.action,
    formRequest("/memberships", { intent: "approve", requestId: request.id }, { cookie }),
  );
  expect(approved.status).toBe(200);
  expect(approved.data).toMatchObject({ outcome: "approved", name: user.name, organization: org.name });
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).organizationId).toBe(org.id);
  expect(await prisma.membershipRequest.count({ where: { id: request.id } })).toBe(0);
  expect(await prisma.notification.count({ where: { userId: user.id, kind: "membership_approved" } })).toBe(1);
  const audit = await prisma.auditEvent.findFirstOrThrow({
    where: { entityType: "user", entityId: user.id, action: "membership_approve" },
  });
  expect(audit.actorId).toBe(member.id);

  // decided once: a second click (or a second member at the same moment) finds nothing
  const again = await run(
    memberships.action,
    formRequest("/memberships", { intent: "reject", requestId: request.id }, { cookie }),
  );
  expect(again.status).toBe(404);
  expect(again.data).toEqual({ outcome: "gone" });
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).organizationId).toBe(org.id);
});

test("until approved, the applicant sees none of the organization's drafts", async () => {
  const org = await makeOrg({ kind: "university", verified: true });
  const member = await makeUser("researcher", org.id);
  await prisma.result.create({
    data: {
      organizationId: org.id,
      createdById: member.id,
      title: "未公开的草稿成果",
      summary: "x",
      keywords: [],
      field: "tungsten",
      maturity: "lab",
      transferModes: [],
      status: "draft",
    },
  });
  const { user } = await askToJoin(org.id);
  const { token } = await createApiToken(user.id, "test");
  const get = (path: string) =>
    run(myResults.loader, new Request(`http://localhost${path}`, { headers: { Authorization: `Bearer ${token}` } }));
  const mine = await get("/api/v1/results?mine=1");
  expect(mine.status).toBe(403);
  expect(JSON.stringify(mine.data)).not.toContain("未公开的草稿成果");
  const drafts = await get(`/api/v1/results?status=draft&organizationId=${org.id}`);
  expect(drafts.status).toBe(403);
  expect(JSON.stringify(drafts.data)).not.toContain("未公开的草稿成果");
});

test("members of other organizations cannot see or decide a request; staff can, for any organization", async () => {
  const org = await makeOrg({ kind: "enterprise", verified: true });
  const other = await makeOrg({ kind: "enterprise", verified: true });
  await makeUser("company", org.id);
  const outsider = await makeUser("company", other.id);
  const { user, request } = await askToJoin(org.id, "company");

  const outsiderCookie = await cookieFor(outsider.id);
  const list = await run(
    memberships.loader,
    formRequest("/memberships", {}, { method: "GET", cookie: outsiderCookie }),
  );
  expect(list.data.requests.map((r: { id: string }) => r.id)).not.toContain(request.id);
  const tried = await run(
    memberships.action,
    formRequest("/memberships", { intent: "approve", requestId: request.id }, { cookie: outsiderCookie }),
  );
  expect(tried.status).toBe(404);
  // the applicant cannot approve themselves either
  const self = await run(
    memberships.action,
    formRequest("/memberships", { intent: "approve", requestId: request.id }, { cookie: await cookieFor(user.id) }),
  );
  expect(self.status).toBe(403);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).organizationId).toBeNull();

  const bureau = await makeUser("bureau");
  const bureauCookie = await cookieFor(bureau.id);
  const staffList = await run(
    memberships.loader,
    formRequest("/memberships", {}, { method: "GET", cookie: bureauCookie }),
  );
  expect(staffList.data.staff).toBe(true);
  expect(staffList.data.requests.map((r: { id: string }) => r.id)).toContain(request.id);
  const rejected = await run(
    memberships.action,
    formRequest("/memberships", { intent: "reject", requestId: request.id }, { cookie: bureauCookie }),
  );
  expect(rejected.data).toMatchObject({ outcome: "rejected", organization: org.name });
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).organizationId).toBeNull();
  expect(await prisma.notification.count({ where: { userId: user.id, kind: "membership_rejected" } })).toBe(1);
  expect(
    await prisma.auditEvent.count({
      where: { entityType: "user", entityId: user.id, action: "membership_reject", actorId: bureau.id },
    }),
  ).toBe(1);
});

test("an organization without members (registered by staff) is joined through the bureau", async () => {
  const org = await makeOrg({ kind: "institute", verified: true });
  const { user, request } = await askToJoin(org.id);
  // nobody to tell inside the organization; the request waits for staff
  expect(
    await prisma.notification.count({ where: { kind: "membership_requested", title: { contains: user.email } } }),
  ).toBe(0);
  const admin = await makeUser("admin");
  const done = await run(
    memberships.action,
    formRequest("/memberships", { intent: "approve", requestId: request.id }, { cookie: await cookieFor(admin.id) }),
  );
  expect(done.data.outcome).toBe("approved");
  expect((await prisma.user.findUniqueOrThrow({ where: { id: request.userId } })).organizationId).toBe(org.id);
});

test("a malformed decision is refused and changes nothing", async () => {
  const org = await makeOrg({ kind: "enterprise", verified: true });
  const member = await makeUser("company", org.id);
  const { request } = await askToJoin(org.id, "company");
  const cookie = await cookieFor(member.id);
  for (const fields of [
    { intent: "promote", requestId: request.id },
    { intent: "approve", requestId: "" },
    { intent: "approve" },
  ]) {
    const outcome = await run(
      memberships.action,
      formRequest("/memberships", fields as Record<string, string>, { cookie }),
    );
    expect(outcome.status, JSON.stringify(fields)).toBe(400);
  }
  expect(await prisma.membershipRequest.count({ where: { id: request.id } })).toBe(1);
});

test("the dashboard tells the applicant that the request waits, and the members how many wait", async () => {
  const org = await makeOrg({ name: `赣州脐橙研究所${Date.now()}`, kind: "institute", verified: true });
  const member = await makeUser("researcher", org.id);
  const { cookie } = await askToJoin(org.id);
  const mine = await run(dashboard.loader, formRequest("/dashboard", {}, { method: "GET", cookie }));
  expect(mine.status).toBe(200);
  expect(mine.data.sections.find((s: { id: string }) => s.id === "membership").data).toMatchObject({
    pendingOrganization: org.name,
  });
  const theirs = await run(
    dashboard.loader,
    formRequest("/dashboard", {}, { method: "GET", cookie: await cookieFor(member.id) }),
  );
  expect(theirs.data.sections.find((s: { id: string }) => s.id === "membership").data).toMatchObject({ waiting: 1 });
});

test("the API: GET /api/v1/memberships lists what the caller may decide; POST …/:id/approve|reject decides once", async () => {
  const listRoute = await import("../../app/routes/api.v1.memberships.ts");
  const decideRoute = await import("../../app/routes/api.v1.memberships.$id.$decision.ts");
  const org = await makeOrg({ kind: "enterprise", verified: true });
  const member = await makeUser("company", org.id);
  const { token } = await createApiToken(member.id, "test");
  const outsider = await makeUser("company", (await makeOrg({ kind: "enterprise", verified: true })).id);
  const outsiderToken = (await createApiToken(outsider.id, "test")).token;
  const { user, request } = await askToJoin(org.id, "company");
  const get = (t: string) =>
    listRoute.loader({
      request: new Request("http://localhost/api/v1/memberships", { headers: { Authorization: `Bearer ${t}` } }),
    });
  const post = (t: string, id: string, decision: string) =>
    decideRoute.action({
      request: new Request(`http://localhost/api/v1/memberships/${id}/${decision}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${t}` },
      }),
      params: { id, decision },
    });

  const listed = await (await get(token)).json();
  expect(listed.items.map((i: { id: string }) => i.id)).toEqual([request.id]);
  expect(listed.items[0]).toMatchObject({ user: { id: user.id, email: user.email }, organization: { id: org.id } });
  expect((await (await get(outsiderToken)).json()).items).toEqual([]);

  expect((await post(outsiderToken, request.id, "approve")).status).toBe(404);
  expect((await post(token, request.id, "promote")).status).toBe(404);
  const approved = await post(token, request.id, "approve");
  expect(approved.status).toBe(200);
  expect(await approved.json()).toMatchObject({ decision: "approve", user: { id: user.id, organizationId: org.id } });
  expect((await post(token, request.id, "reject")).status).toBe(404);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).organizationId).toBe(org.id);
  expect((await listRoute.loader({ request: new Request("http://localhost/api/v1/memberships") })).status).toBe(401);
});
