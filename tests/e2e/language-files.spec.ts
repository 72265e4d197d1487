// A page ships only its own language's strings (docs/decisions/0030): the document and every file
// it references carry no text that only the other language has, while its own language's strings
// are there. Switching language fetches the other language's file first, then shows it, without a
// reload, keys on screen or console errors.
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { waitForHydration } from "./helpers.ts";

type Lang = "zh-CN" | "en";

/** Every string of a language's resources. */
function strings(tree: unknown): string[] {
  if (typeof tree === "string") return [tree];
  return tree && typeof tree === "object" ? Object.values(tree).flatMap(strings) : [];
}

/** A language's strings, from the server's current file of them (the same as app/i18n/locales). */
async function stringsOf(request: APIRequestContext, lang: Lang) {
  return strings(await (await request.get(`/i18n/${lang}.json`)).json());
}

/**
 * Long strings found only in `lang`'s resources, written so that no bundler or JSON escaping
 * changes them (no quotes, backslashes, newlines or placeholders).
 */
async function markers(request: APIRequestContext, lang: Lang): Promise<string[]> {
  const other = new Set(await stringsOf(request, lang === "en" ? "zh-CN" : "en"));
  const plain = (s: string) => !/["'`\\\n{}<>&]/.test(s);
  return (await stringsOf(request, lang)).filter(
    (s) => s.length >= (lang === "en" ? 40 : 16) && plain(s) && !other.has(s),
  );
}

/** The page's HTML and every script, stylesheet and strings file it references, as one text. */
async function pageAndFiles(request: APIRequestContext, path: string) {
  const html = await (await request.get(path)).text();
  const refs = [...html.matchAll(/(?:href|src)="(\/(?:assets|i18n)\/[^"]+)"/g)].map((m) => m[1]!);
  const files = await Promise.all(
    [...new Set(refs)].map(async (ref) => {
      const response = await request.get(ref);
      expect(response.status(), ref).toBe(200);
      return response.text();
    }),
  );
  return { html, refs, text: [html, ...files].join("\n") };
}

for (const [lang, path, other] of [
  ["en", "/results?lng=en", "zh-CN"],
  ["zh-CN", "/results?lng=zh-CN", "en"],
] as const) {
  test(`the ${lang} page ships its own strings and none of ${other}'s`, async ({ request }) => {
    const own = await markers(request, lang);
    const foreign = await markers(request, other);
    expect(own.length).toBeGreaterThan(50);
    expect(foreign.length).toBeGreaterThan(50);
    const { refs, text } = await pageAndFiles(request, path);
    expect(refs.filter((r) => r.startsWith("/i18n/"))).toEqual([expect.stringMatching(`^/i18n/${lang}\\.`)]);
    // the page's language is all there (so the check below can fail)…
    expect(own.filter((s) => !text.includes(s))).toEqual([]);
    // …and the other one is not
    expect(foreign.filter((s) => text.includes(s))).toEqual([]);
  });
}

test("the language button fetches the other language first, then switches without a reload", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith("/i18n/")) fetched.push(pathname);
  });
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto("/results");
  await waitForHydration(page);
  expect(fetched).toEqual([expect.stringMatching(/^\/i18n\/zh-CN\.[\w-]+\.json$/)]);
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/results/i);
  await expect(page.getByRole("button", { name: "Switch language" })).toBeVisible();
  await expect(page).toHaveTitle(/Ganzhou/);
  // the header's strings, not their keys (`nav.results`)
  await expect(page.getByRole("banner").getByRole("link", { name: "Research results", exact: true })).toBeVisible();
  expect(fetched).toEqual([expect.stringMatching(/^\/i18n\/zh-CN\./), expect.stringMatching(/^\/i18n\/en\./)]);

  // and back: Chinese is still here, nothing fetched again
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("button", { name: "切换语言" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("科技成果");
  expect(fetched).toHaveLength(2);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(loads).toBe(1);
});

test("a page opened in English hydrates with English and stays English in the browser", async ({ page }) => {
  await page.goto("/needs?lng=en");
  await waitForHydration(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Switch language" })).toBeVisible();
  // a client-side navigation renders the next page from the strings already here
  await page.getByRole("link", { name: "Research results", exact: true }).first().click();
  await expect(page).toHaveURL(/\/results\?lng=en/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/results/i);
});
