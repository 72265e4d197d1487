import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { deliverPendingMail } from "../../app/mail/mail.server.ts";
import { action as adminUsersAction, loader as adminUsersLoader } from "../../app/routes/admin.users.tsx";
import { loader as adminMailLoader } from "../../app/routes/admin.mail.tsx";
import { action as dashboardAction, loader as dashboardLoader } from "../../app/routes/dashboard._index.tsx";
import { formRequest, GOOD_PASSWORD, loginCookie, makeAccount, run } from "./auth-helpers.ts";
import * as qp from "nodemailer/lib/qp";

const get = (p: string, cookie: string) => formRequest(p, {}, { method: "GET", cookie });

test("only admins reach /admin/users and /admin/mail", async () => {
  for (const role of ["researcher", "company", "broker", "bureau"] as const) {
    const { user } = await makeAccount(role);
    const cookie = await loginCookie(user.email);
    expect((await run(adminUsersLoader, get("/admin/users", cookie))).status, role).toBe(403);
    expect((await run(adminMailLoader, get("/admin/mail", cookie))).status, role).toBe(403);
    const post = await run(
      adminUsersAction,
      formRequest("/admin/users", { intent: "role", userId: user.id, role: "admin" }, { cookie }),
    );
    expect(post.status, role).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe(role);
  }
  const anonymous = await run(adminMailLoader, formRequest("/admin/mail", {}, { method: "GET" }));
  expect(anonymous.status).toBe(302);
});

test("an admin creates bureau staff and changes roles, with audit events; not their own role", async () => {
  const { user: admin } = await makeAccount("admin");
  const cookie = await loginCookie(admin.email);
  const email = `staff-${Date.now()}@bureau.gz`;
  const created = await run(
    adminUsersAction,
    formRequest(
      "/admin/users",
      { intent: "create", email, name: "科技局小王", password: GOOD_PASSWORD, role: "bureau" },
      { cookie },
    ),
  );
  expect(created.status).toBe(200);
  const staff = await prisma.user.findUniqueOrThrow({ where: { email } });
  expect(staff.role).toBe("bureau");
  expect(
    await prisma.auditEvent.count({
      where: { entityType: "user", entityId: staff.id, action: "create", actorId: admin.id },
    }),
  ).toBe(1);

  const researcherRole = await run(
    adminUsersAction,
    formRequest(
      "/admin/users",
      { intent: "create", email: `x-${Date.now()}@t.gz`, name: "x", password: GOOD_PASSWORD, role: "researcher" },
      { cookie },
    ),
  );
  expect(researcherRole.status).toBe(400);
  expect(researcherRole.data.result.error.role).toEqual(["errors.roleStaff"]);

  const promote = await run(
    adminUsersAction,
    formRequest("/admin/users", { intent: "role", userId: staff.id, role: "admin" }, { cookie }),
  );
  expect(promote.data.error).toBeNull();
  expect((await prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).role).toBe("admin");
  const event = await prisma.auditEvent.findFirstOrThrow({
    where: { entityType: "user", entityId: staff.id, action: "role_change" },
  });
  expect(event.before).toEqual({ role: "bureau" });
  expect(event.after).toEqual({ role: "admin" });

  // Staff without an organization cannot become researcher/company/broker.
  const noOrg = await run(
    adminUsersAction,
    formRequest("/admin/users", { intent: "role", userId: staff.id, role: "company" }, { cookie }),
  );
  expect(noOrg.status).toBe(400);
  expect(noOrg.data.error).toBe("errors.roleNeedsOrganization");

  const self = await run(
    adminUsersAction,
    formRequest("/admin/users", { intent: "role", userId: admin.id, role: "bureau" }, { cookie }),
  );
  expect(self.data.error).toBe("errors.ownRole");
  expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");

  const list = await run(adminUsersLoader, get(`/admin/users?q=${encodeURIComponent(email)}`, cookie));
  expect(list.data.users.map((u: { email: string }) => u.email)).toEqual([email]);
});

