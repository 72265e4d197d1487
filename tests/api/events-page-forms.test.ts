// The event page's forms (/events/:id) with a session cookie: registering (an optional phone) and
// the bureau's cancel (a reason) are parsed with the page's schema; an empty or bad field comes
// back 400 on that field, in both languages and without internal names, and nothing is written;
// a company registers; another role cannot cancel, an anonymous caller is sent to log in.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { pickMessage } from "../../app/i18n/i18n.ts";
import * as eventPage from "../../app/routes/events.$id.tsx";
import * as newEvent from "../../app/routes/events.new.tsx";
import { makeCaller } from "../factories.ts";
import { cookieFor, pagePost as post, pageStatus as statusOf, replyErrors, runPage as run } from "../support/pages.ts";

const HOUR = 3_600_000;
const shanghaiInput = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);

async function publishedEvent(cookie: string) {
  const done = await run(
    newEvent.action,
    post("/events/new", cookie, {
      kind: "fair",
      title: `稀土对接会${Date.now()}`,
      venue: "赣州科技大市场",
      regionCode: "360702",
      startsAt: shanghaiInput(Date.now() + 48 * HOUR),
      endsAt: shanghaiInput(Date.now() + 50 * HOUR),
    }),
  );
  return (done as Response).headers.get("Location")!.split("/")[2]!.split("?")[0]!;
}

function expectWords(messages: string[]) {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(pickMessage(m, "zh-CN")).toMatch(/[\u4e00-\u9fff]/);
    expect(pickMessage(m, "en")).not.toMatch(/[\u4e00-\u9fff]/);
    expect(m).not.toMatch(/\bintent\b|\b[a-z]+[A-Z][a-z]+\b/);
  }
}

test("register and cancel on the event page: field errors in words, nothing written; refusals by role", async () => {
  const bureau = await makeCaller("bureau");
  const staff = await cookieFor(bureau.user.id);
  const id = await publishedEvent(staff);
  const company = await makeCaller("company");
  const buyer = await cookieFor(company.user.id);
  const send = (cookie: string | undefined, fields: Record<string, string>) =>
    run(eventPage.action, post(`/events/${id}`, cookie, fields), { id });

  const badPhone = await send(buyer, { intent: "register", phone: "call me" });
  expect(statusOf(badPhone)).toBe(400);
  expect(Object.keys(replyErrors(badPhone))).toEqual(["phone"]);
  expectWords(replyErrors(badPhone).phone!);
  expect(await prisma.eventRegistration.count({ where: { eventId: id } })).toBe(0);

  const ok = await send(buyer, { intent: "register", phone: "138 0000 1234" });
  expect(statusOf(ok)).toBe(200);
  expect(await prisma.eventRegistration.findFirst({ where: { eventId: id } })).toMatchObject({ phone: "13800001234" });

  const empty = await send(staff, { intent: "cancel", reason: "" });
  expect(statusOf(empty)).toBe(400);
  expect(Object.keys(replyErrors(empty))).toEqual(["reason"]);
  expectWords(replyErrors(empty).reason!);
  expect((await prisma.marketEvent.findUniqueOrThrow({ where: { id } })).status).toBe("published");

  const notStaff = await send(buyer, { intent: "cancel", reason: "天气原因" });
  expect(statusOf(notStaff)).toBe(403);
  expect(replyErrors(notStaff)[""]?.length).toBe(1);
  const anonymous = await send(undefined, { intent: "register" });
  expect((anonymous as Response).headers.get("Location")).toMatch(/^\/login/);
  expect(statusOf(await send(buyer, { intent: "explode" }))).toBe(400);

  const cancelled = await send(staff, { intent: "cancel", reason: "天气原因" });
  expect(statusOf(cancelled)).toBe(200);
  expect((await prisma.marketEvent.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
});
