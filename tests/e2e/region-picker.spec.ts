// The region picker of signup and the staff's new-organization form: every GB/T 2260 code,
// province → city → county with JavaScript, a typed 6-digit code without it; at 390 px, in both
// languages.
import { expect, test } from "@playwright/test";
import { makeCreditCode } from "../../app/domain/credit-code.ts";
import { DEMO, expectNoAxeViolations, pageAs, runId, waitForHydration } from "./helpers.ts";

const PHONE = { width: 390, height: 844 };

test("signup: 北京市海淀区 through the dependent selects (390 px, zh-CN), no horizontal scroll", async ({
  browser,
}) => {
  const page = await pageAs(browser, null);
  await page.setViewportSize(PHONE);
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByRole("radio", { name: "登记新机构" }).check();
  await page.getByLabel("省级").selectOption("110000");
  // a municipality's districts come next
  await page.getByLabel("地级").selectOption("110108");
  await expect(page.getByText("已选：北京市海淀区（110108）")).toBeVisible();
  await expect(page.locator('input[type="hidden"][name="org.regionCode"]')).toHaveValue("110108");
  // changing the province clears the lower levels
  await page.getByLabel("省级").selectOption("440000");
  await expect(page.locator('input[type="hidden"][name="org.regionCode"]')).toHaveValue("440000");
  await page.getByLabel("地级").selectOption("440300");
  await page.getByLabel("县级").selectOption("440305");
  await expect(page.getByText("已选：广东省深圳市南山区（440305）")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page, "/signup region picker");
  await page.context().close();
});

test("staff form in English: 上海市徐汇区 registers and shows its region", async ({ browser }) => {
  const page = await pageAs(browser, DEMO.bureau, "en");
  await page.goto("/organizations/new");
  await waitForHydration(page);
  const name = `Region Picker Test ${runId()}`;
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByRole("combobox", { name: "Kind" }).selectOption("enterprise");
  await page
    .getByRole("textbox", { name: "Unified social credit code" })
    .fill(makeCreditCode("91", "310104", `7${runId().slice(1)}`));
  await page.getByRole("combobox", { name: "Province" }).selectOption("310000");
  await page.getByRole("combobox", { name: "City" }).selectOption("310104");
  await expect(page.getByText("Chosen: 上海市徐汇区 (310104)")).toBeVisible();
  await page.getByRole("button", { name: "Create organization" }).click();
  await page.waitForURL((url) => /^\/organizations\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
  await expect(page.getByText("上海市徐汇区")).toBeVisible();
  await page.context().close();
});

test("without JavaScript: a typed code, its name shown after the server checked it; an invalid one refused", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/signup");
  await page.getByRole("radio", { name: "登记新机构" }).check();
  await page.getByLabel("所在地区").fill("110108");
  // the rest of the form is left empty: the server answers with errors and names the region
  await page.getByRole("button", { name: "注册", exact: true }).click();
  await expect(page.getByText("已选：北京市海淀区（110108）")).toBeVisible();
  await expect(page.getByLabel("所在地区")).toHaveValue("110108");
  await page.getByLabel("所在地区").fill("110199");
  await page.getByRole("button", { name: "注册", exact: true }).click();
  await expect(page.getByText(/不是 GB\/T 2260 行政区划代码|地区代码无效/)).toBeVisible();
  // the lookup page lists the codes level by level
  await page.goto("/regions?code=360700");
  await expect(page.getByRole("link", { name: "南康区" })).toBeVisible();
  await expect(page.getByText("360703")).toBeVisible();
  await context.close();
});
