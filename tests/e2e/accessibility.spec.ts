// Accessibility checks the crawl (accessibility-crawl.spec.ts, axe on every page as every demo
// account) cannot make: forms showing their errors after a bad submit, the page after the
// header's language button switched it, and the keyboard focus ring's contrast on the blue header.
// The plain pages this spec used to check one by one are in the crawl's MUST_CHECK.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { axeViolations, contextAs, DEMO, expectNoAxeViolations, waitForHydration, type Lang } from "./helpers.ts";

// One page per account and language, reused by the two languages' tests (a new page only after a
// failure restarted the worker).
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

// Forms showing their errors: the error state must be as accessible as the empty form.
const FORM_ERRORS = {
  "zh-CN": { submitNeed: "提交审核", newOrg: "登记新机构", signup: "注册" },
  en: { submitNeed: "Submit for review", newOrg: "Register a new organization", signup: "Sign up" },
} as const;

for (const lang of ["zh-CN", "en"] as Lang[]) {
  test(`axe, ${lang} › forms with errors: new need, signup with a new organization`, async ({ browser }) => {
    const words = FORM_ERRORS[lang];
    pageErrors.length = 0;
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
    expect(pageErrors, "uncaught errors in the pages").toEqual([]);
  });
}

// The control for every axe check of the suite: the helper must report what WCAG A/AA forbids,
// in the page and in a same-origin frame, or a clean report would mean nothing.
test("the axe check reports violations (an image without alt, an unlabelled field, one in a frame)", async ({
  page,
}) => {
  await page.goto("/api/v1/health");
  await page.setContent(
    `<!doctype html><html lang="zh-CN"><head><title>axe</title></head><body><main>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
      <input type="text" />
      <iframe title="f" srcdoc="<!doctype html><html lang='en'><title>f</title><body><img src='x.png'></body></html>"></iframe>
    </main></body></html>`,
  );
  await page.frameLocator("iframe").locator("img").waitFor({ state: "attached" });
  const ids = (await axeViolations(page)).map((v) => v.id).sort();
  expect(ids).toEqual(expect.arrayContaining(["image-alt", "label"]));
  const imageAlt = (await axeViolations(page)).find((v) => v.id === "image-alt");
  // the frame's image too: two nodes, one of them inside the iframe
  expect(JSON.stringify(imageAlt)).toContain("iframe");
});

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
