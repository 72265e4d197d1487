// Search and matching in the browser: suggestions as you type, search with filters and
// highlighted terms, a need page showing matching results with their reasons.
import { expect, test } from "@playwright/test";

test("the search box suggests as you type; the search page highlights the terms, escaped", async ({ page }) => {
  await page.goto("/search");
  const box = page.getByRole("combobox");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.pressSequentially("钕铁", { delay: 50 });
  const list = page.getByRole("listbox");
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  const options = list.getByRole("option");
  await expect(options.first()).toBeVisible();
  // keyboard: the first option becomes active
  await box.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await box.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.fill("磁钢");
  await box.press("Enter");
  await page.waitForURL(/\/search\?q=/);
  const hits = page.getByTestId("search-hit");
  await expect(hits.first()).toBeVisible();
  // synonyms of 磁钢 (钕铁硼, 永磁 …) are found and marked
  await expect(page.locator("[data-testid=search-hit] mark").first()).toBeVisible();

  // markup in the query is text, never HTML
  let dialog = false;
  page.on("dialog", async (d) => {
    dialog = true;
    await d.dismiss();
  });
  await page.goto(`/search?q=${encodeURIComponent("<img src=x onerror=alert(1)>钕铁硼")}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(dialog).toBe(false);
});

test("results filtered by field, with the query highlighted", async ({ page }) => {
  await page.goto(`/results?q=${encodeURIComponent("钕铁硼")}&field=rare_earth`);
  const marks = page.locator("main mark");
  await expect(marks.first()).toBeVisible();
  await expect(marks.first()).toHaveText(/钕铁硼|NdFeB|磁钢|永磁|磁体/i);
  // every card carries the rare-earth field badge
  const cards = page.locator("main article");
  const n = await cards.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await expect(cards.nth(i)).toContainText("稀土");
});

test("a need page shows the results that could solve it, with score and reasons", async ({ page, request }) => {
  const res = await request.get(`/api/v1/needs?q=${encodeURIComponent("磁钢")}&pageSize=5`);
  expect(res.ok()).toBe(true);
  const needs = (await res.json()) as { items: Array<{ id: string; title: string }> };
  expect(needs.items.length).toBeGreaterThan(0);
  await page.goto(`/needs/${needs.items[0]!.id}`);
  const list = page.getByTestId("match-list");
  await expect(list).toBeVisible();
  await expect(list.getByRole("heading", { name: "可能解决这个需求的成果" })).toBeVisible();
  const first = list.getByTestId("match-item").first();
  await expect(first).toBeVisible();
  await expect(first.getByTestId("match-score")).toHaveText(/匹配度 \d+%/);
  await expect(first.getByTestId("match-reason").first()).toBeVisible();
  await expect(
    list
      .getByTestId("match-reason")
      .filter({ hasText: /概念|共同关键词/ })
      .first(),
  ).toBeVisible();
  // the API gives the same matches
  const api = await request.get(`/api/v1/needs/${needs.items[0]!.id}/matches?limit=3`);
  const body = (await api.json()) as { items: Array<{ result: { id: string }; score: number; reasons: string[] }> };
  expect(body.items.length).toBeGreaterThan(0);
  expect(body.items[0]!.reasons.length).toBeGreaterThan(0);
});
