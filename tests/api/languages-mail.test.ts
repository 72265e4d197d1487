// Mail is written in each recipient's language, whoever triggered it: the password-reset mail, the
// offer and contract mail to every member of an organization, and the event reminder (with its
// HTML part); a statistics export's header row follows ?lng= (docs/decisions/0024).
import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { requestPasswordReset } from "../../app/auth/passwords.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { sendEventReminders } from "../../app/events/reminders.server.ts";
import { notificationIn } from "../../app/notifications/text.ts";
import { notifyOrganization } from "../../app/offers/notify.server.ts";
import * as statsCsv from "../../app/routes/api.v1.stats.contracts[.]csv.ts";
import { apiRequest, makeCaller, makeOrg, makeUser } from "../factories.ts";

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

test("the password-reset mail is in the account's language", async () => {
  const english = await makeUser("company");
  await prisma.user.update({ where: { id: english.id }, data: { locale: "en" } });
  const chinese = await makeUser("company");
  await requestPasswordReset(english.email);
  await requestPasswordReset(chinese.email);
  const en = await prisma.outboxMail.findFirstOrThrow({ where: { to: english.email, kind: "password_reset" } });
  const zh = await prisma.outboxMail.findFirstOrThrow({ where: { to: chinese.email, kind: "password_reset" } });
  expect(`${en.subject}\n${en.text.replace(english.name, "")}`).not.toMatch(CJK);
  expect(en.subject).toMatch(/password/i);
  expect(zh.subject).toMatch(CJK);
});

test("an organization's members each get the offer mail in their own language", async () => {
  const org = await makeOrg({ kind: "enterprise" });
  const en = await makeUser("company", org.id);
  const zh = await makeUser("company", org.id);
  await prisma.user.update({ where: { id: en.id }, data: { locale: "en" } });
  const sent = await prisma.$transaction((tx) =>
    notifyOrganization(tx, org.id, {
      kind: "offer_received",
      title: { zh: "收到新的报价：稀土永磁电机", en: "New offer: 稀土永磁电机" },
      body: { zh: "某大学 对「稀土永磁电机」提交了报价。", en: "某大学 made an offer on “稀土永磁电机”." },
      link: "/offers",
    }),
  );
  expect(sent).toBe(2);
  const mailTo = (email: string) =>
    prisma.outboxMail.findFirstOrThrow({ where: { to: email, kind: "offer_received" } });
  const enMail = await mailTo(en.email);
  const zhMail = await mailTo(zh.email);
  // only the listing's title and the organization (user content) are Chinese in the English mail
  const userText = (s: string) => s.replaceAll("稀土永磁电机", "").replaceAll("某大学", "");
  expect(userText(`${enMail.subject}\n${enMail.text}`)).not.toMatch(CJK);
  expect(userText(zhMail.subject)).toMatch(CJK);
  // the notification is stored once per member, in both languages, and read in each reader's
  const note = await prisma.notification.findFirstOrThrow({ where: { userId: en.id, kind: "offer_received" } });
  expect(userText(notificationIn(note, "en").title)).not.toMatch(CJK);
  expect(notificationIn(note, "en").title).toBe(enMail.subject);
  expect(notificationIn(note, "zh-CN").title).toBe(zhMail.subject);
});

test("the event reminder (text and HTML) is in the registrant's language", async () => {
  const bureau = await makeUser("bureau");
  const event = await prisma.marketEvent.create({
    data: {
      kind: "roadshow",
      title: "稀土新材料路演",
      venue: "赣州市章贡区",
      regionCode: "360702",
      startsAt: new Date(Date.now() + 20 * 3_600_000),
      endsAt: new Date(Date.now() + 22 * 3_600_000),
      createdById: bureau.id,
    },
  });
  const guest = await makeUser("company");
  await prisma.user.update({ where: { id: guest.id }, data: { locale: "en" } });
  await prisma.eventRegistration.create({
    data: {
      eventId: event.id,
      userId: guest.id,
      checkInCode: randomBytes(4).toString("hex").toUpperCase(),
      checkInToken: randomBytes(16).toString("base64url"),
    },
  });
  await sendEventReminders();
  const mail = await prisma.outboxMail.findFirstOrThrow({ where: { to: guest.email, kind: "event_reminder" } });
  const userText = (s: string) => s.replaceAll(event.title, "").replaceAll(event.venue, "");
  expect(userText(`${mail.subject}\n${mail.text}`)).not.toMatch(CJK);
  expect(mail.html).toContain('<html lang="en">');
  expect(userText(mail.html ?? "")).not.toMatch(CJK);
});

test("a statistics export's header row follows ?lng=", async () => {
  const bureau = await makeCaller("bureau");
  const header = async (query: string) => {
    const response = (await statsCsv.loader({
      request: apiRequest("GET", `/api/v1/stats/contracts.csv?year=2025&groupBy=type&${query}`, {
        token: bureau.token,
      }),
      params: {},
      context: {},
    } as never)) as Response;
    expect(response.status).toBe(200);
    return (await response.text()).replace(/^\uFEFF/, "").split("\n")[0]!;
  };
  expect(await header("lng=en")).not.toMatch(CJK);
  expect(await header("lng=zh-CN")).toMatch(CJK);
});
