// Page weight (docs/decisions/0030): the chart code loads only on pages that draw a chart, once a
// chart is on screen; no page trips the site's CSP (zod's `new Function` probe did); names of
// regions from the national table, which stays on the server, reach the page from its loader and
// survive hydration.
import type { Page } from "@playwright/test";
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
