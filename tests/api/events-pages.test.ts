// The event pages called with a session cookie: /events/new finds the listings to present by
// search (a GET of the form) and lands on the event with a confirmation; the desk at
// /events/:id/check-in checks in by code or QR token, finds people by name or phone, asks for a
// reason outside the event's days, and answers in the reader's language by problem, not raw text.
import { expect, test } from "vitest";
import {
  cookieFor,
  pageGet as get,
  pagePost as post,
  pageStatus as statusOf,
  runPage as run,
} from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import { registerForEvent } from "../../app/events/events.server.ts";
import * as newEvent from "../../app/routes/events.new.tsx";
import * as desk from "../../app/routes/events.$id_.check-in.tsx";
import * as eventPage from "../../app/routes/events.$id.tsx";
import { makeCaller } from "../factories.ts";

const HOUR = 3_600_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a route's data() or plain object, read loosely
const dataOf = (r: unknown): any => ((r as { data?: unknown }).data ?? r) as never;
const shanghaiInput = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);

async function makeListing(orgId: string, title: string, status: "published" | "draft") {
  return prisma.result.create({
    data: {
      organizationId: orgId,
      title,
      summary: "用于活动的展示",
      keywords: [],
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["license"],
      status,
      publishedAt: status === "published" ? new Date() : null,
    },
  });
}

test("/events/new: listings found by search (published only), ticked ones kept; publishing confirms", async () => {
  const bureau = await makeCaller("bureau");
  const researcher = await makeCaller("researcher");
  const tag = String(Date.now()).slice(-6);
  const shown = await makeListing(researcher.org!.id, `钐钴永磁体${tag}`, "published");
  await makeListing(researcher.org!.id, `钐钴永磁体草稿${tag}`, "draft");
  const cookie = await cookieFor(bureau.user.id);

  const searched = dataOf(
    await run(
      newEvent.loader,
      get(`/events/new?title=${encodeURIComponent("钐钴路演")}&listingQuery=钐钴永磁体${tag}`, cookie),
    ),
  );
  expect(searched.values.title).toBe("钐钴路演");
  expect(searched.picker.found.results).toEqual([
    { id: shown.id, title: shown.title, organization: researcher.org!.name },
  ]);
  // by the organization's name too; a ticked listing is listed as picked, not again as a hit
  const byOrg = dataOf(
    await run(
      newEvent.loader,
      get(`/events/new?listingQuery=${encodeURIComponent(researcher.org!.name)}&resultIds=${shown.id}`, cookie),
    ),
  );
  expect(byOrg.picker.picked.results.map((r: { id: string }) => r.id)).toEqual([shown.id]);
  expect(byOrg.picker.found.results).toEqual([]);

  const fields: Array<[string, string]> = [
    ["kind", "roadshow"],
    ["title", `钐钴路演${tag}`],
    ["venue", "赣州科技大市场路演厅"],
    ["regionCode", "360702"],
    ["startsAt", shanghaiInput(Date.now() + 48 * HOUR)],
    ["endsAt", shanghaiInput(Date.now() + 50 * HOUR)],
    ["resultIds", shown.id],
  ];
  // an error elsewhere keeps the ticked listing, with its title
  const bad = await run(
    newEvent.action,
    post(
      "/events/new",
      cookie,
      fields.filter(([k]) => k !== "venue"),
    ),
  );
  expect(statusOf(bad)).toBe(400);
  expect(dataOf(bad).picker.picked.results.map((r: { id: string }) => r.id)).toEqual([shown.id]);

  const done = await run(newEvent.action, post("/events/new", cookie, fields));
  expect(done).toBeInstanceOf(Response);
  const location = (done as Response).headers.get("Location")!;
  expect(location).toMatch(/^\/events\/[^/?]+\?published=1$/);
  const id = location.split("/")[2]!.split("?")[0]!;
  expect(await prisma.eventShowcase.findMany({ where: { eventId: id }, select: { listingId: true } })).toEqual([
    { listingId: shown.id },
  ]);
  const page = dataOf(await run(eventPage.loader, get(location, cookie), { id }));
  expect(page.published).toBe(true);

  // other roles and anonymous callers never reach the form
  const company = await makeCaller("company");
  expect(statusOf(await run(newEvent.loader, get("/events/new", await cookieFor(company.user.id))))).toBe(403);
  expect(statusOf(await run(newEvent.action, post("/events/new", undefined, fields)))).toBe(302);
});

