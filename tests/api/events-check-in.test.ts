// The door (docs/decisions/0027-event-check-in.md): a QR token per registration, check-in by code,
// token or registration id, only on the event's days in Asia/Shanghai unless staff give a reason
// (audited), the desk's lookup by name or phone, and refusals for everyone but event staff.
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { checkInQr, isEventDay } from "../../app/events/check-in.server.ts";
import { sendEventReminders } from "../../app/events/reminders.server.ts";
import * as eventsRoute from "../../app/routes/api.v1.events.ts";
import * as eventRoute from "../../app/routes/api.v1.events.$id.ts";
import * as registrationsRoute from "../../app/routes/api.v1.events.$id.registrations.ts";
import * as checkInRoute from "../../app/routes/api.v1.events.$id.check-in.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

async function publish(token: string, startsAt: number, endsAt: number, title = "稀土永磁对接会") {
  const res = await call(
    eventsRoute.action,
    apiRequest("POST", "/api/v1/events", {
      token,
      body: {
        kind: "fair",
        title,
        venue: "赣州科技大市场一楼",
        regionCode: "360702",
        startsAt: iso(startsAt),
        endsAt: iso(endsAt),
      },
    }),
  );
  expect(res.status).toBe(201);
  return res.body as { id: string };
}
const register = (token: string, id: string, body?: unknown) =>
  call(registrationsRoute.action, apiRequest("POST", `/api/v1/events/${id}/registrations`, { token, body }), { id });
const checkIn = (token: string | undefined, id: string, body: unknown) =>
  call(checkInRoute.action, apiRequest("POST", `/api/v1/events/${id}/check-in`, { token, body }), { id });
const lookup = (token: string | undefined, id: string, q: string) =>
  call(
    registrationsRoute.loader,
    apiRequest("GET", `/api/v1/events/${id}/registrations?q=${encodeURIComponent(q)}`, { token }),
    { id },
  );

function decodePngDataUrl(dataUrl: string) {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ""), "base64"));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

test("each registration gets an unguessable token; its QR code decodes to the token and nothing else", async () => {
  const bureau = await makeCaller("bureau");
  const event = await publish(bureau.token, Date.now() + 7 * DAY, Date.now() + 7 * DAY + 4 * HOUR);
  const [a, b] = await Promise.all([makeCaller("company"), makeCaller("researcher")]);
  const regA = await register(a.token, event.id);
  const regB = await register(b.token, event.id);
  expect(regA.status).toBe(201);
  expect(regA.body.checkInToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(regA.body.checkInToken).not.toBe(regB.body.checkInToken);
  const mine = await call(eventRoute.loader, apiRequest("GET", `/api/v1/events/${event.id}`, { token: a.token }), {
    id: event.id,
  });
  expect(mine.body.myRegistration.checkInToken).toBe(regA.body.checkInToken);

  const decoded = decodePngDataUrl(await checkInQr(regA.body.checkInToken, "png"));
  expect(decoded).toBe(regA.body.checkInToken);
  expect(decoded).not.toContain(a.user.name);
  const svg = await checkInQr(regA.body.checkInToken);
  expect(svg).toMatch(/^data:image\/svg\+xml;base64,/);
  expect(Buffer.from(svg.split(",")[1]!, "base64").toString()).toContain("<svg");
});

test("the reminder mail carries the registration's QR code", async () => {
  const bureau = await makeCaller("bureau");
  const event = await publish(bureau.token, Date.now() + 10 * HOUR, Date.now() + 14 * HOUR, "明天的二维码对接会");
  const guest = await makeCaller("company");
  const { body: reg } = await register(guest.token, event.id);
  await sendEventReminders();
  const mail = await prisma.outboxMail.findFirstOrThrow({ where: { to: guest.user.email, kind: "event_reminder" } });
  expect(mail.text).toContain(reg.checkInCode);
  const src = /<img src="(data:image\/png;base64,[^"]+)"/.exec(mail.html ?? "")?.[1];
  expect(src).toBeDefined();
  expect(decodePngDataUrl(src!)).toBe(reg.checkInToken);
  expect(mail.html).toContain("明天的二维码对接会");
});

