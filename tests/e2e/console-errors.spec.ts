// The fixtures' console watch (tests/e2e/fixtures.ts): a console error on a test's page fails the
// test unless the test declared it.
import { expect, test } from "./fixtures.ts";

test("a console error on the page fails the test", async ({ page }) => {
  test.fail();
  await page.goto("/");
  await Promise.all([page.waitForEvent("console"), page.evaluate(() => console.error("deliberate failure"))]);
});

test("an uncaught exception on the page fails the test", async ({ page }) => {
  test.fail();
  await page.goto("/");
  await Promise.all([
    page.waitForEvent("pageerror"),
    page.evaluate(() => {
      setTimeout(() => {
        throw new Error("deliberate exception");
      }, 0);
    }),
  ]);
});

test("an error the test allows does not fail it", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/deliberate, and expected/);
  await page.goto("/");
  await Promise.all([page.waitForEvent("console"), page.evaluate(() => console.error("deliberate, and expected"))]);
  await expect(page.locator("body")).toBeVisible();
});
