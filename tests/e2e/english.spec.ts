// English pages are English: every page a visitor and each demo account can reach, opened with
// `?lng=en`, shows no Chinese outside user content. User content is (1) elements marked
// `data-user-content`, `translate="no"` or `lang="zh-CN"`, and (2) any whole value users entered
// that the database holds (titles, names, summaries, keywords, venues… read from every text
// column of the tables people write, so interpolated names and page titles count too). The pages
// come from the route manifest (every route without a parameter) and from following the links on
// them, so new pages are crawled as they are added (docs/decisions/0024-languages-and-urls.md).
// Every account: anonymous, researcher, company, broker, bureau, admin, sub-centre staff. Each page
// must be <html lang="en"> with a <title>, keep ?lng=en on its links, and not fail; the 404 page
// and the 403 pages (other roles' pages, from the manifest) are crawled too, and the CSV exports
// linked from the pages have English header rows. The certificate has its own test below.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import type pg from "pg";
import { expect, test } from "./fixtures.ts";
import { DEMO, loginThroughForm } from "./helpers.ts";

/** Tables whose text the system writes (not people): their Chinese must not count as user content. */
const SYSTEM_TABLES = new Set([
  "_prisma_migrations",
  "AppSetting",
  "OutboxMail",
  "Notification",
  "AuditEvent",
  "SearchDocument",
  "SearchText",
  "SearchOutbox",
  "MatchAlert",
  "MatchAlertRecipient",
  "MatchDigest",
  "ContractStat",
  "AnomalyFlag",
  "SubsidyProgramme",
  "SubsidyRule",
  "RegistrationSerial",
  "StripeEvent",
  "LoginAttempt",
  "Session",
  "Password",
  "PasswordReset",
]);

