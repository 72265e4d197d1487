// Shared helpers of the end-to-end specs: demo accounts, logged-in contexts (one login per
// account per worker, then reused through its storage state), hydration, axe-core checks.
import axe from "axe-core";
import { expect, type Browser, type BrowserContext, type Page, type Request } from "@playwright/test";

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

/**
 * Starts counting the page's requests (call it before the page.goto): `quiet()` then resolves once
 * none has been in flight for `quietMs`. The same rule as Playwright's "networkidle" (an
 * EventSource stream and the favicon do not count) with a shorter quiet window: networkidle waits
 * 500 ms after the last request, a fixed sleep per page load. The request events reach the test in
 * the order the browser sent them, so a request started before the last thing the test awaited in
 * the page (e.g. waitForHydration) is already counted; the window covers what an answer starts.
 */
export function networkWatch(page: Page) {
  const inflight = new Set<Request>();
  let last = Date.now();
  page.on("request", (request) => {
    if (request.resourceType() === "eventsource" || new URL(request.url()).pathname === "/favicon.ico") return;
    inflight.add(request);
    last = Date.now();
  });
  const finished = (request: Request) => {
    if (inflight.delete(request)) last = Date.now();
  };
  page.on("requestfinished", finished);
  page.on("requestfailed", finished);
  return {
    async quiet(quietMs = 150) {
      for (;;) {
        const idleFor = Date.now() - last;
        if (inflight.size === 0 && idleFor >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, inflight.size ? 25 : quietMs - idleFor));
      }
    },
  };
}

/** A suffix unique to this run: digits only (also usable in credit-code bodies). */
export function runId() {
  return String(Date.now()).slice(-8);
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe-core's options: WCAG 2.0/2.1 A and AA; only violations are reported in full (much faster on
 * long pages).
 */
const AXE_OPTIONS: axe.RunOptions = { runOnly: { type: "tag", values: AXE_TAGS }, resultTypes: ["violations"] };

/**
 * Runs axe-core in the page and its frames, as @axe-core/playwright's AxeBuilder does in legacy mode
 * (the same axe-core source, configuration and options, axe.run in the page) but injects the
 * 1.3 MB source only into a document that does not have it yet: AxeBuilder evaluated it twice per
 * check (once in analyze(), again in its legacy run), four times for a page checked at two widths.
 * Legacy mode rather than runPartial and finishRun in a new blank page: the app has no
 * cross-origin frames, and that path took twice the CPU (2.3 s against 1.2 s per check, 7 Dec 2026).
 */
async function runAxe(page: Page) {
  for (const frame of page.frames()) {
    if (await frame.evaluate(() => "axe" in window).catch(() => true)) continue;
    await frame.evaluate(axe.source);
    await frame.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.configure({
        allowedOrigins: ["<same_origin>"],
        branding: { application: "playwright" },
      }),
    );
  }
  return page.evaluate(
    (options) =>
      (window as unknown as { axe: typeof axe }).axe.run(
        { exclude: [], include: [] } as unknown as axe.ElementContext,
        options,
      ),
    AXE_OPTIONS,
  );
}

/** axe-core's violations on the page (id, impact, help, the first nodes), none when it is clean. */
export async function axeViolations(page: Page) {
  const results = await runAxe(page);
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
