// Matchmaking fairs and roadshows (对接会/路演): staff publish, users register within capacity and
// get a check-in code, staff check them in at the door, offers started at the event are its
// outcomes (with the registered contracts that follow).
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as eventsRoute from "../../app/routes/api.v1.events.ts";
import * as eventRoute from "../../app/routes/api.v1.events.$id.ts";
import * as registrationsRoute from "../../app/routes/api.v1.events.$id.registrations.ts";
import * as checkInRoute from "../../app/routes/api.v1.events.$id.check-in.ts";
import * as cancelRoute from "../../app/routes/api.v1.events.$id.cancel.ts";
import * as offersRoute from "../../app/routes/api.v1.offers.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

// an event running now: check-in is accepted only on the event's days (docs/decisions/0027)
const today = () => ({ startsAt: iso(Date.now() - 3_600_000), endsAt: iso(Date.now() + 3 * 3_600_000) });

function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: "roadshow",
    title: "稀土永磁新材料项目路演",
    description: "江西理工大学等单位的稀土永磁成果路演，会后分组对接。",
    venue: "赣州市章贡区科技大市场路演厅",
    regionCode: "360702",
    startsAt: iso(Date.now() + 7 * DAY),
    endsAt: iso(Date.now() + 7 * DAY + 4 * 3_600_000),
    ...overrides,
  };
}

const post = (token: string | undefined, body: unknown) =>
  call(eventsRoute.action, apiRequest("POST", "/api/v1/events", { token, body }));
const register = (token: string, id: string) =>
  call(registrationsRoute.action, apiRequest("POST", `/api/v1/events/${id}/registrations`, { token }), { id });
const unregister = (token: string, id: string) =>
  call(registrationsRoute.action, apiRequest("DELETE", `/api/v1/events/${id}/registrations`, { token }), { id });
const checkIn = (token: string, id: string, code: unknown) =>
  call(checkInRoute.action, apiRequest("POST", `/api/v1/events/${id}/check-in`, { token, body: { code } }), { id });
const detail = (id: string, token?: string) =>
  call(eventRoute.loader, apiRequest("GET", `/api/v1/events/${id}`, { token }), { id });

test("bureau staff publish an event with the listings it presents; the public sees it upcoming", async () => {
  const bureau = await makeCaller("bureau");
  const researcher = await makeCaller("researcher");
  const result = await prisma.result.create({
    data: {
      organizationId: researcher.org!.id,
      title: "晶界扩散重稀土钕铁硼磁体",
      summary: "降低重稀土用量",
      keywords: [],
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["license"],
      status: "published",
      publishedAt: new Date(),
    },
  });
  const created = await post(bureau.token, eventBody({ resultIds: [result.id], capacity: 2 }));
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ kind: "roadshow", status: "published", capacity: 2, registered: 0 });
  expect(
    await prisma.auditEvent.count({ where: { entityType: "event", entityId: created.body.id, action: "create" } }),
  ).toBe(1);

  const list = await call(eventsRoute.loader, apiRequest("GET", "/api/v1/events?when=upcoming"));
  expect(list.body.items.map((e: { id: string }) => e.id)).toContain(created.body.id);
  const past = await call(eventsRoute.loader, apiRequest("GET", "/api/v1/events?when=past"));
  expect(past.body.items.map((e: { id: string }) => e.id)).not.toContain(created.body.id);
  const page = await detail(created.body.id);
  expect(page.body.results).toEqual([{ id: result.id, title: result.title, organization: researcher.org!.name }]);
  expect(page.body.myRegistration).toBeNull();
  expect(page.body.outcomes).toEqual({
    offers: 0,
    acceptedOffers: 0,
    registeredContracts: 0,
    contractAmountFen: 0,
    techTransactionAmountFen: 0,
  });
});

