// /bureau/calendar: market staff list holidays and working weekend days (调休) for a year through
// the page, each change audited; the deadlines count them (a winner's 5 working days); other roles
// and anonymous callers are refused and nothing changes.
import { expect, test } from "vitest";
import { workingDeadline } from "../../app/auctions/calendar.server.ts";
import {
  cookieFor,
  pageGet as get,
  pagePost as post,
  pageStatus as statusOf,
  replyErrors,
  runPage as run,
} from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import { shanghaiDayStart } from "../../app/domain/time.ts";
import * as calendarPage from "../../app/routes/bureau.calendar.tsx";
import { makeOrg, makeUser } from "../factories.ts";

// Friday 2031-10-03: five working days end on Friday 10-10 → deadline Saturday 10-11 00:00 Shanghai
const SOLD_AT = shanghaiDayStart(2031, 10, 3);

test("staff list a holiday and a working Sunday through the page; deadlines count them; removal restores", async () => {
  const bureau = await cookieFor((await makeUser("bureau")).id);
  expect(await workingDeadline(SOLD_AT, 5)).toEqual(shanghaiDayStart(2031, 10, 11));

  const saved = await run(
    calendarPage.action,
    post("/bureau/calendar?year=2031", bureau, { intent: "set", date: "2031-10-06", working: "false", note: "国庆节" }),
  );
  expect(statusOf(saved)).toBe(302);
  expect((saved as Response).headers.get("Location")).toBe("/bureau/calendar?year=2031&done=saved");
  await run(
    calendarPage.action,
    post("/bureau/calendar", bureau, { intent: "set", date: "2031-10-12", working: "true", note: "调休上班" }),
  );
  const page = (await run(calendarPage.loader, get("/bureau/calendar?year=2031", bureau))) as {
    days: Array<{ date: string; working: boolean; note: string }>;
  };
  expect(page.days).toEqual([
    { date: "2031-10-06", working: false, note: "国庆节" },
    { date: "2031-10-12", working: true, note: "调休上班" },
  ]);
  // Monday 10-06 off, Sunday 10-12 worked: the fifth working day is Sunday 10-12
  expect(await workingDeadline(SOLD_AT, 5)).toEqual(shanghaiDayStart(2031, 10, 13));
  expect(
    await prisma.auditEvent.count({
      where: { entityType: "calendar", entityId: { in: ["2031-10-06", "2031-10-12"] } },
    }),
  ).toBe(2);

  const removed = await run(
    calendarPage.action,
    post("/bureau/calendar?year=2031", bureau, { intent: "remove", date: "2031-10-12" }),
  );
  expect((removed as Response).headers.get("Location")).toBe("/bureau/calendar?year=2031&done=removed");
  expect(await workingDeadline(SOLD_AT, 5)).toEqual(shanghaiDayStart(2031, 10, 14));
  expect(await prisma.auditEvent.count({ where: { entityType: "calendar", entityId: "2031-10-12" } })).toBe(2);
});

test("bad input is a 400 in the reader's language; other roles and anonymous callers are refused", async () => {
  const bureau = await cookieFor((await makeUser("bureau")).id);
  const bad = await run(
    calendarPage.action,
    post("/bureau/calendar", bureau, { intent: "set", date: "2031/10/06", working: "false" }),
  );
  expect(statusOf(bad)).toBe(400);
  expect(replyErrors(bad).date?.[0]).toMatch(/YYYY-MM-DD/);
  const noKind = await run(
    calendarPage.action,
    post("/bureau/calendar", `${bureau}; lng=en`, { intent: "set", date: "2031-10-07" }),
  );
  expect(statusOf(noKind)).toBe(400);
  // the kind's message names it in words, not the field behind the select
  expect(replyErrors(noKind).working).toEqual(["请选择节假日或调休上班日 / Choose a holiday or a working day"]);
  const empty = await run(calendarPage.action, post("/bureau/calendar", bureau, { intent: "set" }));
  expect(statusOf(empty)).toBe(400);
  expect(replyErrors(empty).date).toEqual(["请选择日期 / Choose the date"]);
  const badRemoval = await run(calendarPage.action, post("/bureau/calendar", bureau, { intent: "remove", date: "x" }));
  expect(statusOf(badRemoval)).toBe(400);

  const org = await makeOrg();
  const before = await prisma.calendarDay.count();
  for (const role of ["company", "researcher", "broker"] as const) {
    const cookie = await cookieFor((await makeUser(role, org.id)).id);
    expect(statusOf(await run(calendarPage.loader, get("/bureau/calendar", cookie)))).toBe(403);
    const r = await run(
      calendarPage.action,
      post("/bureau/calendar", cookie, { intent: "set", date: "2031-10-08", working: "false" }),
    );
    expect(statusOf(r)).toBe(403);
  }
  const anonymous = await run(
    calendarPage.action,
    post("/bureau/calendar", undefined, { intent: "set", date: "2031-10-08", working: "false" }),
  );
  expect(statusOf(anonymous)).toBe(302);
  expect((anonymous as Response).headers.get("Location")).toMatch(/^\/login/);
  expect(await prisma.calendarDay.count()).toBe(before);
  const admin = await cookieFor((await makeUser("admin")).id);
  expect(statusOf(await run(calendarPage.loader, get("/bureau/calendar", admin)))).toBe(200);
});
