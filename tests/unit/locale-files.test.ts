// The browser gets only the page's language's strings, as a JSON file (docs/decisions/0030): the
// modules it loads must not bundle the locale files, and the server serves each language's file
// at an address that names its content.
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { localeFile, localeFileUrls } from "../../app/i18n/locale-files.server.ts";
import { resources } from "../../app/i18n/locales/index.ts";

// browser modules that translate: the root's i18next instance, `meta` titles, the loader
const CLIENT_ENTRIES = ["app/i18n/i18n.ts", "app/i18n/meta.ts", "app/i18n/load-language.ts"];

async function inputsOf(conditions: string[], platform: "browser" | "node") {
  const result = await build({
    entryPoints: CLIENT_ENTRIES,
    bundle: true,
    write: false,
    metafile: true,
    outdir: "/tmp/locale-files-test",
    platform,
    conditions,
    packages: "external",
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

describe("the strings of every language", () => {
  it("are not in what the browser loads", async () => {
    const inputs = await inputsOf(["browser"], "browser");
    expect(inputs).toContain("app/i18n/resources.browser.ts");
    expect(inputs.filter((i) => i.startsWith("app/i18n/locales/"))).toEqual([]);
  });

  it("are what the server translates with", async () => {
    // the same entries resolved for the server pull them in: the test above can fail
    const inputs = await inputsOf([], "node");
    expect(inputs).toContain("app/i18n/locales/zh-CN/common.ts");
    expect(inputs).toContain("app/i18n/locales/en/common.ts");
  });
});

describe("a language's strings file", () => {
  it("is named by its content, kept for good at that name, and holds that language only", () => {
    const urls = localeFileUrls();
    expect(urls["zh-CN"]).toMatch(/^\/i18n\/zh-CN\.[\w-]{10}\.json$/);
    expect(urls.en).toMatch(/^\/i18n\/en\.[\w-]{10}\.json$/);
    const en = localeFile(urls.en.slice("/i18n/".length));
    expect(en?.immutable).toBe(true);
    expect(JSON.parse(en!.json)).toEqual(resources.en);
    expect(JSON.parse(localeFile(urls["zh-CN"].slice("/i18n/".length))!.json)).toEqual(resources["zh-CN"]);
  });

  it("answers an old or missing hash with today's strings, not to be kept; an unknown language with nothing", () => {
    expect(localeFile("en.json")).toEqual({ json: JSON.stringify(resources.en), immutable: false });
    expect(localeFile("zh-CN.0123456789.json")?.immutable).toBe(false);
    expect(localeFile("fr.json")).toBeNull();
    expect(localeFile("en.js")).toBeNull();
    expect(localeFile("../en.json")).toBeNull();
  });
});
