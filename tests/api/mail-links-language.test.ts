// Every link in every mail the site sends carries ?lng=<the recipient's language>
// (docs/decisions/0024, 0031): the password reset, an organization's notification mail, a listing
// decision, the event reminder (text and HTML, with its QR code) and the daily match digest —
// each sent to an English and a Chinese reader, and every absolute link in each checked.
import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { requestPasswordReset } from "../../app/auth/passwords.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { sendEventReminders } from "../../app/events/reminders.server.ts";
import { transitionListing } from "../../app/listings/workflow.server.ts";
import { publicLink } from "../../app/mail/public-url.server.ts";
import { notifyOrganization } from "../../app/offers/notify.server.ts";
import { sendMatchDigests } from "../../search/alerts.server.ts";
import { makeOrg, makeUser } from "../factories.ts";
import { publishedNeed, publishedResult } from "./contracts-helpers.ts";

const READERS = [
  ["en", "en"],
  ["zh-CN", "zh-CN"],
  ["fr", "zh-CN"], // a language the site does not have: the default, named explicitly
] as const;

async function reader(locale: string, organizationId: string | null = null) {
  const user = await makeUser("company", organizationId);
  return prisma.user.update({ where: { id: user.id }, data: { locale } });
}

/** The recipient's mails of `kind`: every http(s) link in text and HTML, with the language it names. */
async function linksIn(email: string, kind: string) {
  const mails = await prisma.outboxMail.findMany({ where: { to: email, kind } });
  expect(mails.length, `${kind} to ${email}`).toBeGreaterThan(0);
  const links = mails.flatMap((m) => `${m.text}\n${m.html ?? ""}`.match(/https?:\/\/[^\s"'<>）)]+/g) ?? []);
  expect(links.length, `${kind}: no link`).toBeGreaterThan(0);
  return links.map((l) => new URL(l.replaceAll("&amp;", "&")).searchParams.getAll("lng"));
}

async function expectAllIn(email: string, kind: string, lng: string) {
  for (const found of await linksIn(email, kind)) expect(found, kind).toEqual([lng]);
}

test("publicLink adds lng once, keeping the path's own query and fragment", () => {
  const link = new URL(publicLink("/reset-password?token=a%2Fb#top", "en"));
  expect(link.pathname).toBe("/reset-password");
  expect(link.searchParams.get("token")).toBe("a/b");
  expect(link.searchParams.getAll("lng")).toEqual(["en"]);
  expect(link.hash).toBe("#top");
  // a link that already named a language gets the recipient's instead, and unknown values read as zh-CN
  expect(new URL(publicLink("/offers?lng=zh-CN", "en-GB")).searchParams.getAll("lng")).toEqual(["en"]);
  expect(new URL(publicLink("/offers", "fr")).searchParams.getAll("lng")).toEqual(["zh-CN"]);
});

test("password reset and an organization's notification mail: links in each reader's language", async () => {
  const org = await makeOrg({ kind: "enterprise" });
  for (const [locale, lng] of READERS) {
    const user = await reader(locale, org.id);
    await requestPasswordReset(user.email);
    await expectAllIn(user.email, "password_reset", lng);
  }
  await prisma.$transaction((tx) =>
    notifyOrganization(tx, org.id, {
      kind: "offer_received",
      title: { zh: "收到新的报价", en: "New offer" },
      body: { zh: "请查看", en: "Have a look" },
      link: "/offers?tab=in",
    }),
  );
  const members = await prisma.user.findMany({ where: { organizationId: org.id } });
  for (const m of members) await expectAllIn(m.email, "offer_received", m.locale === "en" ? "en" : "zh-CN");
});

test("a listing decision mail links to the listing in the owner's language", async () => {
  const bureau = await makeUser("bureau");
  for (const [locale, lng] of READERS) {
    const owner = await reader(locale);
    const org = await makeOrg();
    for (const decision of ["approve", "reject"] as const) {
      const result = await publishedResult(org);
      await prisma.result.update({
        where: { id: result.id },
        data: { status: "pending_review", createdById: owner.id },
      });
      await prisma.$transaction((tx) => transitionListing(tx, "result", result.id, bureau, decision, "资料不全"));
      await expectAllIn(owner.email, `listing_${decision}`, lng);
    }
  }
});

test("the event reminder (text and HTML) links to the event in the registrant's language", async () => {
  const bureau = await makeUser("bureau");
  const event = await prisma.marketEvent.create({
    data: {
      kind: "fair",
      title: "稀土产业对接会",
      venue: "赣州",
      regionCode: "360702",
      startsAt: new Date(Date.now() + 20 * 3_600_000),
      endsAt: new Date(Date.now() + 22 * 3_600_000),
      createdById: bureau.id,
    },
  });
  const guests = [];
  for (const [locale, lng] of READERS) {
    const guest = await reader(locale);
    await prisma.eventRegistration.create({
      data: {
        eventId: event.id,
        userId: guest.id,
        checkInCode: randomBytes(4).toString("hex").toUpperCase(),
        checkInToken: randomBytes(16).toString("base64url"),
      },
    });
    guests.push([guest.email, lng] as const);
  }
  await sendEventReminders();
  for (const [email, lng] of guests) await expectAllIn(email, "event_reminder", lng);
});

test("the daily match digest links to needs and results in the recipient's language", async () => {
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  for (const [locale, lng] of READERS) {
    const user = await reader(locale);
    const need = await publishedNeed(buyer);
    const result = await publishedResult(seller);
    const alert = await prisma.matchAlert.create({
      data: { needId: need.id, resultId: result.id, score: 0.8, trigger: "need", reasons: ["领域相同"] },
    });
    await prisma.matchAlertRecipient.create({ data: { alertId: alert.id, userId: user.id } });
    await sendMatchDigests();
    const links = await linksIn(user.email, "match_digest");
    expect(links).toHaveLength(2);
    for (const found of links) expect(found).toEqual([lng]);
  }
});