test("check-in by the QR token, by registration id, by code; twice is idempotent and audited once", async () => {
  const bureau = await makeCaller("bureau");
  const event = await publish(bureau.token, Date.now() - HOUR, Date.now() + 3 * HOUR);
  const [a, b, c] = await Promise.all([makeCaller("company"), makeCaller("company"), makeCaller("researcher")]);
  const { body: regA } = await register(a.token, event.id);
  const { body: regB } = await register(b.token, event.id);
  const { body: regC } = await register(c.token, event.id);

  const byToken = await checkIn(bureau.token, event.id, { token: regA.checkInToken });
  expect(byToken.status).toBe(200);
  expect(byToken.body).toMatchObject({ registrationId: regA.id, name: a.user.name, already: false, override: false });
  const again = await checkIn(bureau.token, event.id, { token: regA.checkInToken });
  expect(again.body).toMatchObject({ already: true, checkedInAt: byToken.body.checkedInAt });
  const twiceInParallel = await Promise.all([
    checkIn(bureau.token, event.id, { registrationId: regB.id }),
    checkIn(bureau.token, event.id, { registrationId: regB.id }),
  ]);
  expect(twiceInParallel.map((r) => r.status)).toEqual([200, 200]);
  expect(twiceInParallel.filter((r) => r.body.already)).toHaveLength(1);
  expect((await checkIn(bureau.token, event.id, { code: regC.checkInCode })).body.already).toBe(false);

  expect(await prisma.eventRegistration.count({ where: { eventId: event.id, checkedInAt: { not: null } } })).toBe(3);
  const audits = await prisma.auditEvent.findMany({
    where: { entityType: "event", entityId: event.id, action: "check_in" },
  });
  expect(audits).toHaveLength(3);
  expect(audits.map((e) => (e.after as { via: string }).via).sort()).toEqual(["code", "registration", "token"]);

  // a token of another event, an unknown token, two references at once, none at all
  const other = await publish(bureau.token, Date.now() - HOUR, Date.now() + HOUR, "另一场活动");
  const { body: otherReg } = await register(a.token, other.id);
  expect((await checkIn(bureau.token, event.id, { token: otherReg.checkInToken })).status).toBe(404);
  expect((await checkIn(bureau.token, event.id, { registrationId: otherReg.id })).status).toBe(404);
  expect((await checkIn(bureau.token, event.id, { token: "x".repeat(32) })).status).toBe(404);
  const bad = await checkIn(bureau.token, event.id, { token: "short" });
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.body.error.fields)).toContain("token");
  const both = await checkIn(bureau.token, event.id, { code: regC.checkInCode, token: regA.checkInToken });
  expect(both.status).toBe(400);
  expect(Object.keys(both.body.error.fields)).toContain("code");
  expect((await checkIn(bureau.token, event.id, {})).status).toBe(400);
});

test("outside the event's days: 409 check_in_not_today; staff override with a reason, kept in the audit trail", async () => {
  const bureau = await makeCaller("bureau");
  const event = await publish(bureau.token, Date.now() + 7 * DAY, Date.now() + 7 * DAY + 4 * HOUR);
  const guest = await makeCaller("company");
  const { body: reg } = await register(guest.token, event.id);

  const early = await checkIn(bureau.token, event.id, { code: reg.checkInCode });
  expect(early.status).toBe(409);
  expect(early.body.error.code).toBe("check_in_not_today");
  expect(early.body.error.message).toContain("今天不是活动日");
  expect(await prisma.eventRegistration.count({ where: { id: reg.id, checkedInAt: { not: null } } })).toBe(0);

  const noReason = await checkIn(bureau.token, event.id, { code: reg.checkInCode, override: { reason: "  " } });
  expect(noReason.status).toBe(400);
  expect(Object.keys(noReason.body.error.fields)).toEqual(["override.reason"]);

  const forced = await checkIn(bureau.token, event.id, {
    token: reg.checkInToken,
    override: { reason: "活动提前一周举行，通知已发" },
  });
  expect(forced.status).toBe(200);
  expect(forced.body).toMatchObject({ already: false, override: true });
  const audit = await prisma.auditEvent.findFirstOrThrow({
    where: { entityType: "event", entityId: event.id, action: "check_in_override" },
  });
  expect(audit.actorId).toBe(bureau.user.id);
  expect(audit.after).toMatchObject({ registrationId: reg.id, reason: "活动提前一周举行，通知已发", via: "token" });
  // already in: the same request again neither fails nor writes
  expect((await checkIn(bureau.token, event.id, { code: reg.checkInCode })).body).toMatchObject({ already: true });
  expect(await prisma.auditEvent.count({ where: { entityType: "event", entityId: event.id } })).toBe(2); // create + check-in
});

