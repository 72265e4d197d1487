// The offer form and the contract draft form on a 390 px phone, in Chinese and in English: submitted
// empty, each required field says what is missing in the page's language, under the field, with no
// internal field name; the required fields are marked; nothing is written; nothing is wider than
// the screen.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { waitForHydration, type Lang } from "./helpers.ts";

const WIDTH = 390;
// each test signs in a fresh account made by the CLI: at the machine's usual load that alone can take 30 s
test.describe.configure({ timeout: 120_000 });
const WORDS: Record<Lang, { amount: string; required: string }> = {
  "zh-CN": { amount: "请填写金额", required: "必填" },
  en: { amount: "Enter an amount", required: "Required" },
};
// what code calls the fields, and the API's generic prefix: never shown on these forms
const INTERNAL = /amountFen|resultId|needId|OrgId|signedAt|nonTechnical|contractAmount|输入无效|Invalid input/;
const CJK = /[\u3400-\u9fff]/;

async function errorsShown(page: Page, formId: string) {
  const texts = await page.locator(`#${formId} .field-error`).allInnerTexts();
  return texts.map((t) => t.trim()).filter(Boolean);
}

async function expectWordsOnly(page: Page, formId: string, lang: Lang) {
  const shown = await errorsShown(page, formId);
  expect(shown.length).toBeGreaterThan(0);
  for (const text of shown) {
    expect(text).not.toMatch(INTERNAL);
    expect(text).not.toContain(" / ");
    if (lang === "en") expect(text).not.toMatch(CJK);
    else expect(text).toMatch(CJK);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
}

for (const lang of ["zh-CN", "en"] as const) {
  test(`the offer form submitted empty names the amount in ${lang}, at 390 px, and writes nothing`, async ({
    company,
    database,
  }) => {
    const page = company.page;
    await page.setViewportSize({ width: WIDTH, height: 844 });
    const { rows } = await database.query<{ id: string }>(
      `SELECT id FROM "Result" WHERE status = 'published' ORDER BY "createdAt" LIMIT 1`,
    );
    const count = async () => Number((await database.query(`SELECT count(*) AS n FROM "Offer"`)).rows[0].n);
    const before = await count();

    await page.goto(`/offers/new?resultId=${rows[0]!.id}&lng=${lang}`);
    await waitForHydration(page);
    const amount = page.locator('#offer-form input[name="amount"]');
    await expect(amount).toHaveAttribute("aria-required", "true");
    await amount.fill("");
    await page.locator('#offer-form button[type="submit"]').click();

    await expect(page.locator("#offer-form")).toContainText(WORDS[lang].amount);
    await expect(amount).toHaveAttribute("aria-invalid", "true");
    await expectWordsOnly(page, "offer-form", lang);
    expect(new URL(page.url()).pathname).toBe("/offers/new");
    expect(await count()).toBe(before);
  });

  test(`the contract draft form submitted empty names each required field in ${lang}, at 390 px, and writes nothing`, async ({
    researcher,
    database,
  }) => {
    const page = researcher.page;
    await page.setViewportSize({ width: WIDTH, height: 844 });
    const count = async () => Number((await database.query(`SELECT count(*) AS n FROM "Contract"`)).rows[0].n);
    const before = await count();

    await page.goto(`/contracts/new?lng=${lang}`);
    await waitForHydration(page);
    const form = page.locator("#contract-form");
    const required = ['select[name="type"]', 'input[name="title"]', 'select[name="buyerOrgId"]'];
    required.push('input[name="contractAmount"]', 'input[name="nonTechnicalCosts"]', 'input[name="signedAt"]');
    for (const selector of required) await expect(form.locator(selector)).toHaveAttribute("aria-required", "true");
    await form.locator('input[name="signedAt"]').fill("");
    await form.locator('button[type="submit"]').click();

    const w = WORDS[lang];
    await expect(form).toContainText(w.amount);
    const shown = await errorsShown(page, "contract-form");
    // type, title, buyer and signing date: required; the two amounts: "enter an amount"
    expect(shown.filter((t) => t === w.required).length).toBe(4);
    expect(shown.filter((t) => t === w.amount).length).toBe(2);
    for (const name of ["type", "title", "contractAmount", "nonTechnicalCosts", "signedAt"]) {
      await expect(form.locator(`[name="${name}"]`).first()).toHaveAttribute("aria-invalid", "true");
    }
    await expectWordsOnly(page, "contract-form", lang);
    expect(new URL(page.url()).pathname).toBe("/contracts/new");
    expect(await count()).toBe(before);
  });
}
