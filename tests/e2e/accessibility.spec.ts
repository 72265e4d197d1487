// axe-core (WCAG 2.0/2.1 A and AA) finds zero violations on every public page and the main
// signed-in pages, in Chinese and in English. One test per page and language, each in its own
// context signed in from a reused session (helpers.ts); the language comes from the `lng`
// cookie, and one test switches with the header's button like a visitor would.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { contextAs, DEMO, expectNoAxeViolations, waitForHydration, type Lang } from "./helpers.ts";

type Ids = { result: string; need: string; organization: string };
let ids: Ids | undefined;

/** A published result and need of the demo data, and the result's organization. */
async function demoIds(request: APIRequestContext): Promise<Ids> {
  if (ids) return ids;
  const results = await request.get("/api/v1/results?pageSize=1");
  const needs = await request.get("/api/v1/needs?pageSize=1");
  expect(results.ok() && needs.ok()).toBeTruthy();
  const r = ((await results.json()) as { items: Array<{ id: string; organization: { id: string } }> }).items[0]!;
  const n = ((await needs.json()) as { items: Array<{ id: string }> }).items[0]!;
  ids = { result: r.id, need: n.id, organization: r.organization.id };
  return ids;
}

type PageCase = { path: string | ((ids: Ids) => string); as: string | null; name: string };

const PAGES: PageCase[] = [
  // Public
  { name: "home", path: "/", as: null },
  { name: "results list", path: "/results", as: null },
  { name: "results search", path: "/results?q=稀土", as: null },
  { name: "result detail", path: (i) => `/results/${i.result}`, as: null },
  { name: "needs list", path: "/needs", as: null },
  { name: "need detail", path: (i) => `/needs/${i.need}`, as: null },
  { name: "organizations", path: "/organizations", as: null },
  { name: "events", path: "/events", as: null },
  { name: "organization page", path: (i) => `/organizations/${i.organization}`, as: null },
  { name: "market stats", path: "/market-stats", as: null },
  { name: "login", path: "/login", as: null },
  { name: "signup", path: "/signup", as: null },
  { name: "forgot password", path: "/forgot-password", as: null },
  { name: "site search", path: "/search?q=稀土", as: null },
  { name: "terms", path: "/terms", as: null },
  { name: "privacy", path: "/privacy", as: null },
  // Signed in
  { name: "researcher dashboard", path: "/dashboard", as: DEMO.researcher },
  { name: "my results", path: "/my/results", as: DEMO.researcher },
  { name: "new result", path: "/my/results/new", as: DEMO.researcher },
  { name: "result detail (reviewer: history)", path: (i) => `/results/${i.result}`, as: DEMO.bureau },
  { name: "company dashboard", path: "/dashboard", as: DEMO.company },
  { name: "my needs", path: "/my/needs", as: DEMO.company },
  { name: "new need", path: "/my/needs/new", as: DEMO.company },
  { name: "account", path: "/account", as: DEMO.company },
  { name: "API tokens", path: "/account/tokens", as: DEMO.company },
  { name: "offers", path: "/offers", as: DEMO.company },
  { name: "contracts", path: "/contracts", as: DEMO.company },
  { name: "bureau dashboard", path: "/dashboard", as: DEMO.bureau },
  { name: "review queue", path: "/review", as: DEMO.bureau },
  { name: "bureau statistics", path: "/bureau", as: DEMO.bureau },
  { name: "join requests", path: "/memberships", as: DEMO.bureau },
  { name: "edit organization profile", path: (i) => `/organizations/${i.organization}/edit`, as: DEMO.admin },
  // The network and subsidies
  { name: "brokers directory", path: "/brokers", as: null },
  { name: "sub-centres", path: "/subcentres", as: null },
  { name: "my broker profile", path: "/my/broker", as: DEMO.broker },
  { name: "my leads", path: "/my/leads", as: DEMO.broker },
  { name: "my subsidies", path: "/my/subsidies", as: DEMO.company },
  { name: "sub-centre desk", path: "/subcentre", as: DEMO.subcentre },
  { name: "need entered for a company", path: "/subcentre/needs/new", as: DEMO.subcentre },
  { name: "bureau sub-centres", path: "/bureau/subcentres", as: DEMO.bureau },
  { name: "bureau subsidies", path: "/bureau/subsidies", as: DEMO.bureau },
  { name: "subsidy programme", path: "/bureau/subsidies/jx-online-market", as: DEMO.bureau },
  // The bureau's and the admin's other desks, and the forms that start a deal or an organization
  { name: "bureau contracts", path: "/bureau/contracts", as: DEMO.bureau },
  { name: "bureau targets", path: "/bureau/targets", as: DEMO.bureau },
  { name: "bureau anomalies", path: "/bureau/anomalies", as: DEMO.bureau },
  { name: "bureau audit", path: "/bureau/audit", as: DEMO.bureau },
  { name: "bureau import", path: "/bureau/import", as: DEMO.bureau },
  { name: "working-day calendar", path: "/bureau/calendar", as: DEMO.bureau },
  { name: "staff accounts", path: "/admin/users", as: DEMO.admin },
  { name: "outgoing mail", path: "/admin/mail", as: DEMO.admin },
  { name: "new contract draft", path: "/contracts/new", as: DEMO.company },
  { name: "new organization", path: "/organizations/new", as: DEMO.admin },
];

