// Page weight (docs/decisions/0030): the chart code loads only on pages that draw a chart, once a
// chart is on screen; form code (zod, conform) of a result page's review forms only for a reviewer;
// no page trips the site's CSP (zod's `new Function` probe did); names of
// regions from the national table, which stays on the server, reach the page from its loader and
// survive hydration.
import type { Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { contextAs, DEMO, waitForHydration } from "./helpers.ts";

// the chart's own drawing (the legend's icons are small labelled svgs of the same class)
const DRAWING = "svg.recharts-surface:not([aria-label])";

/** Console errors and CSP violations on the page from now on. */
function watchProblems(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  // a CSP violation is an event in the page, whether or not the browser also logs it
  void page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  return problems;
}

function watchChartRequests(page: Page) {
  const requests: string[] = [];
  page.on("request", (r) => {
    if (/\/assets\/chart-drawing-[^/]*\.js$/.test(r.url())) requests.push(r.url());
  });
  return requests;
}

test("the charts load where they are drawn, and only there", async ({ browser }) => {
  const page = await (await contextAs(browser, null)).newPage();
  const charts = watchChartRequests(page);
  const problems = watchProblems(page);
  await page.goto("/results");
  await waitForHydration(page);
  await page.goto("/events");
  await waitForHydration(page);
  expect(charts).toEqual([]);

  await page.goto("/market-stats");
  await waitForHydration(page);
  const chart = page.getByRole("img", { name: /图/ }).first();
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator(DRAWING)).toBeVisible();
  expect(charts.length).toBe(1);
  // the box has its final height before the drawing arrives: nothing below it moves
  const box = await chart.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(220);
  expect(problems).toEqual([]);
  await page.context().close();
});

/** Compressed KB of the scripts a page loads up to a settled first view, apart from the charts'
 * drawing (loaded once a chart is near the screen, which depends on the window's size). */
async function scriptKB(page: Page, path: string) {
  const scripts: Request[] = [];
  page.on(
    "requestfinished",
    (r) => void (r.resourceType() === "script" && !/chart-drawing-/.test(r.url()) && scripts.push(r)),
  );
  await page.goto(path);
  await waitForHydration(page);
  await page.waitForLoadState("networkidle");
  const sizes = await Promise.all(scripts.map(async (r) => (await r.sizes()).responseBodySize));
  return sizes.reduce((sum, n) => sum + n, 0) / 1024;
}

// What the three heaviest pages measured (docs/decisions/0030: 144, 136 and 141 KB gzip from the
// build's manifest), with a few KB of margin: a new import that drags zod, the charts or another
// library onto one of them fails here instead of in the next Lighthouse run.
test("script budgets: a result page, /market-stats and /bureau", async ({ browser }) => {
  const anonymous = await (await contextAs(browser, null)).newPage();
  await anonymous.goto("/results");
  const href = await anonymous.locator("main a[href^='/results/']").first().getAttribute("href");
  expect(await scriptKB(anonymous, href!)).toBeLessThanOrEqual(150);
  await anonymous.context().close();
  const stats = await (await contextAs(browser, null)).newPage();
  expect(await scriptKB(stats, "/market-stats")).toBeLessThanOrEqual(142);
  await stats.context().close();
  const bureau = await (await contextAs(browser, DEMO.bureau)).newPage();
  expect(await scriptKB(bureau, "/bureau")).toBeLessThanOrEqual(147);
  await bureau.context().close();
});

// the chunks of the reviewer's forms and the form code they bring (zod's parsers, conform)
const FORM_CODE = /\/assets\/(review-decision-form|schema-fields|parse|helpers)-[^/]*\.js$/;

