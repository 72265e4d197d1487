// axe-core (WCAG 2.0/2.1 A and AA) on every page, found by crawling: the route table
// (tests/e2e/route-table.ts, the same flat routes the build reads) gives every page without a
// parameter, the links on the pages and a few addresses from the demo data give one real address
// for each page with one (a result, a need, a contract, an offer, a lot, an event, an
// organization, a broker, a sub-centre, a subsidy programme…). Each demo account crawls in one
// browser context and one reused page: anonymous, bureau, admin, company, researcher, broker and
// sub-centre staff, in Chinese at 1366 and 390 px and in English at 1366 px (English at 390 px:
// tests/e2e/phones.spec.ts). A route of the table that no account reached fails the test unless it
// is listed in NOT_PAGES with the reason. The 403 and 404 pages are checked once each (per
// language). The language comes from the `lng` cookie; the two languages crawl side by side.
//
// It runs by default, in `npm test` and the CI (AXE_CRAWL=0 skips it locally). It replaced the
// fixed list of plain pages accessibility.spec.ts used to check, and the other specs' checks of
// plain pages: each of those (page, account) pairs is in MUST_CHECK, seeded for its account and
// asserted at the end, so the crawl provably checks them in both languages. The other specs keep
// axe checks only for states a crawl cannot reach: open dialogs and menus, forms showing their
// errors, the live room during bidding, pages right after an action (registered, checked in,
// paid, a subsidy granted).
import type { Browser, Page } from "@playwright/test";
import type pg from "pg";
import { expect, test, type ConsoleErrors } from "./fixtures.ts";
import { axeViolations, contextAs, DEMO, waitForHydration, type Lang } from "./helpers.ts";
import { appRoutes, routeOf, type AppRoute } from "./route-table.ts";

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** The widest roles first: later accounts skip the pages checked already, and the 403s they would see. */
const ACCOUNTS: Array<string | null> = [
  null,
  DEMO.bureau,
  DEMO.admin,
  DEMO.company,
  DEMO.researcher,
  DEMO.broker,
  DEMO.subcentre,
];