test("publishing is refused to other roles and for bad input (400 naming the field), writing nothing", async () => {
  const company = await makeCaller("company");
  expect((await post(company.token, eventBody())).status).toBe(403);
  expect((await post(undefined, eventBody())).status).toBe(401);
  const bureau = await makeCaller("bureau");
  const before = await prisma.marketEvent.count();
  const start = Date.now() + DAY;
  for (const [body, field] of [
    [eventBody({ kind: "party" }), "kind"],
    [eventBody({ title: "" }), "title"],
    [eventBody({ venue: undefined }), "venue"],
    [eventBody({ regionCode: "999999" }), "regionCode"],
    [eventBody({ startsAt: "2026-12-18 09:00" }), "startsAt"],
    [eventBody({ startsAt: iso(start), endsAt: iso(start - 3_600_000) }), "endsAt"],
    [eventBody({ startsAt: iso(start), endsAt: iso(start + 30 * DAY) }), "endsAt"],
    [eventBody({ capacity: 0 }), "capacity"],
    [eventBody({ capacity: 2.5 }), "capacity"],
    [eventBody({ resultIds: ["no-such-result"] }), "resultIds"],
    [eventBody({ fee: 100 }), "fee"],
  ] as const) {
    const res = await post(bureau.token, body);
    expect(res.status, JSON.stringify(body).slice(0, 100)).toBe(400);
    expect(Object.keys(res.body.error.fields ?? {}), field).toContain(field);
  }
  expect(await prisma.marketEvent.count()).toBe(before);
});

test("registration: a code per participant, capacity given once even in parallel, withdrawal before check-in", async () => {
  const bureau = await makeCaller("bureau");
  const { body: event } = await post(bureau.token, eventBody({ capacity: 2 }));
  const people = await Promise.all(Array.from({ length: 5 }, () => makeCaller("company")));
  const outcomes = await Promise.all(people.map((p) => register(p.token, event.id)));
  expect(outcomes.filter((o) => o.status === 201)).toHaveLength(2);
  const refused = outcomes.filter((o) => o.status !== 201);
  expect(refused.map((o) => o.status)).toEqual([409, 409, 409]);
  expect(refused[0]!.body.error.code).toBe("event_full");
  expect(await prisma.eventRegistration.count({ where: { eventId: event.id } })).toBe(2);

  const inIndex = outcomes.findIndex((o) => o.status === 201);
  const inside = people[inIndex]!;
  expect(outcomes[inIndex]!.body.checkInCode).toMatch(/^[A-Z2-9]{8}$/);
  expect((await register(inside.token, event.id)).body.error.code).toBe("already_registered");
  const mine = await detail(event.id, inside.token);
  expect(mine.body.myRegistration).toMatchObject({
    checkInCode: outcomes[inIndex]!.body.checkInCode,
    checkedInAt: null,
  });
  expect(mine.body.registered).toBe(2);

  // a place frees up when someone withdraws
  expect((await unregister(inside.token, event.id)).status).toBe(200);
  const late = people.find((_, i) => outcomes[i]!.status !== 201)!;
  expect((await register(late.token, event.id)).status).toBe(201);
  expect((await unregister(inside.token, event.id)).status).toBe(404);
});

test("check-in at the door: by code, only by staff, once; other events' codes are unknown", async () => {
  const bureau = await makeCaller("bureau");
  const { body: event } = await post(bureau.token, eventBody(today()));
  const { body: other } = await post(bureau.token, eventBody({ title: "锂电回收对接会", kind: "fair", ...today() }));
  const guest = await makeCaller("company");
  const { body: reg } = await register(guest.token, event.id);
  const { body: otherReg } = await register(guest.token, other.id);

  expect((await checkIn(guest.token, event.id, reg.checkInCode)).status).toBe(403);
  expect((await checkIn(bureau.token, event.id, otherReg.checkInCode)).status).toBe(404);
  expect((await checkIn(bureau.token, event.id, "ABC")).status).toBe(400);
  expect((await checkIn(bureau.token, event.id, 12345678)).status).toBe(400);
  const first = await checkIn(bureau.token, event.id, reg.checkInCode.toLowerCase());
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ name: guest.user.name, already: false });
  const second = await checkIn(bureau.token, event.id, reg.checkInCode);
  expect(second.body).toMatchObject({ already: true, checkedInAt: first.body.checkedInAt });
  expect((await unregister(guest.token, event.id)).status).toBe(409);

  const list = await call(
    registrationsRoute.loader,
    apiRequest("GET", `/api/v1/events/${event.id}/registrations`, { token: bureau.token }),
    { id: event.id },
  );
  expect(list.body.items).toEqual([
    expect.objectContaining({
      checkedInAt: first.body.checkedInAt,
      user: expect.objectContaining({ id: guest.user.id }),
    }),
  ]);
  expect(
    (
      await call(
        registrationsRoute.loader,
        apiRequest("GET", `/api/v1/events/${event.id}/registrations`, { token: guest.token }),
        { id: event.id },
      )
    ).status,
  ).toBe(403);
  expect((await detail(event.id)).body.checkedIn).toBe(1);
});

