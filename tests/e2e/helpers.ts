// Shared helpers of the end-to-end specs: demo accounts, logged-in contexts (one login per
// account per worker, then reused through its storage state), hydration, axe-core checks.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const PASSWORD = "Demo12345!";
export const DEMO = {
  researcher: "researcher@demo.gz",
  company: "company@demo.gz",
  broker: "broker@demo.gz",
  bureau: "bureau@demo.gz",
  admin: "admin@demo.gz",
  subcentre: "subcentre@demo.gz",
} as const;

export type Lang = "zh-CN" | "en";
type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const states = new Map<string, StorageState>();

/** Logs in through the login page and returns the page (in a new context). */
export async function loginThroughForm(browser: Browser, email: string, password = PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel(/^密码(\s*\*)?$/).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

/**
 * A new context signed in as `email` (null: anonymous), showing `lang`. The first call per
 * account logs in through the form; later calls reuse the session cookie.
 */
export async function contextAs(browser: Browser, email: string | null, lang: Lang = "zh-CN"): Promise<BrowserContext> {
  let state: StorageState | undefined;
  if (email) {
    state = states.get(email);
    if (!state) {
      const page = await loginThroughForm(browser, email);
      state = await page.context().storageState();
      states.set(email, state);
      await page.context().close();
    }
  }
  const context = await browser.newContext({ storageState: state });
  // The `lng` cookie wins over a signed-in user's stored preference (app/i18n/i18n.ts).
  await context.addCookies([{ name: "lng", value: encodeURIComponent(lang), url: baseURL }]);
  return context;
}

export async function pageAs(browser: Browser, email: string | null, lang: Lang = "zh-CN"): Promise<Page> {
  const context = await contextAs(browser, email, lang);
  return context.newPage();
}

/**
 * Waits until React has hydrated the page (its elements carry React's fiber keys) and the
 * effects that ran right after (e.g. "hydrated" state) have been painted.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const el = document.querySelector("main h1") ?? document.querySelector("h1") ?? document.querySelector("header");
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** A suffix unique to this run: digits only (also usable in credit-code bodies). */
export function runId() {
  return String(Date.now()).slice(-8);
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** axe-core's violations on the page (id, impact, help, the first nodes), none when it is clean. */
export async function axeViolations(page: Page) {
  // resultTypes: only violations are reported in full (much faster on long pages).
  // Legacy mode: axe.run in the page itself. The default (runPartial, then finishRun in a new blank
  // page of the context) opens a page and injects axe-core twice per check, for cross-origin
  // frames the app does not have; it took twice the CPU (2.3 s against 1.2 s per check, browser
  // and runner, 20 checks of 10 public pages each way, alternating, 7 Dec 2026 at load 15–24).
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(AXE_TAGS)
    .setLegacyMode()
    .analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes
      .slice(0, 10)
      .map((n) => ({ target: n.target.join(" "), summary: n.failureSummary, html: n.html.slice(0, 200) })),
    moreNodes: Math.max(0, v.nodes.length - 10),
  }));
}

/** Runs axe-core on the page; on violations, prints them (id, impact, help, nodes) and fails. */
export async function expectNoAxeViolations(page: Page, label: string) {
  const report = await axeViolations(page);
  if (report.length) console.log(`axe violations on ${label}:\n${JSON.stringify(report, null, 2)}`);
  expect(report, `axe violations on ${label}`).toEqual([]);
}
