// Contract settlement in the browser: on the demo contract with a partly paid schedule, the buyer
// (company) records a bank transfer with its receipt number, the seller (researcher) confirms
// receipt, the confirmed total grows by the amount; the bureau dashboard shows the money paid on
// the platform. The pages are axe-clean in both languages.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, pageAs, runId, waitForHydration } from "./helpers.ts";

const fen = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute("data-fen"));

async function demoPaidContract(page: Page) {
  const listed = await page.request.get("/api/v1/contracts?status=registered&pageSize=100");
  expect(listed.ok()).toBeTruthy();
  const items = ((await listed.json()) as { items: Array<{ id: string }> }).items;
  for (const c of items) {
    const res = await page.request.get(`/api/v1/contracts/${c.id}/payments`);
    const body = (await res.json()) as { items: Array<{ reference: string; status: string }> };
    if (body.items.some((p) => p.reference.startsWith("DEMO-"))) return { id: c.id, payments: body };
  }
  throw new Error("no demo contract with payments");
}

test("the buyer records a bank payment, the seller confirms it, the totals follow; the dashboard shows paid on the platform", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const company = await pageAs(browser, DEMO.company);
  const researcher = await pageAs(browser, DEMO.researcher);
  const { id, payments } = await demoPaidContract(company);
  // the seeded state: one confirmed, one awaiting confirmation
  expect(payments.items.map((p) => p.status).sort()).toEqual(["confirmed", "recorded"]);

  await company.goto(`/contracts/${id}`);
  await waitForHydration(company);
  const section = company.locator("#payments");
  await expect(section.getByRole("heading", { name: "付款与结算" })).toBeVisible();
  await expect(
    section
      .getByRole("cell", { name: "逾期" })
      .or(section.getByRole("cell", { name: "已付清" }))
      .first(),
  ).toBeVisible();
  await expectNoAxeViolations(company, "contract page with payments (buyer, zh-CN)");
  const confirmedBefore = await fen(company, "pay-confirmed");
  const awaitingBefore = await fen(company, "pay-awaiting");

  const reference = `E2E-BOC-${runId()}`;
  const form = company.locator("form").filter({ has: company.getByRole("button", { name: "登记付款" }) });
  await form.getByRole("textbox", { name: "金额" }).fill("12345.67");
  await form
    .getByLabel("付款日期")
    .fill(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()));
  await form.getByLabel("银行回单号 / 参考号").fill(reference);
  await form.getByRole("button", { name: "登记付款" }).click();
  await expect(company.getByText("付款已登记，等待卖方确认。")).toBeVisible();
  const row = company.getByTestId("payment-row").filter({ hasText: reference });
  await expect(row).toContainText("待确认");
  expect(await fen(company, "pay-awaiting")).toBe(awaitingBefore + 1_234_567);

  // the buyer cannot confirm their own payment: no button
  await expect(row.locator("summary", { hasText: "确认收款" })).toHaveCount(0);

  await researcher.goto(`/contracts/${id}`);
  await waitForHydration(researcher);
  const sellerRow = researcher.getByTestId("payment-row").filter({ hasText: reference });
  await sellerRow.locator("summary", { hasText: "确认收款" }).click();
  await sellerRow.getByRole("button", { name: "确认已收到" }).click();
  await expect(researcher.getByText("已确认收款。", { exact: true })).toBeVisible();
  await expect(researcher.getByTestId("payment-row").filter({ hasText: reference })).toContainText("已确认");
  expect(await fen(researcher, "pay-confirmed")).toBe(confirmedBefore + 1_234_567);
  expect(await fen(researcher, "pay-awaiting")).toBe(awaitingBefore);

  const bureau = await pageAs(browser, DEMO.bureau, "en");
  await bureau.goto("/bureau");
  await waitForHydration(bureau);
  await expect(bureau.getByRole("heading", { name: "Paid on the platform" })).toBeVisible();
  expect(await fen(bureau, "paid-total")).toBeGreaterThanOrEqual(1_234_567);
  await expectNoAxeViolations(bureau, "bureau dashboard with paid on the platform (en)");

  const buyerEn = await pageAs(browser, DEMO.company, "en");
  await buyerEn.goto(`/contracts/${id}`);
  await waitForHydration(buyerEn);
  await expect(buyerEn.getByRole("heading", { name: "Payments and settlement" })).toBeVisible();
  await expectNoAxeViolations(buyerEn, "contract page with payments (buyer, en)");
});