test("the desk: token or code, lookup by phone, reasons outside the event's days, errors by problem", async () => {
  const bureau = await makeCaller("bureau");
  const cookie = await cookieFor(bureau.user.id);
  const event = await prisma.marketEvent.create({
    data: {
      kind: "fair",
      title: "签到台测试对接会",
      venue: "一楼",
      regionCode: "360702",
      startsAt: new Date(Date.now() - HOUR),
      endsAt: new Date(Date.now() + 3 * HOUR),
      createdById: bureau.user.id,
    },
  });
  const later = await prisma.marketEvent.create({
    data: {
      kind: "fair",
      title: "下周的对接会",
      venue: "一楼",
      regionCode: "360702",
      startsAt: new Date(Date.now() + 7 * 24 * HOUR),
      endsAt: new Date(Date.now() + 7 * 24 * HOUR + HOUR),
      createdById: bureau.user.id,
    },
  });
  const [a, b] = await Promise.all([makeCaller("company"), makeCaller("researcher")]);
  const regA = await registerForEvent(a.user, event.id, { phone: "13712345678" });
  const regB = await registerForEvent(b.user, event.id);
  const regLater = await registerForEvent(a.user, later.id);
  const path = `/events/${event.id}/check-in`;

  const byToken = dataOf(await run(desk.action, post(path, cookie, [["code", regA.checkInToken]]), { id: event.id }));
  expect(byToken.done).toMatchObject({ name: a.user.name, already: false });
  const twice = dataOf(await run(desk.action, post(path, cookie, [["code", regA.checkInCode]]), { id: event.id }));
  expect(twice.done.already).toBe(true);

  const found = dataOf(
    await run(desk.loader, get(`${path}?q=${encodeURIComponent("1234 5678")}`, cookie), { id: event.id }),
  );
  expect(found.found.map((r: { id: string }) => r.id)).toEqual([regA.id]);
  const picked = dataOf(await run(desk.action, post(path, cookie, [["registrationId", regB.id]]), { id: event.id }));
  expect(picked.done).toMatchObject({ name: b.user.name, already: false });

  const unknown = await run(desk.action, post(path, cookie, [["code", "ZZZZ9999"]]), { id: event.id });
  expect(statusOf(unknown)).toBe(404);
  expect(dataOf(unknown).problem).toBe("notFound");
  // an empty or malformed code is refused under the field (the form's schema), in both languages
  const malformed: Array<[Array<[string, string]>, string]> = [
    [[], "请填写签到码或扫描二维码 / Type the check-in code or scan the QR code"],
    [[["code", "!"]], "签到码为 6–12 位字母或数字 / A check-in code is 6–12 letters or digits"],
  ];
  for (const [sent, message] of malformed) {
    const refused = await run(desk.action, post(path, cookie, sent), { id: event.id });
    expect(statusOf(refused)).toBe(400);
    expect(dataOf(refused)).toMatchObject({ problem: null, done: null, reply: { error: { code: [message] } } });
  }

  const laterPath = `/events/${later.id}/check-in`;
  const early = await run(desk.action, post(laterPath, cookie, [["code", regLater.checkInCode]]), { id: later.id });
  expect(statusOf(early)).toBe(409);
  expect(dataOf(early).notToday).toMatchObject({ reference: { code: regLater.checkInCode } });
  // the override form without its reason: asked for under the field, the form kept (notToday)
  const empty = await run(
    desk.action,
    post(laterPath, cookie, [
      ["code", regLater.checkInCode],
      ["override", "1"],
      ["reason", ""],
    ]),
    { id: later.id },
  );
  expect(statusOf(empty)).toBe(400);
  expect(dataOf(empty)).toMatchObject({
    reply: {
      error: { reason: ["请填写非活动日签到的原因 / Give the reason for checking in outside the event's days"] },
    },
    notToday: { reference: { code: regLater.checkInCode } },
  });
  const blank = await run(
    desk.action,
    post(laterPath, cookie, [
      ["code", regLater.checkInCode],
      ["override", "1"],
      ["reason", " "],
    ]),
    { id: later.id },
  );
  expect(dataOf(blank).problem).toBe("reasonRequired");
  const forced = dataOf(
    await run(
      desk.action,
      post(laterPath, cookie, [
        ["code", regLater.checkInCode],
        ["override", "1"],
        ["reason", "提前布展"],
      ]),
      { id: later.id },
    ),
  );
  expect(forced.done).toMatchObject({ override: true, already: false });

  // refusals: another role (a participant), another organization's member, anonymous
  for (const other of [a, await makeCaller("company")]) {
    const c = await cookieFor(other.user.id);
    expect(statusOf(await run(desk.loader, get(path, c), { id: event.id }))).toBe(403);
    expect(statusOf(await run(desk.action, post(path, c, [["code", regA.checkInCode]]), { id: event.id }))).toBe(403);
  }
  expect(statusOf(await run(desk.loader, get(path), { id: event.id }))).toBe(302);
  expect(statusOf(await run(desk.action, post(path, undefined, [["code", "X"]]), { id: event.id }))).toBe(302);
});