/** Every Chinese text value people entered (whole values; keyword lists also item by item), longest first. */
async function userValues(db: pg.Client): Promise<string[]> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'ARRAY')
        AND (data_type <> 'ARRAY' OR udt_name IN ('_text', '_varchar'))`,
  );
  const values = new Set<string>();
  for (const c of columns) {
    if (SYSTEM_TABLES.has(c.table_name)) continue;
    const col = `"${c.column_name}"`;
    const expr = c.data_type === "ARRAY" ? `unnest(${col})` : col;
    const { rows } = await db.query<{ v: string }>(`SELECT DISTINCT ${expr} AS v FROM "${c.table_name}" LIMIT 20000`);
    for (const { v } of rows) {
      if (!v || !CJK.test(v)) continue;
      values.add(v.trim());
      // keyword strings and lists typed with separators
      for (const part of v.split(/[,，、;；\n]/)) if (CJK.test(part) && part.trim()) values.add(part.trim());
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

const ACCOUNTS: Array<string | null> = [
  null,
  DEMO.researcher,
  DEMO.company,
  DEMO.broker,
  DEMO.bureau,
  DEMO.admin,
  DEMO.subcentre,
];
/** Pages visited per account at most (each route pattern once per account). */
const MAX_PAGES = Number(process.env.ENGLISH_CRAWL_MAX ?? 60);
const CJK =
  /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31bf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
/** Not pages: actions, files, API. */
const SKIP = /^\/(api\/|locale$|logout$|healthz?$)|\.(csv|xlsx|pdf|png|jpe?g|webp|svg|ics|json|txt|xml)$/i;

type Finding = { url: string; texts: string[] };

/** Every route path without a parameter, from the client's route manifest. */
async function manifestPaths(page: Page): Promise<string[]> {
  await page.waitForFunction(() => "__reactRouterManifest" in window);
  return page.evaluate(() => {
    type Entry = { id: string; parentId?: string; path?: string; index?: boolean; hasDefaultExport?: boolean };
    const routes = (window as unknown as { __reactRouterManifest: { routes: Record<string, Entry> } })
      .__reactRouterManifest.routes;
    const full = (r: Entry): string => {
      const parent = r.parentId ? routes[r.parentId] : undefined;
      const base = parent ? full(parent) : "";
      return r.path ? `${base.replace(/\/$/, "")}/${r.path}` : base || "/";
    };
    return Object.values(routes)
      .filter((r) => r.path !== undefined || r.index)
      .map(full)
      .filter((p) => !p.includes(":") && !p.includes("*"));
  });
}

/** Collapses ids and query values, so one page per route and query shape is visited. */
function patternOf(url: URL): string {
  const path = url.pathname
    .split("/")
    .map((s) => (/^(c[a-z0-9]{20,}|[0-9a-f-]{16,}|\d+)$/i.test(s) ? ":id" : s))
    .join("/");
  const keys = [...new Set([...url.searchParams.keys()].filter((k) => !["lng", "page", "q"].includes(k)))].sort();
  return keys.length ? `${path}?${keys.join("&")}` : path;
}

/**
 * What one look at the page gives the crawl: its language and title, the links on it, and its text
 * nodes and labels outside user content that hold any CJK character, as they are. The user values
 * are taken out of those in the test (`chineseLeft`), not in the page: sending the ~7,000 values
 * into every page and matching each of them against every text node cost about as much as loading
 * the page (english.spec.ts 4.4 of the CI's 26.5 Playwright minutes, 7 Dec 2026).
 */
async function lookAt(page: Page) {
  return page.evaluate((source) => {
    const cjk = new RegExp(source);
    const root = document.documentElement.cloneNode(true) as HTMLElement;
    for (const el of root.querySelectorAll(
      "script, style, noscript, template, [data-user-content], [translate=no], [lang^=zh]",
    )) {
      el.remove();
    }
    const withChinese: Array<{ where: string; text: string }> = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      if (cjk.test(text)) withChinese.push({ where: node.parentElement?.tagName.toLowerCase() ?? "", text });
    }
    for (const el of root.querySelectorAll("[title], [aria-label], [placeholder], [alt], meta[name=description]")) {
      for (const attr of ["title", "aria-label", "placeholder", "alt", "content"]) {
        const text = el.getAttribute(attr) ?? "";
        if (cjk.test(text)) withChinese.push({ where: `${el.tagName.toLowerCase()}[${attr}]`, text });
      }
    }
    return {
      lang: document.documentElement.getAttribute("lang"),
      title: document.title,
      withChinese,
      links: [...document.querySelectorAll("a[href]")].map((a) => ({
        href: a.getAttribute("href") ?? "",
        download: a.hasAttribute("download"),
      })),
    };
  }, CJK.source);
}

/** Whitespace-collapsed user values, longest first (as `userValues` sorts them). */
function collapsed(values: string[]) {
  return values.map((v) => v.replace(/\s+/g, " "));
}

/** The text left Chinese once every user value is taken out of it (at most 20 distinct, 120 characters each). */
function chineseLeft(withChinese: Array<{ where: string; text: string }>, values: string[]): string[] {
  const found: string[] = [];
  for (const { where, text } of withChinese) {
    let rest = text.replace(/\s+/g, " ");
    for (const v of values) if (rest.includes(v)) rest = rest.split(v).join(" ");
    rest = rest.trim();
    if (CJK.test(rest)) found.push(`${where}: ${rest.slice(0, 120)}`);
  }
  return [...new Set(found)].slice(0, 20);
}

/** The page's text and labels that are not user content, with the Chinese left in them. */
async function chineseOutsideUserContent(page: Page, values: string[]): Promise<string[]> {
  return chineseLeft((await lookAt(page)).withChinese, values);
}

async function englishContext(browser: Browser, email: string | null) {
  if (!email) return browser.newContext();
  const page = await loginThroughForm(browser, email);
  const context: BrowserContext = page.context();
  await page.close();
  // no saved choice: the URL alone makes the page English
  await context.clearCookies({ name: "lng" });
  return context;
}

for (const account of ACCOUNTS) {
  test(`no Chinese outside user content on English pages (${account ?? "anonymous"})`, async ({
    browser,
    database,
  }) => {
    test.setTimeout(15 * 60_000);
    const values = collapsed(await userValues(database));
    const context = await englishContext(browser, account);
    const page = await context.newPage();
    const seen = new Set<string>();
    const shapesOf = new Map<string, number>();
    const queue: string[] = [];
    const findings: Finding[] = [];
    const csvs: string[] = [];
    const csvSeen = new Set<string>();
    const errors: string[] = [];
    const origin = new URL(test.info().project.use.baseURL!).origin;
    const enqueue = (href: string) => {
      const url = new URL(href, origin);
      if (url.origin !== origin || SKIP.test(url.pathname)) return;
      const key = patternOf(url);
      if (seen.has(key)) return;
      // a few query shapes per page (drill-down filters combine into dozens of shapes)
      const shapes = (shapesOf.get(url.pathname) ?? 0) + 1;
      if (shapes > 3) return;
      shapesOf.set(url.pathname, shapes);
      seen.add(key);
      url.searchParams.set("lng", "en");
      url.hash = "";
      queue.push(url.pathname + url.search);
    };
    enqueue(account ? "/dashboard" : "/");
    // the 404 page (its title too)
    enqueue("/no-such-page-anywhere");
    let visited = 0;
    let manifestRead = false;
    while (queue.length && visited < MAX_PAGES) {
      const path = queue.shift()!;
      const response = await page.goto(path, { waitUntil: "domcontentloaded" });
      visited += 1;
      const status = response?.status() ?? 0;
      if (status >= 500) errors.push(`${path}: ${status}`);
      if (path.startsWith("/no-such-page") && status !== 404) errors.push(`${path}: ${status}, not 404`);
      const look = await lookAt(page);
      if (look.lang !== "en") errors.push(`${path}: <html lang="${look.lang}">`);
      if (!look.title.trim()) errors.push(`${path}: no <title>`);
      const texts = chineseLeft(look.withChinese, values);
      if (texts.length) findings.push({ url: path, texts });
      if (!manifestRead) {
        manifestRead = true;
        for (const p of await manifestPaths(page)) enqueue(p);
      }
      for (const { href } of look.links) {
        const url = new URL(href, origin);
        if (url.origin === origin && /\.csv$/.test(url.pathname) && !csvSeen.has(url.pathname)) {
          csvSeen.add(url.pathname);
          url.searchParams.set("lng", "en");
          csvs.push(url.pathname + url.search);
        }
      }
      for (const { href, download } of look.links) {
        if (download) continue;
        if (href.startsWith("/") && !href.startsWith("//")) {
          // links on an English page keep the language
          if (!SKIP.test(new URL(href, origin).pathname) && !href.startsWith("/#")) {
            if (new URL(href, origin).searchParams.get("lng") !== "en")
              errors.push(`${path}: link ${href} without ?lng=en`);
          }
          enqueue(href);
        }
      }
    }
    // the exports linked from those pages: their header row in English
    for (const csv of csvs) {
      const response = await context.request.get(csv);
      if (response.status() !== 200) continue; // some need a filter first; their pages say so
      const header = (await response.text()).replace(/^\uFEFF/, "").split("\n")[0] ?? "";
      if (CJK.test(header)) findings.push({ url: csv, texts: [`header: ${header.slice(0, 200)}`] });
    }
    await context.close();
    if (findings.length) {
      console.log(findings.map((f) => `${f.url}\n${f.texts.map((t) => `    ${t}`).join("\n")}`).join("\n"));
    }
    expect(errors, "server errors, pages not in English, links that drop the language").toEqual([]);
    expect(findings, `Chinese on English pages (${visited} visited)`).toEqual([]);
  });
}

test("the registration certificate in English: labels, the exact amounts, the place for the seal", async ({
  browser,
  database,
}) => {
  const { rows } = await database.query<{ id: string; contract: string; tech: string }>(
    `SELECT id, "contractAmountFen"::text AS contract, "techTransactionAmountFen"::text AS tech FROM "Contract"
      WHERE status = 'registered' AND "registrationNumber" IS NOT NULL ORDER BY "registeredAt" DESC LIMIT 1`,
  );
  const contract = rows[0]!;
  const exact = (fen: string) =>
    `¥${(BigInt(fen) / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${(BigInt(fen) % 100n).toString().padStart(2, "0")}`;
  const values = collapsed(await userValues(database));
  const context = await englishContext(browser, DEMO.bureau);
  const page = await context.newPage();
  // by the URL, and by the saved choice (the lng cookie) without it
  for (const url of [`/contracts/${contract.id}/certificate?lng=en`, `/contracts/${contract.id}/certificate`]) {
    if (!url.includes("lng=")) {
      await context.addCookies([{ name: "lng", value: "en", url: test.info().project.use.baseURL! }]);
    }
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Technology Contract Registration Certificate" })).toBeVisible();
    const certificate = page.locator("article.certificate");
    await expect(certificate.getByRole("rowheader", { name: "Contract amount" })).toBeVisible();
    await expect(certificate.getByRole("rowheader", { name: "Technology transaction amount" })).toBeVisible();
    await expect(certificate.getByText(exact(contract.contract)).first()).toBeVisible();
    await expect(certificate.getByText(exact(contract.tech)).first()).toBeVisible();
    // never a rounded "¥1M" or 万
    await expect(certificate).not.toContainText(/¥\s?[\d.]+\s?[MK]\b|万/);
    await expect(certificate.getByText("Seal of the registration authority")).toBeVisible();
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
    expect(await chineseOutsideUserContent(page, values), url).toEqual([]);
  }
  await context.close();
});