test("a result page loads form code only for a reviewer, whose forms work once it arrives", async ({
  browser,
  researcher,
  bureau,
}) => {
  test.setTimeout(180_000);
  const title = `页面重量审核表单 ${Date.now()}`;
  const made = await researcher.page.request.post("/api/v1/results", {
    headers: { Origin: `http://localhost:${process.env.E2E_PORT ?? 3100}`, "Content-Type": "application/json" },
    data: {
      title,
      summary: "检查审核表单只为审核人加载的测试成果。",
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["transfer"],
      submit: true,
    },
  });
  expect(made.ok(), await made.text()).toBe(true);
  const { id } = (await made.json()) as { id: string };

  // a visitor of a published result: no form code at all
  const visitor = await (await contextAs(browser, null)).newPage();
  const visitorForms: string[] = [];
  visitor.on("request", (r: Request) => void (FORM_CODE.test(r.url()) && visitorForms.push(r.url())));
  await visitor.goto("/results");
  await visitor.locator("main a[href^='/results/']").first().click();
  await visitor.waitForURL(/\/results\/[^/?]+/);
  await visitor.reload();
  await waitForHydration(visitor);
  expect(visitorForms).toEqual([]);
  await visitor.context().close();

  // the bureau on the pending result: the forms are in the page and, once hydrated, validate
  const page = bureau.page;
  const problems = watchProblems(page);
  const forms: string[] = [];
  page.on("request", (r) => void (/review-decision-form-/.test(r.url()) && forms.push(r.url())));
  await page.goto(`/results/${id}`);
  await waitForHydration(page);
  await expect.poll(() => forms.length).toBe(1);
  const reason = page.getByLabel("驳回理由");
  await page.locator("summary", { hasText: "驳回…" }).click();
  await page.waitForFunction(() => {
    const el = document.querySelector("textarea[name=reason]");
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  });
  await page.getByRole("button", { name: "确认驳回" }).click();
  await expect(page.getByText("驳回时必须填写理由")).toBeVisible();
  await reason.fill("请补充中试数据。");
  await page.getByRole("button", { name: "确认驳回" }).click();
  // the action's outcome (the page's own status box also says 已驳回 now)
  await expect(page.getByRole("status").filter({ hasText: `“${title}”已驳回` })).toBeVisible();
  expect(problems).toEqual([]);
});

test("no page breaks the site's CSP (no eval): result page, bureau dashboard, signup form", async ({ browser }) => {
  const anonymous = await (await contextAs(browser, null)).newPage();
  const problems = watchProblems(anonymous);
  await anonymous.goto("/results");
  await waitForHydration(anonymous);
  await anonymous.locator("main a[href^='/results/']").first().click();
  await anonymous.waitForURL(/\/results\/[^/?]+/);
  await anonymous.reload();
  await waitForHydration(anonymous);
  await anonymous.goto("/signup");
  await waitForHydration(anonymous);
  expect(problems).toEqual([]);
  await anonymous.context().close();

  const bureau = await (await contextAs(browser, DEMO.bureau)).newPage();
  const bureauProblems = watchProblems(bureau);
  await bureau.goto("/bureau");
  await waitForHydration(bureau);
  const chart = bureau.getByRole("img", { name: /图/ }).first();
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator(DRAWING)).toBeVisible();
  expect(bureauProblems).toEqual([]);
  await bureau.context().close();
});

test("a region from the national table is named on the page, in both languages", async ({
  browser,
  company,
  database,
}) => {
  // Beijing's Haidian district: not one of the market's own regions
  const { rows } = await database.query<{ id: string }>(
    `UPDATE "Organization" SET "regionCode" = '110108' WHERE name = $1 RETURNING id`,
    [company.orgName],
  );
  for (const lang of ["zh-CN", "en"] as const) {
    const page = await (await contextAs(browser, null, lang)).newPage();
    const problems = watchProblems(page);
    await page.goto(`/organizations/${rows[0]!.id}`);
    await waitForHydration(page);
    await expect(page.getByText("北京市海淀区")).toBeVisible();
    await expect(page.getByText("110108")).toHaveCount(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }
});