test("offers started at an event are its outcomes; only participants can name the event", async () => {
  const bureau = await makeCaller("bureau");
  const researcher = await makeCaller("researcher");
  const result = await prisma.result.create({
    data: {
      organizationId: researcher.org!.id,
      title: "硬质合金刀具PVD涂层",
      summary: "提高刀具寿命",
      keywords: [],
      field: "tungsten",
      maturity: "industrial",
      transferModes: ["license"],
      status: "published",
      publishedAt: new Date(),
    },
  });
  const { body: event } = await post(bureau.token, eventBody({ kind: "fair", resultIds: [result.id] }));
  const company = await makeCaller("company");
  const stranger = await makeCaller("company");
  await register(company.token, event.id);

  const offer = (token: string) =>
    call(
      offersRoute.action,
      apiRequest("POST", "/api/v1/offers", {
        token,
        body: { resultId: result.id, amountFen: 30_000_000, eventId: event.id, message: "路演后希望进一步洽谈许可" },
      }),
    );
  const refused = await offer(stranger.token);
  expect(refused.status).toBe(400);
  expect(refused.body.error.fields.eventId).toBeTruthy();
  const made = await offer(company.token);
  expect(made.status).toBe(201);
  expect(made.body.eventId).toBe(event.id);
  expect((await detail(event.id)).body.outcomes).toMatchObject({ offers: 1, acceptedOffers: 0 });
});

test("cancelling an event tells the participants and closes registration", async () => {
  const bureau = await makeCaller("bureau");
  const { body: event } = await post(bureau.token, eventBody());
  const guest = await makeCaller("researcher");
  await register(guest.token, event.id);
  const cancel = (token: string, body: unknown) =>
    call(cancelRoute.action, apiRequest("POST", `/api/v1/events/${event.id}/cancel`, { token, body }), {
      id: event.id,
    });
  expect((await cancel(guest.token, { reason: "x" })).status).toBe(403);
  expect((await cancel(bureau.token, {})).status).toBe(400);
  const done = await cancel(bureau.token, { reason: "因天气原因取消，另行通知" });
  expect(done.status).toBe(200);
  expect(done.body.status).toBe("cancelled");
  expect(await prisma.notification.count({ where: { userId: guest.user.id, kind: "event_cancelled" } })).toBe(1);
  expect((await cancel(bureau.token, { reason: "again" })).status).toBe(409);
  const late = await makeCaller("company");
  expect((await register(late.token, event.id)).body.error.code).toBe("invalid_state");
});

test("list queries are validated; an unknown event is a 404", async () => {
  expect((await call(eventsRoute.loader, apiRequest("GET", "/api/v1/events?when=tomorrow"))).status).toBe(400);
  expect((await call(eventsRoute.loader, apiRequest("GET", "/api/v1/events?pageSize=1000"))).status).toBe(400);
  expect((await detail("no-such-event")).status).toBe(404);
  const company = await makeCaller("company");
  expect((await register(company.token, "no-such-event")).status).toBe(404);
});