test("the outbox viewer shows mail newest first, with the written .eml file", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "outbox-"));
  const previous = process.env.DATA_DIR;
  process.env.DATA_DIR = dataDir;
  try {
    const { user: admin } = await makeAccount("admin");
    const cookie = await loginCookie(admin.email);
    await prisma.outboxMail.create({ data: { to: "a@test.local", subject: "第一封", text: "hello", kind: "test" } });
    await new Promise((r) => setTimeout(r, 5));
    await prisma.outboxMail.create({
      data: { to: "b@test.local", subject: "第二封 <b>", text: "正文 <script>", kind: "test" },
    });
    await deliverPendingMail();
    const page = await run(adminMailLoader, get("/admin/mail", cookie));
    expect(page.status).toBe(200);
    const mails = page.data.mails.filter((m: { kind: string }) => m.kind === "test");
    expect(mails.map((m: { subject: string }) => m.subject)).toEqual(["第二封 <b>", "第一封"]);
    expect(mails[0].status).toBe("written");
    expect(mails[0].eml).toContain("To: b@test.local");
    // written by nodemailer: the body quoted-printable, as it would go over SMTP
    expect(mails[0].eml).toContain("Content-Transfer-Encoding: quoted-printable");
    expect(mails[0].eml).toContain(qp.encode("正文 <script>"));
  } finally {
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("the dashboard shows each role its sections; notifications are marked read only by their owner", async () => {
  const sectionsOf = async (role: "researcher" | "company" | "broker" | "bureau" | "admin") => {
    const { user } = await makeAccount(role);
    const cookie = await loginCookie(user.email);
    const page = await run(dashboardLoader, get("/dashboard", cookie));
    // Only the sections of this feature: other features add their own to the same dashboard.
    const own = ["admin", "myNeeds", "myResults", "notifications", "reviewQueue"];
    const ids = page.data.sections.map((s: { id: string }) => s.id).filter((id: string) => own.includes(id));
    return { user, cookie, ids: ids.sort() };
  };
  expect((await sectionsOf("researcher")).ids).toEqual(["myResults", "notifications"]);
  expect((await sectionsOf("company")).ids).toEqual(["myNeeds", "notifications"]);
  expect((await sectionsOf("broker")).ids).toEqual(["myNeeds", "myResults", "notifications"]);
  expect((await sectionsOf("bureau")).ids).toEqual(["notifications", "reviewQueue"]);
  expect((await sectionsOf("admin")).ids).toEqual(["admin", "notifications", "reviewQueue"]);

  const a = await sectionsOf("company");
  const b = await sectionsOf("company");
  const mine = await prisma.notification.create({ data: { userId: a.user.id, kind: "test", title: "您的需求已发布" } });
  const theirs = await prisma.notification.create({ data: { userId: b.user.id, kind: "test", title: "别人的通知" } });

  const page = await run(dashboardLoader, get("/dashboard", a.cookie));
  const notifications = page.data.sections.find((s: { id: string }) => s.id === "notifications").data;
  expect(notifications.unread).toBe(1);
  expect(notifications.items.map((n: { title: string }) => n.title)).toEqual(["您的需求已发布"]);

  // A's request naming B's notification changes nothing.
  await run(
    dashboardAction,
    formRequest("/dashboard", { intent: "notifications.read", id: theirs.id }, { cookie: a.cookie }),
  );
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  const read = await run(
    dashboardAction,
    formRequest("/dashboard", { intent: "notifications.read", id: mine.id }, { cookie: a.cookie }),
  );
  expect(read.status).toBe(302);
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).not.toBeNull();

  await run(dashboardAction, formRequest("/dashboard", { intent: "notifications.readAll" }, { cookie: b.cookie }));
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).not.toBeNull();

  const unknown = await run(
    dashboardAction,
    formRequest("/dashboard", { intent: "drop.tables" }, { cookie: a.cookie }),
  );
  expect(unknown.status).toBe(400);
});

test("a researcher's dashboard lists the organization's results with their statuses", async () => {
  const { user, org } = await makeAccount("researcher");
  await prisma.result.createMany({
    data: ["draft", "pending_review", "published", "published"].map((status, i) => ({
      organizationId: org!.id,
      title: `成果${i}`,
      summary: "简介",
      field: "rare_earth",
      maturity: "lab",
      transferModes: ["license"],
      status: status as "draft",
    })),
  });
  const cookie = await loginCookie(user.email);
  const page = await run(dashboardLoader, get("/dashboard", cookie));
  const mine = page.data.sections.find((s: { id: string }) => s.id === "myResults").data;
  expect(mine.counts).toEqual({ draft: 1, pending_review: 1, published: 2 });
  expect(mine.items).toHaveLength(4);
});