/** Routes that are not pages, and why they are not crawled. Each must have no default export. */
const NOT_PAGES: Array<{ path: RegExp; reason: string }> = [
  { path: /^\/api\/v1\//, reason: "the JSON API: its answers are checked against the OpenAPI schemas (tests/api)" },
  { path: /^\/files\/:id(\/thumb)?$/, reason: "an uploaded file or its thumbnail (a download)" },
  { path: /^\/events\/:id\/attendees\.csv$/, reason: "the attendee list as CSV (a download)" },
  { path: /^\/my\/(results|needs)\/:id\/files$/, reason: "the edit page's upload and remove action (POST only)" },
  { path: /^\/i18n\/:file$/, reason: "the translations the browser loads (JSON)" },
  { path: /^\/locale$/, reason: "the language switch's action (redirects back)" },
];
/**
 * Pages the crawl must check as a given account, not only as the first account that reached them:
 * the (page, account) pairs the fixed-list checks covered before the crawl replaced them. The
 * pages without a parameter are seeds of that account; the others must be reached by its links.
 * A query is part of the address when the check was of that query's results.
 */
const MUST_CHECK = new Map<string | null, string[]>(
  (
    [
      [
        null,
        "/ /results /results?q=稀土 /results/:id /needs /needs/:id /organizations /organizations/:id /events " +
          "/market-stats /login /signup /forgot-password /search?q=稀土 /terms /privacy /brokers /subcentres " +
          "/auctions /auctions/:id",
      ],
      [DEMO.researcher, "/dashboard /my/results /my/results/new /my/lots"],
      [
        DEMO.company,
        "/dashboard /my/needs /my/needs/new /account /account/tokens /offers /contracts /my/subsidies " +
          "/contracts/new /events",
      ],
      [
        DEMO.bureau,
        "/dashboard /results/:id /review /bureau /memberships /bureau/subcentres /bureau/subsidies " +
          "/bureau/subsidies/:programme /bureau/contracts /bureau/targets /bureau/anomalies /bureau/audit " +
          "/bureau/import /bureau/calendar /events/new",
      ],
      [DEMO.admin, "/organizations/:id/edit /admin/users /admin/mail /organizations/new"],
      [DEMO.broker, "/my/broker /my/leads"],
      [DEMO.subcentre, "/subcentre /subcentre/needs/new"],
    ] as Array<[string | null, string]>
  ).map(([account, paths]) => [account, paths.split(" ")]),
);
const notPage = (route: AppRoute) => NOT_PAGES.find((s) => s.path.test(route.path));

/** Addresses a link does not lead to: a state or a query worth its own check, and the 404 page. */
async function seeds(db: pg.Client, account: string | null): Promise<string[]> {
  const one = async (sql: string, params: unknown[] = []) =>
    (await db.query<{ id: string }>(sql, params)).rows[0]?.id ?? null;
  if (account === null) {
    return ["/reset-password?token=unknown-token", "/no-such-page-anywhere", ...mustCheckSeeds(account)];
  }
  const orgOf = `(SELECT "organizationId" FROM "User" WHERE email = $1)`;
  const partyOf = `(c."sellerOrgId" = ${orgOf} OR c."buyerOrgId" = ${orgOf} OR c."brokerOrgId" = ${orgOf})`;
  const registered = await one(
    `SELECT c.id FROM "Contract" c WHERE c.status = 'registered' AND (${partyOf} OR $2) ORDER BY c."registeredAt" DESC LIMIT 1`,
    [account, account === DEMO.bureau],
  );
  const draft = await one(
    `SELECT c.id FROM "Contract" c WHERE c.status = 'draft' AND ${partyOf} ORDER BY c."createdAt" LIMIT 1`,
    [account],
  );
  // the offer form with its listing (a result for a company, a need for a researcher)
  const listing = async (table: "Result" | "Need") =>
    one(
      `SELECT id FROM "${table}" WHERE status = 'published' AND "organizationId" IS DISTINCT FROM ${orgOf}
        ORDER BY "createdAt" LIMIT 1`,
      [account],
    );
  const result = account === DEMO.company ? await listing("Result") : null;
  const need = account === DEMO.researcher ? await listing("Need") : null;
  return [
    result && `/offers/new?resultId=${result}`,
    need && `/offers/new?needId=${need}`,
    registered && `/contracts/${registered}`,
    registered && `/contracts/${registered}/certificate`,
    draft && `/contracts/${draft}/edit`,
    ...mustCheckSeeds(account),
  ].filter((x): x is string => !!x);
}

/** `/results?q=稀土` as the crawl records it: the query percent-encoded, as in the browser's URL */
const addressOf = (path: string) => {
  const url = new URL(path, "http://localhost");
  return `${url.pathname}${url.search}`;
};
const mustCheckSeeds = (account: string | null) => (MUST_CHECK.get(account) ?? []).filter((p) => !p.includes(":"));

type Crawl = {
  routes: AppRoute[];
  /** route path → the first address and account it was checked at */
  visited: Map<string, string>;
  /** what the anonymous visitor saw: route path → address */
  public: Map<string, string>;
  /** "account address" and "account route path" of every page checked with status 200 */
  checkedAs: Set<string>;
  /** the error pages checked (by status) */
  errorPages: Set<number>;
  violations: string[];
  problems: string[];
  /** what this account's crawl did, printed per account: a reviewer compares the counts between runs */
  stats: { opened: number; checked: number; axeRuns: number; loadMs: number; axeMs: number };
};

async function check(page: Page, crawl: Crawl, label: string, phone: boolean) {
  let t = Date.now();
  await waitForHydration(page);
  crawl.stats.loadMs += Date.now() - t;
  t = Date.now();
  crawl.stats.checked += 1;
  crawl.stats.axeRuns += phone ? 2 : 1;
  const report = await axeViolations(page);
  // printed at once too: a long crawl that times out still says what it found
  if (report.length) crawl.violations.push(`${label}:\n${JSON.stringify(report, null, 2)}`);
  if (report.length) console.log(`axe violations on ${label}:\n${JSON.stringify(report, null, 2)}`);
  if (phone) {
    await page.setViewportSize(PHONE);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const small = await axeViolations(page);
    if (small.length) crawl.violations.push(`${label}, 390 px:\n${JSON.stringify(small, null, 2)}`);
    if (small.length) console.log(`axe violations on ${label}, 390 px:\n${JSON.stringify(small, null, 2)}`);
    await page.setViewportSize(DESKTOP);
  }
  crawl.stats.axeMs += Date.now() - t;
}

/** Visits every page `account` can open, once per route, and runs axe on each. */
async function crawlAs(
  browser: Browser,
  crawl: Crawl,
  account: string | null,
  lang: Lang,
  phone: boolean,
  start: string[],
  consoleErrors: ConsoleErrors,
) {
  const who = account?.split("@")[0] ?? "anonymous";
  const context = await contextAs(browser, account, lang);
  consoleErrors.watch(context);
  const page = await context.newPage();
  await page.setViewportSize(DESKTOP);
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const queued = new Set<string>();
  const done = new Set<string>();
  const queue: string[] = [];
  const enqueue = (href: string, seed = false) => {
    const url = new URL(href, origin);
    const route = url.origin === origin ? routeOf(crawl.routes, url.pathname) : undefined;
    if (!route || notPage(route)) return;
    const key = seed ? `${url.pathname}${url.search}` : route.path;
    if (queued.has(key) || (!seed && route.path === "/*")) return;
    queued.add(key);
    queued.add(route.path);
    queue.push(`${url.pathname}${url.search}`);
  };
  for (const href of start) enqueue(href, true);
  // A page without a parameter shows every account that may open it the same list or form: the
  // first account's check covers it (the header of each account is checked on all its pages; the
  // home page and the dashboard, different for each role, are checked for each). Pages with a
  // parameter show each role its own actions: every account opens the ones the visitor reached.
  for (const routePath of crawl.visited.keys())
    if (routePath !== "/" && !routePath.includes(":")) queued.add(routePath);
  if (account) for (const [routePath, href] of crawl.public) if (routePath.includes(":")) enqueue(href);
  for (const route of crawl.routes) if (route.params === 0 && route.page) enqueue(route.path);
  while (queue.length) {
    const path = queue.shift()!;
    const t = Date.now();
    const response = await page.goto(path);
    crawl.stats.opened += 1;
    crawl.stats.loadMs += Date.now() - t;
    const status = response?.status() ?? 0;
    const final = new URL(page.url());
    const route = routeOf(crawl.routes, final.pathname)!;
    const label = `${path} (${lang}, ${who})`;
    if (status >= 500 || status === 0) crawl.problems.push(`${label}: status ${status}`);
    if (status !== 200) {
      // another role's page (403), a gone listing (404): the error page, once per status
      if (status < 500 && !crawl.errorPages.has(status)) {
        crawl.errorPages.add(status);
        if (route.path === "/*") crawl.visited.set(route.path, `${path} (${who})`);
        await check(page, crawl, `${label} → ${status}`, phone);
      }
      continue;
    }
    // redirected (to the login page, to the dashboard): that page is checked on its own
    if (final.pathname !== new URL(path, origin).pathname && done.has(route.path)) continue;
    done.add(route.path);
    const lang_ = await page.locator("html").getAttribute("lang");
    if (lang_ !== (lang === "en" ? "en" : "zh-CN")) crawl.problems.push(`${label}: <html lang="${lang_}">`);
    if (!crawl.visited.has(route.path)) crawl.visited.set(route.path, `${path} (${who})`);
    if (!account && !crawl.public.has(route.path)) crawl.public.set(route.path, `${final.pathname}${final.search}`);
    crawl.checkedAs.add(`${account} ${final.pathname}${final.search}`).add(`${account} ${route.path}`);
    await check(page, crawl, label, phone);
    const hrefs = await page.$$eval("a[href]:not([download])", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) if (href.startsWith("/") && !href.startsWith("//")) enqueue(href);
  }
  await context.close();
}

test.skip(process.env.AXE_CRAWL === "0", "skipped locally (AXE_CRAWL=0); npm test and the CI run it");

/** Every account's crawl in one language, one after the other; the counts printed per account. */
async function crawlLanguage(
  browser: Browser,
  database: pg.Client,
  consoleErrors: ConsoleErrors,
  lang: Lang,
  phone: boolean,
): Promise<Crawl> {
  const crawl: Crawl = {
    routes: await appRoutes(),
    visited: new Map(),
    public: new Map(),
    checkedAs: new Set(),
    errorPages: new Set(),
    violations: [],
    problems: [],
    stats: { opened: 0, checked: 0, axeRuns: 0, loadMs: 0, axeMs: 0 },
  };
  const started = Date.now();
  let checkedAll = 0;
  for (const account of ACCOUNTS) {
    const start = [account ? "/dashboard" : "/", ...(await seeds(database, account))];
    const before = crawl.visited.size;
    crawl.stats = { opened: 0, checked: 0, axeRuns: 0, loadMs: 0, axeMs: 0 };
    await crawlAs(browser, crawl, account, lang, phone, start, consoleErrors);
    const { opened, checked, axeRuns, loadMs, axeMs } = crawl.stats;
    checkedAll += checked;
    console.log(
      `${account ?? "anonymous"} (${lang}): ${crawl.visited.size - before} new routes, ${opened} pages opened, ` +
        `${checked} checked, ${axeRuns} axe runs; ${Math.round(loadMs / 1000)} s loading and hydrating, ` +
        `${Math.round(axeMs / 1000)} s in axe; ${Math.round((Date.now() - started) / 1000)} s so far`,
    );
  }
  console.log(
    `axe crawl (${lang}): ${crawl.visited.size} routes, ${checkedAll} pages checked, ${crawl.checkedAs.size} ` +
      `(account, address or route) pairs in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return crawl;
}

/** What a language's crawl must have done; soft, so that both languages report. */
function expectComplete(crawl: Crawl, lang: Lang) {
  const missing = crawl.routes
    .filter((r) => !notPage(r) && !crawl.visited.has(r.path))
    .map((r) => `${r.path} (${r.id})`);
  const pagesSkipped = crawl.routes.filter((r) => notPage(r) && r.page).map((r) => r.path);
  expect.soft(pagesSkipped, `${lang}: routes skipped as not pages that render a page`).toEqual([]);
  expect.soft(missing, `${lang}: routes no account reached: visit them (a seed) or list them in NOT_PAGES`).toEqual([]);
  const unchecked = [...MUST_CHECK].flatMap(([account, paths]) =>
    paths
      .filter((p) => !crawl.checkedAs.has(`${account} ${addressOf(p)}`))
      .map((p) => `${p} (${account ?? "anonymous"})`),
  );
  expect.soft(unchecked, `${lang}: pages the crawl must check as these accounts (MUST_CHECK)`).toEqual([]);
  expect.soft([...crawl.errorPages].sort(), `${lang}: the error pages checked`).toEqual([403, 404]);
  expect.soft(crawl.problems, `${lang}: server errors, wrong page language`).toEqual([]);
  expect.soft(crawl.violations, `${lang}: axe violations`).toEqual([]);
}

// The two languages crawl side by side, each in its own browser contexts with its own Crawl: while
// one waits for the server the other runs axe, so the two cores are both busy (one after the other,
// about one was). They are independent: the crawl only opens pages (GET), and what it writes
// (the accounts' logins: Session, LoginAttempt) is not on the pages it checks.
test("axe on every page, crawled as each account (zh-CN at 1366 and 390 px, en at 1366 px, side by side)", async ({
  browser,
  database,
  consoleErrors,
}) => {
  test.setTimeout(40 * 60_000);
  // other roles' pages answer 403, the unknown address 404: the browser logs the document's status
  consoleErrors.allow(/status of 40[34]/);
  const languages: Array<[Lang, boolean]> = [
    ["zh-CN", true],
    ["en", false],
  ];
  // allSettled: a crawl that throws (a page that never loads) waits for the other to end, so no
  // crawl goes on opening pages while the next spec runs, and the other language is still asserted
  const settled = await Promise.allSettled(
    languages.map(([lang, phone]) => crawlLanguage(browser, database, consoleErrors, lang, phone)),
  );
  settled.forEach((s, i) => {
    if (s.status === "fulfilled") expectComplete(s.value, languages[i]![0]);
  });
  for (const s of settled) if (s.status === "rejected") throw s.reason;
});
