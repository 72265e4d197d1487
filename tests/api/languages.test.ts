// Text written without a reader reaches each reader in their language: notifications keep both
// languages and are shown in the reader's, mail goes out in the recipient's, exports take ?lng=,
// and the root data names the page's language for its links (docs/decisions/0024).
import { describe, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { notificationIn } from "../../app/notifications/text.ts";
import { loadRootData } from "../../app/root-data.server.ts";
import * as collection from "../../app/routes/api.v1.results.ts";
import * as review from "../../app/routes/api.v1.results.$id.review.ts";
import * as contractsCsv from "../../app/routes/api.v1.contracts[.]csv.ts";
import { cookieFor } from "../support/pages.ts";
import { action as loginAction } from "../../app/routes/login.tsx";
import { action as localeAction } from "../../app/routes/locale.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { formRequest, GOOD_PASSWORD, makeAccount, run } from "./auth-helpers.ts";

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

const result = {
  title: "English owner's result",
  summary: "A result whose owner reads the site in English.",
  keywords: ["magnet"],
  field: "rare_earth",
  maturity: "pilot",
  transferModes: ["license"],
  priceFen: 1_000_000,
  contact: { name: "Li", phone: "0797-1234567", email: "li@example.edu.cn" },
  submit: true,
};

async function reviewed(decision: "approve" | "reject", ownerLocale: string) {
  const researcher = await makeCaller("researcher");
  await prisma.user.update({ where: { id: researcher.user.id }, data: { locale: ownerLocale } });
  const bureau = await makeCaller("bureau");
  const created = await call(
    collection.action,
    apiRequest("POST", "/api/v1/results", { token: researcher.token, body: result }),
  );
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const body = decision === "approve" ? { decision } : { decision, reason: "Please add the test report." };
  const decided = await call(
    review.action,
    apiRequest("POST", `/api/v1/results/${id}/review`, { token: bureau.token, body }),
    { id },
  );
  expect(decided.status).toBe(200);
  const note = await prisma.notification.findFirstOrThrow({ where: { userId: researcher.user.id } });
  const mail = await prisma.outboxMail.findFirstOrThrow({ where: { to: researcher.user.email } });
  return { note, mail };
}

test("a review decision is stored in both languages and shown in the reader's", async () => {
  const { note } = await reviewed("reject", "zh-CN");
  expect(note.title).toBe(`您的科技成果“${result.title}”未通过审核`);
  expect(note.titleEn).toBe(`Your result “${result.title}” was not approved`);
  expect(notificationIn(note, "en")).toEqual({
    title: note.titleEn,
    body: "Reason: Please add the test report.\nEdit it and submit it for review again.",
  });
  expect(notificationIn(note, "zh-CN").body).toBe("驳回理由：Please add the test report.\n修改后可重新提交审核。");
});

test("the owner's mail is in the owner's language", async () => {
  const english = await reviewed("approve", "en");
  expect(english.mail.subject).toBe(
    `[Ganzhou Technology Market] Your result “${result.title}” was approved and published`,
  );
  expect(english.mail.text).not.toMatch(CJK);
  const chinese = await reviewed("approve", "zh-CN");
  expect(chinese.mail.subject).toBe(`【赣州科技大市场】您的科技成果“${result.title}”已通过审核并发布`);
  expect(chinese.mail.text).not.toContain("approved");
});

test("rows written before both languages were stored show the reader's half", () => {
  const old = { title: "申请已通过 / Request approved", titleEn: null, body: "只有中文", bodyEn: null };
  expect(notificationIn(old, "en")).toEqual({ title: "Request approved", body: "只有中文" });
  expect(notificationIn(old, "zh-CN")).toEqual({ title: "申请已通过", body: "只有中文" });
});

test("exports take ?lng= (and the older ?lang=), else the caller's saved language", async () => {
  const bureau = await makeCaller("bureau");
  const header = async (query: string) => {
    const response = (await contractsCsv.loader({
      request: apiRequest("GET", `/api/v1/contracts.csv${query}`, { token: bureau.token }),
      params: {},
      context: {},
    } as never)) as Response;
    expect(response.status).toBe(200);
    return (await response.text()).replace(/^\uFEFF/, "").split("\n")[0]!;
  };
  expect(await header("?lng=en")).toMatch(/^Registration number,/);
  expect(await header("?lang=en")).toMatch(/^Registration number,/);
  expect(await header("")).toMatch(/^登记号,/);
  // a language only defaulted to (not chosen) does not beat the caller's Accept-Language
  await prisma.user.update({ where: { id: bureau.user.id }, data: { locale: "en" } });
  expect(await header("")).toMatch(/^登记号,/);
  await prisma.user.update({ where: { id: bureau.user.id }, data: { locale: "en", localeChosen: true } });
  expect(await header("")).toMatch(/^Registration number,/);
  expect(await header("?lng=zh-CN")).toMatch(/^登记号,/);
});

test("the root data: the page's language and the language its links carry", async () => {
  const root = (url: string, headers: Record<string, string> = {}) =>
    loadRootData(new Request(`http://localhost${url}`, { headers }));
  expect(await root("/results?lng=en")).toMatchObject({ locale: "en", linkLocale: "en" });
  expect(await root("/results?lng=zh-CN", { Cookie: "lng=en" })).toMatchObject({
    locale: "zh-CN",
    linkLocale: "zh-CN",
  });
  // a negotiated English page links in English; a default Chinese page keeps bare links
  expect(await root("/results", { "Accept-Language": "en" })).toMatchObject({ locale: "en", linkLocale: "en" });
  expect(await root("/results")).toMatchObject({ locale: "zh-CN", linkLocale: null });
  expect((await root("/results?q=a&lng=en")).publicPage).toMatchObject({ path: "/results", search: "?q=a&lng=en" });
});

describe("a signed-in person's pages: their choice, else their browser", () => {
  async function signedIn() {
    const { user } = await makeAccount("researcher");
    const cookie = await cookieFor(user.id);
    const root = async (url: string, headers: Record<string, string> = {}) =>
      (await loadRootData(new Request(`http://localhost${url}`, { headers: { ...headers, Cookie: cookie } }))).locale;
    return { user, cookie, root };
  }

  test("never chose: Accept-Language decides, also when sign-up stored a language", async () => {
    const { user, root } = await signedIn();
    expect(await root("/dashboard", { "Accept-Language": "en-GB,en;q=0.9,zh;q=0.5" })).toBe("en");
    expect(await root("/dashboard", { "Accept-Language": "zh-CN,en;q=0.5" })).toBe("zh-CN");
    expect(await root("/dashboard")).toBe("zh-CN");
    await prisma.user.update({ where: { id: user.id }, data: { locale: "en" } });
    expect(await root("/dashboard", { "Accept-Language": "zh-CN" })).toBe("zh-CN");
  });

  test("a saved choice wins over Accept-Language; ?lng= wins for that URL", async () => {
    const { user, cookie, root } = await signedIn();
    // the header's language button saves the choice in the profile
    const chose = await run(
      localeAction,
      formRequest("/locale", { locale: "en", redirectTo: "/dashboard" }, { cookie }),
    );
    expect(chose.status).toBe(302);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      locale: "en",
      localeChosen: true,
    });
    // (no lng cookie sent here: the profile alone carries the choice)
    expect(await root("/dashboard", { "Accept-Language": "zh-CN" })).toBe("en");
    expect(await root("/dashboard?lng=zh-CN", { "Accept-Language": "en" })).toBe("zh-CN");
  });

  test("login: a saved choice comes back as the cookie; without one, none is set and mail follows the browser", async () => {
    const login = (email: string, acceptLanguage: string) => {
      const request = formRequest("/login", { email, password: GOOD_PASSWORD, redirectTo: "/dashboard" });
      request.headers.set("Accept-Language", acceptLanguage);
      return run(loginAction, request);
    };
    const never = await makeAccount("company");
    const first = await login(never.user.email, "en-US,en;q=0.9");
    expect(first.status).toBe(302);
    expect(first.setCookie.some((c) => c.startsWith("lng="))).toBe(false);
    // mail and notifications are written in the language the person reads the site in
    expect(await prisma.user.findUniqueOrThrow({ where: { id: never.user.id } })).toMatchObject({
      locale: "en",
      localeChosen: false,
    });

    const chose = await makeAccount("company");
    await prisma.user.update({ where: { id: chose.user.id }, data: { locale: "zh-CN", localeChosen: true } });
    const second = await login(chose.user.email, "en");
    expect(second.setCookie.some((c) => c.startsWith("lng=zh-CN"))).toBe(true);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: chose.user.id } })).toMatchObject({ locale: "zh-CN" });
  });
});