// One page per account and language, reused from test to test (a new page only after a failure
// restarted the worker).
// Uncaught script errors on these pages are collected too (they would break hydration).
const pages = new Map<string, Page>();
const pageErrors: string[] = [];
async function pageFor(browser: Browser, as: string | null, lang: Lang) {
  const key = `${as ?? "anonymous"} ${lang}`;
  let page = pages.get(key);
  if (!page || page.isClosed()) {
    page = await (await contextAs(browser, as, lang)).newPage();
    page.on("pageerror", (error) => pageErrors.push(`${page!.url()}: ${error.message}`));
    pages.set(key, page);
  }
  return page;
}

test.afterAll(async () => {
  // Closing saves the contexts' trace chunks; a failure there (e.g. test-results/ removed by
  // another run) is not the pages' fault and must not fail the last test.
  for (const page of pages.values()) {
    await page
      .context()
      .close()
      .catch((error: Error) => console.warn(`closing a reused context: ${error.message}`));
  }
  pages.clear();
});

for (const lang of ["zh-CN", "en"] as Lang[]) {
  test.describe(`axe, ${lang}`, () => {
    for (const c of PAGES) {
      test(`${c.name}${c.as ? ` (${c.as.split("@")[0]})` : ""}`, async ({ browser, request }) => {
        const path = typeof c.path === "function" ? c.path(await demoIds(request)) : c.path;
        const page = await pageFor(browser, c.as, lang);
        pageErrors.length = 0;
        const response = await page.goto(path);
        expect(response?.status(), `${path} status`).toBe(200);
        await expect(page.locator("html")).toHaveAttribute("lang", lang === "en" ? "en" : "zh-CN");
        await waitForHydration(page);
        await expectNoAxeViolations(page, `${path} (${lang}, ${c.as ?? "anonymous"})`);
        expect(pageErrors, "uncaught errors in the page").toEqual([]);
      });
    }
  });
}

// Forms showing their errors: the error state must be as accessible as the empty form.
const FORM_ERRORS = {
  "zh-CN": { submitNeed: "提交审核", newOrg: "登记新机构", signup: "注册" },
  en: { submitNeed: "Submit for review", newOrg: "Register a new organization", signup: "Sign up" },
} as const;

for (const lang of ["zh-CN", "en"] as Lang[]) {
  test(`axe, ${lang} › forms with errors: new need, signup with a new organization`, async ({ browser }) => {
    const words = FORM_ERRORS[lang];
    const company = await pageFor(browser, DEMO.company, lang);
    await company.goto("/my/needs/new");
    await waitForHydration(company);
    await company.getByRole("button", { name: words.submitNeed, exact: true }).click();
    await expect(company.locator("[aria-invalid=true]").first()).toBeVisible();
    await expectNoAxeViolations(company, `/my/needs/new with errors (${lang})`);

    const visitor = await pageFor(browser, null, lang);
    await visitor.goto("/signup");
    await waitForHydration(visitor);
    await visitor.getByRole("radio", { name: words.newOrg }).check();
    await visitor.getByRole("button", { name: words.signup, exact: true }).click();
    await expect(visitor.locator("[aria-invalid=true]").first()).toBeVisible();
    await expectNoAxeViolations(visitor, `/signup (new organization) with errors (${lang})`);
  });
}

test("the header's language button switches to English and back", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/results");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await waitForHydration(page);
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/results$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/results/i);
  await expectNoAxeViolations(page, "/results after switching to English");
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await context.close();
});

test("the keyboard focus ring on the blue header has at least 3:1 contrast", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await waitForHydration(page);
  // the first Tab reaches the skip link, the second the header's first link
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const colours = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const header = el.closest("header")!;
    return { ring: getComputedStyle(el).outlineColor, background: getComputedStyle(header).backgroundColor };
  });
  const luminance = (css: string) => {
    const [r, g, b] = css
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map(Number)
      .map((v) => v / 255);
    const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  };
  const [hi, lo] = [luminance(colours.ring), luminance(colours.background)].sort((a, b) => b - a);
  expect((hi! + 0.05) / (lo! + 0.05), JSON.stringify(colours)).toBeGreaterThanOrEqual(3);
  await context.close();
});