test("the home page shows upcoming events; a participant's dashboard lists theirs with the check-in code", async () => {
  const { commitSession, createSession } = await import("../../app/auth/session.server.ts");
  const home = await import("../../app/routes/_index.tsx");
  const dashboard = await import("../../app/routes/dashboard._index.tsx");
  const { run, formRequest } = await import("./auth-helpers.ts");
  const bureau = await makeCaller("bureau");
  const { body: event } = await post(
    bureau.token,
    eventBody({
      title: "首页可见的对接会",
      kind: "fair",
      startsAt: iso(Date.now() + 3_600_000),
      endsAt: iso(Date.now() + 2 * 3_600_000),
    }),
  );
  const homeData = await run(home.loader, formRequest("/", {}, { method: "GET" }));
  expect(homeData.data.upcomingEvents.map((e: { id: string }) => e.id)).toContain(event.id);

  const guest = await makeCaller("company");
  const { body: reg } = await register(guest.token, event.id);
  const cookie = (await commitSession((await createSession(guest.user.id)).id)).split(";")[0]!;
  const dash = await run(dashboard.loader, formRequest("/dashboard", {}, { method: "GET", cookie }));
  const mine = dash.data.sections.find((s: { id: string }) => s.id === "myEvents").data;
  expect(mine).toEqual([expect.objectContaining({ id: event.id, checkInCode: reg.checkInCode, checkedIn: false })]);
});

test("the day-before reminder: once per registration, with the code, for published events starting within 24 h", async () => {
  const { sendEventReminders } = await import("../../app/events/reminders.server.ts");
  const bureau = await makeCaller("bureau");
  const soon = (
    await post(
      bureau.token,
      eventBody({
        title: "明早的路演",
        startsAt: iso(Date.now() + 20 * 3_600_000),
        endsAt: iso(Date.now() + 23 * 3_600_000),
      }),
    )
  ).body;
  const later = (
    await post(
      bureau.token,
      eventBody({
        title: "三天后的对接会",
        startsAt: iso(Date.now() + 3 * DAY),
        endsAt: iso(Date.now() + 3 * DAY + 3_600_000),
      }),
    )
  ).body;
  const guest = await makeCaller("company");
  const { body: reg } = await register(guest.token, soon.id);
  await register(guest.token, later.id);

  const first = await sendEventReminders();
  expect(first.sent).toBeGreaterThanOrEqual(1);
  const notes = await prisma.notification.findMany({ where: { userId: guest.user.id, kind: "event_reminder" } });
  expect(notes).toHaveLength(1);
  expect(notes[0]!.title).toContain("明早的路演");
  expect(notes[0]!.body).toContain(reg.checkInCode);
  const mails = await prisma.outboxMail.findMany({ where: { to: guest.user.email, kind: "event_reminder" } });
  expect(mails).toHaveLength(1);
  expect(mails[0]!.text).toContain(`/events/${soon.id}`);

  // twice (or from two processes at once): nothing more
  await Promise.all([sendEventReminders(), sendEventReminders()]);
  expect(await prisma.notification.count({ where: { userId: guest.user.id, kind: "event_reminder" } })).toBe(1);
  expect(await prisma.outboxMail.count({ where: { to: guest.user.email, kind: "event_reminder" } })).toBe(1);
});

test("staff export the attendee list as CSV; others cannot", async () => {
  const csvRoute = await import("../../app/routes/events.$id_.attendees[.]csv.ts");
  const bureau = await makeCaller("bureau");
  const { body: event } = await post(bureau.token, eventBody({ title: "导出名单测试", ...today() }));
  const guest = await makeCaller("company");
  const { body: reg } = await register(guest.token, event.id);
  await checkIn(bureau.token, event.id, reg.checkInCode);
  const get = (token: string) =>
    csvRoute.loader({
      request: apiRequest("GET", `/events/${event.id}/attendees.csv`, { token }),
      params: { id: event.id },
    });
  const res = await get(bureau.token);
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
  const text = await res.text();
  expect(text).toContain("姓名");
  expect(text).toContain(guest.user.email);
  expect((await get(guest.token)).status).toBe(403);
});
