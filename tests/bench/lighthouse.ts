// Lighthouse, mobile (its default: a Moto G Power-sized screen, 4× CPU slowdown and a simulated
// slow 4G), over the pages a visitor and the bureau use most. Debian's Chromium (CHROME_PATH, or
// the e2e specs' CHROMIUM_PATH, default /usr/bin/chromium) through chrome-launcher; nothing is
// downloaded. The bureau's
// dashboard is measured logged in: the session cookie goes along as an extra header.
// docs/decisions/0030-page-weight-and-lighthouse.md keeps the figures.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

export type LighthouseRow = {
  page: string;
  performance: number | null;
  accessibility: number | null;
  "best-practices": number | null;
  seo: number | null;
  fcp_ms: number | null;
  lcp_ms: number | null;
  tbt_ms: number | null;
  js_kb: number | null;
  /** audits below 1 that are not informative, for the person fixing them */
  failing: string;
};

/** A session cookie for `email` (the demo password), through the login form like a browser. */
export async function sessionCookie(base: string, email: string, password = "Demo12345!") {
  const body = new URLSearchParams({ email, password, redirectTo: "/dashboard" });
  const res = await fetch(`${base}/login`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (res.status !== 302 || !cookies.length) throw new Error(`login as ${email} failed: ${res.status}`);
  return cookies.join("; ");
}

/** The pages of the Lighthouse run: public ones, a result page, and the bureau dashboard. */
export async function lighthousePages(base: string) {
  const list = (await (await fetch(`${base}/api/v1/results?pageSize=1`)).json()) as { items: Array<{ id: string }> };
  const result = list.items[0];
  const pages: Array<{ path: string; cookie?: string }> = [
    { path: "/" },
    { path: "/results" },
    { path: "/search?q=稀土" },
    ...(result ? [{ path: `/results/${result.id}` }] : []),
    { path: "/needs" },
    { path: "/events" },
    { path: "/market-stats" },
    { path: "/bureau", cookie: await sessionCookie(base, "bureau@demo.gz") },
  ];
  return pages;
}

export async function runLighthouse(base: string, pages: Array<{ path: string; cookie?: string }>) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const rows: LighthouseRow[] = [];
  try {
    for (const page of pages) {
      const url = `${base}${encodeURI(page.path)}`;
      const runner = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: [...CATEGORIES],
        ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
      });
      const lhr = runner?.lhr;
      if (!lhr) throw new Error(`no Lighthouse result for ${page.path}`);
      const score = (c: (typeof CATEGORIES)[number]) => {
        const s = lhr.categories[c]?.score;
        return s === null || s === undefined ? null : Math.round(s * 100);
      };
      const numeric = (id: string) => {
        const v = lhr.audits[id]?.numericValue;
        return v === undefined ? null : Math.round(v);
      };
      const scripts = (
        lhr.audits["resource-summary"]?.details as { items?: Array<{ resourceType: string; transferSize: number }> }
      )?.items?.find((i) => i.resourceType === "script");
      const failing = Object.values(lhr.categories)
        .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => lhr.audits[r.id]!))
        .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative")
        .map((a) => a.id);
      rows.push({
        page: page.path,
        performance: score("performance"),
        accessibility: score("accessibility"),
        "best-practices": score("best-practices"),
        seo: score("seo"),
        fcp_ms: numeric("first-contentful-paint"),
        lcp_ms: numeric("largest-contentful-paint"),
        tbt_ms: numeric("total-blocking-time"),
        js_kb: scripts ? Math.round(scripts.transferSize / 1024) : null,
        // a category without a score comes with Lighthouse's reason (NO_FCP, a protocol timeout…)
        failing: [...(lhr.runtimeError ? [`runtimeError:${lhr.runtimeError.code}`] : []), ...new Set(failing)].join(
          " ",
        ),
      });
    }
  } finally {
    await chrome.kill();
  }
  return rows;
}