test("the event's days are Shanghai calendar days", () => {
  const event = { startsAt: new Date("2026-12-18T09:00:00+08:00"), endsAt: new Date("2026-12-19T17:00:00+08:00") };
  expect(isEventDay(event, new Date("2026-12-18T00:05:00+08:00"))).toBe(true); // 2026-12-17 16:05 UTC
  expect(isEventDay(event, new Date("2026-12-19T23:59:00+08:00"))).toBe(true);
  expect(isEventDay(event, new Date("2026-12-17T23:59:00+08:00"))).toBe(false);
  expect(isEventDay(event, new Date("2026-12-20T00:00:00+08:00"))).toBe(false);
  // ending at midnight: the next day is not an event day
  const toMidnight = { startsAt: new Date("2026-12-18T20:00:00+08:00"), endsAt: new Date("2026-12-19T00:00:00+08:00") };
  expect(isEventDay(toMidnight, new Date("2026-12-19T08:00:00+08:00"))).toBe(false);
});

test("the desk finds registrations by name or phone (digits, partial); the phone is checked at registration", async () => {
  const bureau = await makeCaller("bureau");
  const event = await publish(bureau.token, Date.now() - HOUR, Date.now() + 3 * HOUR);
  const [a, b] = await Promise.all([makeCaller("company"), makeCaller("company")]);
  await prisma.user.update({ where: { id: a.user.id }, data: { name: "钟晓明" } });
  expect((await register(a.token, event.id, { phone: "+86 138-0013-8000" })).status).toBe(201);
  const badPhone = await register(b.token, event.id, { phone: "call me" });
  expect(badPhone.status).toBe(400);
  expect(Object.keys(badPhone.body.error.fields)).toEqual(["phone"]);
  expect(await prisma.eventRegistration.count({ where: { eventId: event.id, userId: b.user.id } })).toBe(0);
  expect((await register(b.token, event.id, { phone: "0797 8123456" })).status).toBe(201);

  const byName = await lookup(bureau.token, event.id, "晓明");
  expect(byName.status).toBe(200);
  expect(byName.body.items).toEqual([
    expect.objectContaining({ phone: "13800138000", user: expect.objectContaining({ id: a.user.id }) }),
  ]);
  expect((await lookup(bureau.token, event.id, "138 0013")).body.items.map((r: { phone: string }) => r.phone)).toEqual([
    "13800138000",
  ]);
  expect((await lookup(bureau.token, event.id, "8123456")).body.items).toEqual([
    expect.objectContaining({ user: expect.objectContaining({ id: b.user.id }) }),
  ]);
  expect((await lookup(bureau.token, event.id, "无此人")).body.items).toEqual([]);
  expect((await lookup(bureau.token, event.id, "")).body.items).toHaveLength(2);

  // the lookup is scoped to the event
  const other = await publish(bureau.token, Date.now() - HOUR, Date.now() + HOUR, "另一场");
  expect((await lookup(bureau.token, other.id, "晓明")).body.items).toEqual([]);
});

test("refusals: another organization, another role and anonymous callers cannot look up or check in", async () => {
  const bureau = await makeCaller("bureau");
  const event = await publish(bureau.token, Date.now() - HOUR, Date.now() + 3 * HOUR);
  const guest = await makeCaller("company");
  const { body: reg } = await register(guest.token, event.id, { phone: "13900000000" });
  // a member of the participant's own organization, a researcher of another, a broker, nobody
  const sameOrg = await makeCaller("company", { org: guest.org });
  const otherOrg = await makeCaller("researcher");
  const broker = await makeCaller("broker");
  for (const caller of [guest, sameOrg, otherOrg, broker]) {
    expect((await lookup(caller.token, event.id, "139")).status).toBe(403);
    expect((await checkIn(caller.token, event.id, { token: reg.checkInToken })).status).toBe(403);
    expect((await checkIn(caller.token, event.id, { registrationId: reg.id })).status).toBe(403);
  }
  expect((await lookup(undefined, event.id, "139")).status).toBe(401);
  expect((await checkIn(undefined, event.id, { token: reg.checkInToken })).status).toBe(401);
  expect(await prisma.eventRegistration.count({ where: { id: reg.id, checkedInAt: { not: null } } })).toBe(0);
  expect(
    await prisma.auditEvent.count({ where: { entityType: "event", entityId: event.id, action: "check_in" } }),
  ).toBe(0);
  // an unknown event
  expect((await lookup(bureau.token, "no-such-event", "139")).status).toBe(404);
  expect((await checkIn(bureau.token, "no-such-event", { token: reg.checkInToken })).status).toBe(404);
});

test("a cancelled event checks nobody in", async () => {
  const bureau = await makeCaller("bureau");
  const event = await publish(bureau.token, Date.now() - HOUR, Date.now() + 3 * HOUR);
  const guest = await makeCaller("company");
  const { body: reg } = await register(guest.token, event.id);
  await prisma.marketEvent.update({ where: { id: event.id }, data: { status: "cancelled" } });
  const res = await checkIn(bureau.token, event.id, { code: reg.checkInCode });
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe("invalid_state");
});
