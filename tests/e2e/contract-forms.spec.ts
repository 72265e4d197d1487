// The contract page's forms on a 390 px phone, in Chinese and in English: the buyer's bank-transfer
// form submitted empty and with a day in the future (the same schema as the server's) names
// each field under it in the page's language, with no internal field name; the required fields are
// marked; nothing is written; nothing is wider than the screen.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, pageAs, waitForHydration, type Lang } from "./helpers.ts";

const WIDTH = 390;
test.describe.configure({ timeout: 120_000 });
const WORDS: Record<Lang, { amount: string; paidAt: string; future: string; reference: string }> = {
  "zh-CN": {
    amount: "请填写金额",
    paidAt: "请选择付款日期",
    future: "付款日期不能晚于今天",
    reference: "请填写银行回单号",
  },
  en: {
    amount: "Enter an amount",
    paidAt: "Choose the payment date",
    future: "The payment date cannot be in the future",
    reference: "Enter the bank receipt",
  },
};
const INTERNAL = /amountFen|paidAt|paymentId|reference is|输入无效|Invalid input/;
const CJK = /[\u3400-\u9fff]/;

async function contractWithPayments(page: Page) {
  const listed = await page.request.get("/api/v1/contracts?status=registered&pageSize=100");
  const items = ((await listed.json()) as { items: Array<{ id: string }> }).items;
  for (const c of items) {
    const body = (await (await page.request.get(`/api/v1/contracts/${c.id}/payments`)).json()) as {
      items: Array<{ reference: string }>;
      permissions: { canRecord: boolean };
    };
    if (body.permissions.canRecord) return { id: c.id, count: body.items.length };
  }
  throw new Error("no contract where the demo company records payments");
}

for (const lang of ["zh-CN", "en"] as const) {
  test(`the bank-transfer form on the contract page names each field in ${lang}, at 390 px, and writes nothing`, async ({
    browser,
  }) => {
    const page = await pageAs(browser, DEMO.company, lang);
    await page.setViewportSize({ width: WIDTH, height: 844 });
    const { id, count } = await contractWithPayments(page);
    await page.goto(`/contracts/${id}?lng=${lang}`);
    await waitForHydration(page);
    const form = page.locator("#payment-record");
    for (const name of ["amount", "paidAt", "reference"])
      await expect(form.locator(`input[name="${name}"]`)).toHaveAttribute("aria-required", "true");
    await form.locator('button[type="submit"]').click();
    const w = WORDS[lang];
    await expect(form).toContainText(w.amount);
    await expect(form).toContainText(w.paidAt);
    await expect(form).toContainText(w.reference);
    await expect(form.locator('input[name="amount"]')).toHaveAttribute("aria-invalid", "true");

    // a real day, but a future one: refused under the field
    await form.locator('input[name="amount"]').fill("100");
    await form.locator('input[name="paidAt"]').fill(`${new Date().getFullYear() + 1}-06-01`);
    await form.locator('input[name="reference"]').fill("E2E-FUTURE");
    await form.locator('button[type="submit"]').click();
    await expect(form).toContainText(w.future);

    const shown = (await form.locator(".field-error").allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    expect(shown.length).toBeGreaterThan(0);
    for (const text of shown) {
      expect(text).not.toMatch(INTERNAL);
      expect(text).not.toContain(" / ");
      if (lang === "en") expect(text).not.toMatch(CJK);
      else expect(text).toMatch(CJK);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    const after = (await (await page.request.get(`/api/v1/contracts/${id}/payments`)).json()) as { items: unknown[] };
    expect(after.items.length).toBe(count);
    await page.context().close();
  });
}
