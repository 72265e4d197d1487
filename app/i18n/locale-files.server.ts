// Each language's strings as one JSON file for the browser, at an address that names its content
// (`/i18n/en.<hash>.json`), so it is cached for good and a new release's strings get a new address.
// The page's head preloads its own language's file; the browser hydrates once it is here and
// fetches the other one before switching (docs/decisions/0030-page-weight-and-lighthouse.md).
import { createHash } from "node:crypto";
import { LOCALES, type Locale } from "./i18n.ts";
import { resources } from "./locales/index.ts";

const files = new Map(
  LOCALES.map((locale) => {
    const json = JSON.stringify(resources[locale]);
    const hash = createHash("sha256").update(json).digest("base64url").slice(0, 10);
    return [locale, { json, url: `/i18n/${locale}.${hash}.json` }] as const;
  }),
);

/** The address of each language's strings file: the root loader gives them to every page. */
export function localeFileUrls(): Record<Locale, string> {
  return { "zh-CN": files.get("zh-CN")!.url, en: files.get("en")!.url };
}

/**
 * The strings file named `name` (`en.<hash>.json`, or `en.json` for the current one without a
 * hash): its JSON, and whether the address is the current content's (cacheable for good) — an
 * old page asking for last release's hash gets today's strings, not to be kept. Null if no such
 * language.
 */
export function localeFile(name: string): { json: string; immutable: boolean } | null {
  const match = /^([A-Za-z-]+)(?:\.([\w-]+))?\.json$/.exec(name);
  const file = match && LOCALES.includes(match[1] as Locale) ? files.get(match[1] as Locale) : undefined;
  if (!file) return null;
  return { json: file.json, immutable: file.url === `/i18n/${name}` };
}
