// The language of a request and of its links (docs/decisions/0024-languages-and-urls.md), and both
// locale files holding the same keys.
import { describe, expect, test } from "vitest";
import { localizeTo } from "../components/link.tsx";
import {
  acceptLanguageLocale,
  hrefInLocale,
  knownLocale,
  languageLinks,
  localeFromRequest,
  urlLocale,
} from "./i18n.ts";
import { resources } from "./locales/index.ts";

const req = (url: string, headers: Record<string, string> = {}) => new Request(`http://localhost${url}`, { headers });

describe("the language of a request", () => {
  test("the URL first, then the cookie, then the profile, then Accept-Language, then zh-CN", () => {
    const all = { Cookie: "a=1; lng=zh-CN", "Accept-Language": "zh-CN,zh;q=0.9" };
    expect(localeFromRequest(req("/results?lng=en", all), "zh-CN")).toBe("en");
    expect(localeFromRequest(req("/results", { ...all, Cookie: "lng=en" }), "zh-CN")).toBe("en");
    expect(localeFromRequest(req("/results", { "Accept-Language": "zh-CN" }), "en")).toBe("en");
    expect(localeFromRequest(req("/results", { "Accept-Language": "en-GB,en;q=0.9,zh;q=0.5" }), null)).toBe("en");
    expect(localeFromRequest(req("/results", { "Accept-Language": "fr-FR,fr;q=0.9" }), null)).toBe("zh-CN");
    expect(localeFromRequest(req("/results"))).toBe("zh-CN");
  });

  test("an unknown language anywhere is skipped, never an error", () => {
    expect(localeFromRequest(req("/?lng=fr", { Cookie: "lng=%E0%A4%A", "Accept-Language": "en" }))).toBe("en");
    expect(urlLocale("http://x/?lng=EN-us")).toBe("en");
    expect(urlLocale("http://x/?lng=zh")).toBe("zh-CN");
    expect(knownLocale("english")).toBeNull();
  });

  test("Accept-Language goes by weight, then by order", () => {
    expect(acceptLanguageLocale("zh;q=0.4, en;q=0.8")).toBe("en");
    expect(acceptLanguageLocale("de, zh-TW, en")).toBe("zh-CN");
    expect(acceptLanguageLocale("en;q=0, zh;q=0.1")).toBe("zh-CN");
    expect(acceptLanguageLocale("*")).toBeNull();
  });
});

describe("links in a language", () => {
  test("hrefInLocale sets or removes ?lng= and keeps the rest", () => {
    expect(hrefInLocale("/results?q=稀土&page=2#top", "en")).toBe("/results?q=%E7%A8%80%E5%9C%9F&page=2&lng=en#top");
    expect(hrefInLocale("/results?lng=en&page=2", "zh-CN")).toBe("/results?lng=zh-CN&page=2");
    expect(hrefInLocale("/results?lng=en&page=2", null)).toBe("/results?page=2");
    expect(hrefInLocale("https://beian.miit.gov.cn/", "en")).toBe("https://beian.miit.gov.cn/");
    expect(hrefInLocale("//evil.example/", "en")).toBe("//evil.example/");
  });

  test("localizeTo handles query-only links, objects and relative paths", () => {
    expect(localizeTo("?page=3", "en")).toBe("?page=3&lng=en");
    expect(localizeTo("/needs", null)).toBe("/needs");
    expect(localizeTo({ pathname: "/needs", search: "?q=a" }, "en")).toEqual({
      pathname: "/needs",
      search: "?q=a&lng=en",
    });
    expect(localizeTo("edit", "en")).toBe("edit");
  });
});

type Tree = { [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]): Array<[string, string]> =>
    typeof v === "string" ? [[prefix + k, v]] : leaves(v, `${prefix}${k}.`),
  );
}

test("both languages have the same namespaces and keys, none empty", () => {
  const zh = resources["zh-CN"] as unknown as Record<string, Tree>;
  const en = resources.en as unknown as Record<string, Tree>;
  expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  for (const ns of Object.keys(zh)) {
    const enLeaves = leaves(en[ns]!);
    expect(enLeaves.map(([k]) => k).sort(), `namespace ${ns}`).toEqual(
      leaves(zh[ns]!)
        .map(([k]) => k)
        .sort(),
    );
    expect(
      enLeaves.filter(([, v]) => !v.trim()).map(([k]) => k),
      `empty English strings in ${ns}`,
    ).toEqual([]);
  }
});

describe("a page's canonical and hreflang links", () => {
  const base = "https://market.example";
  test("an address without ?lng= is its own canonical; the alternates name each language", () => {
    const links = languageLinks({ base, path: "/results", search: "?q=%E7%A8%80%E5%9C%9F" }, "zh-CN");
    expect(links.canonical).toBe(`${base}/results?q=%E7%A8%80%E5%9C%9F`);
    expect(links.alternates["zh-CN"]).toBe(`${base}/results?q=%E7%A8%80%E5%9C%9F&lng=zh-CN`);
    expect(links.alternates.en).toBe(`${base}/results?q=%E7%A8%80%E5%9C%9F&lng=en`);
    expect(links.xDefault).toBe(`${base}/results?q=%E7%A8%80%E5%9C%9F`);
    expect(Object.values(links.alternates)).not.toContain(links.canonical);
  });

  test("an address that chose its language is canonical in that language", () => {
    const links = languageLinks({ base, path: "/needs", search: "?lng=en" }, "en");
    expect(links.canonical).toBe(`${base}/needs?lng=en`);
    expect(links.canonical).toBe(links.alternates.en);
    expect(links.xDefault).toBe(`${base}/needs`);
  });
});
