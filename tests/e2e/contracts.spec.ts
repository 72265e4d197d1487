// Issue #4 end to end, in the browser: a company's offer on a researcher's published result →
// accepted → technology contract drafted from it → submitted → registered by the bureau →
// counted in the bureau dashboard's total and found again through its drill-down; and a
// company cannot open the bureau dashboard. Demo accounts come from seeds/ (first start).
import { expect, test, type Browser, type Page } from "@playwright/test";

const PASSWORD = "Demo12345!";

async function loginAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel(/^密码(\s*\*)?$/).fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

async function figure(page: Page, testId: string) {
  return Number(await page.getByTestId(testId).getAttribute("data-value"));
}

test("offer → accepted → contract → submitted → registered → in the dashboard total and its drill-down", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const researcher = await loginAs(browser, "researcher@demo.gz");
  const company = await loginAs(browser, "company@demo.gz");
  const bureau = await loginAs(browser, "bureau@demo.gz");
  // Accept/reject/withdraw/submit ask for confirmation in the page (no browser dialogs).

  // The dashboard before: this year's totals.
  await bureau.goto("/bureau");
  const countBefore = await figure(bureau, "total-count");
  const amountBefore = await figure(bureau, "total-amount");

  // A published result of the researcher's organization.
  const listed = await researcher.request.get("/api/v1/results?mine=1&status=published&pageSize=50");
  expect(listed.ok()).toBeTruthy();
  const results = ((await listed.json()) as { items: Array<{ id: string; title: string }> }).items;
  expect(results.length).toBeGreaterThan(0);

  // The company makes an offer: 88.88万元 (a figure unlikely to exist already). If the demo data
  // already has an open offer from this company on a result, the next result is used.
  const unique = `E2E ${Date.now()}`;
  let offerUrl = "";
  let resultTitle = "";
  for (const r of results) {
    await company.goto(`/offers/new?resultId=${r.id}`);
    await company.getByRole("textbox", { name: "报价金额" }).fill("88.88");
    await company.getByLabel("合作方式").selectOption("transfer");
    await company.getByLabel("留言").fill(`${unique}：希望以 88.88 万元受让该成果。`);
    await company.getByRole("button", { name: "发送报价" }).click();
    // Either the thread opens, or the form says why not (e.g. an open offer exists already).
    await Promise.race([
      company.waitForURL(/\/offers\/(?!new)[^/?]+\?done=sent/),
      company.getByRole("alert").waitFor(),
    ]);
    if (/\/offers\/(?!new)[^/?]+\?done=sent/.test(company.url())) {
      offerUrl = company.url().split("?")[0]!;
      resultTitle = r.title;
      break;
    }
  }
  expect(offerUrl, "an offer could be made on one of the researcher's results").not.toBe("");
  await expect(company.getByText("等待")).toBeVisible();
  await expect(company.locator("summary", { hasText: "接受报价" })).toHaveCount(0);
  await expect(company.getByText("88.88万元").first()).toBeVisible();

  // The researcher's side must answer: it accepts.
  const offerPath = new URL(offerUrl).pathname;
  await researcher.goto(offerPath);
  await expect(researcher.getByText("轮到贵单位答复")).toBeVisible();
  await expect(researcher.locator("summary", { hasText: "撤回" })).toHaveCount(0);
  // accepting asks first, in the page: the amount, then its own button
  await researcher.locator("summary", { hasText: "接受报价" }).click();
  await expect(researcher.getByText("确认接受当前报价 88.88万元？")).toBeVisible();
  await researcher.getByRole("button", { name: "确认接受" }).click();
  await expect(researcher.getByText("已接受报价。")).toBeVisible();

  // A contract drafted from the accepted offer: parties and amount prefilled.
  await researcher.getByRole("link", { name: "据此起草技术合同" }).click();
  await expect(researcher).toHaveURL(/\/contracts\/new\?offerId=/);
  await expect(researcher.getByRole("textbox", { name: "合同成交额" })).toHaveValue("88.88");
  await researcher.getByLabel("合同类型").selectOption("transfer");
  await researcher.getByLabel("子类型").selectOption("patent");
  const title = `${resultTitle}（${unique}）`.slice(0, 200);
  await researcher.getByLabel("合同名称").fill(title);
  await researcher.getByRole("textbox", { name: "非技术性费用" }).fill("8.88");
  await expect(researcher.getByText("80万元")).toBeVisible(); // 技术交易额, computed live
  await researcher.getByRole("button", { name: "保存草稿" }).click();
  await expect(researcher).toHaveURL(/\/contracts\/[^/?]+\?done=created/);
  const contractPath = new URL(researcher.url()).pathname;

  // The seller side submits it for registration.
  await researcher.locator("summary", { hasText: "提交认定登记" }).click();
  await researcher.getByRole("button", { name: "确认提交" }).click();
  await expect(researcher.getByText("已提交认定登记")).toBeVisible();
  await expect(researcher.getByText("待审核").first()).toBeVisible();
  await expect(researcher.getByRole("button", { name: "准予登记" })).toHaveCount(0);

  // The bureau registers it: a 14-digit registration number, 26/36/07 style.
  await bureau.goto(contractPath);
  await bureau.getByRole("radio", { name: "准予登记" }).check();
  await bureau.getByRole("button", { name: "准予登记" }).click();
  await expect(bureau.getByText("已准予登记。")).toBeVisible();
  const number = (await bureau.getByTestId("registration-number").textContent())?.trim() ?? "";
  expect(number).toMatch(/^\d{2}3607\d{8}$/);

  // The certificate shows it.
  await bureau.getByRole("link", { name: "查看登记证明" }).click();
  await expect(bureau.getByRole("heading", { name: "技术合同认定登记证明" })).toBeVisible();
  await expect(bureau.getByText(number).first()).toBeVisible();
  // exact amounts on the certificate (contract amount and 技术交易额 are both 80万元 here)
  await expect(bureau.getByText("800,000.00 元").first()).toBeVisible();

  // The dashboard total counts it exactly once.
  await bureau.goto("/bureau");
  expect(await figure(bureau, "total-count")).toBe(countBefore + 1);
  expect(await figure(bureau, "total-amount")).toBe(amountBefore + 88_880_000);

  // Drill down from the 技术转让 figure of the by-type table to the contracts behind it.
  const typeRow = bureau.locator("#table-type").getByRole("row", { name: /技术转让/ });
  const typeCount = Number((await typeRow.getByRole("cell").first().textContent())?.replace(/,/g, ""));
  await typeRow.getByRole("link").first().click();
  await expect(bureau).toHaveURL(/\/bureau\/contracts\?.*type=transfer/);
  await expect(bureau.getByRole("link", { name: title })).toBeVisible();
  expect(await figure(bureau, "drill-count")).toBe(typeCount);

  // And from the total to all of the year's registered contracts: the same sums.
  await bureau.goto("/bureau");
  await bureau.getByTestId("total-amount").getByRole("link").click();
  await expect(bureau).toHaveURL(/\/bureau\/contracts\?/);
  expect(await figure(bureau, "drill-count")).toBe(countBefore + 1);
  expect(await figure(bureau, "drill-amount")).toBe(amountBefore + 88_880_000);
});

test("a company cannot open the bureau dashboard", async ({ browser }) => {
  const company = await loginAs(browser, "company@demo.gz");
  const response = await company.goto("/bureau");
  expect(response?.status()).toBe(403);
  await expect(company.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await expect(company.getByTestId("total-count")).toHaveCount(0);
  const drill = await company.goto("/bureau/contracts?year=2026&status=registered");
  expect(drill?.status()).toBe(403);
});
