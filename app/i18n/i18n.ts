// All UI text goes through i18next. zh-CN is the default. The language of a request: an explicit
// `?lng=` in the URL, then the saved choice (cookie `lng`, then the signed-in user's preference),
// then the browser's Accept-Language (docs/decisions/0024-languages-and-urls.md). Each feature
// keeps its strings in its own namespace file under locales/, so features can be worked on
// without touching each other's text. `#i18n-resources` is every language's strings on the server
// and, in the browser, only the languages fetched so far (app/i18n/load-language.ts): the page's,
// before hydration (docs/decisions/0030-page-weight-and-lighthouse.md).
import i18next, { type i18n as I18n } from "i18next";
import { resources as shelf } from "#i18n-resources";
import type { resources as all } from "./locales/index.ts";

const resources: Partial<typeof all> = shelf;

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export function normalizeLocale(value: string | null | undefined): Locale {
  if (!value) return DEFAULT_LOCALE;
  return value.toLowerCase().startsWith("en") ? "en" : "zh-CN";
}

export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: "zh-CN",
    resources,
    ns: Object.keys(resources[locale] ?? resources[DEFAULT_LOCALE] ?? {}),
    defaultNS: "common",
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

const serverTs = new Map<Locale, I18n["t"]>();

/**
 * Server-side translation for loaders/actions (messages in responses, emails), and for `meta`
 * exports in the browser. One i18next instance per language for the process: the resources never
 * change while it runs (in the browser, it is kept once the language's strings are there).
 */
export function serverT(locale: Locale) {
  let t = serverTs.get(locale);
  if (!t) {
    t = createI18n(locale).t;
    if (resources[locale]) serverTs.set(locale, t);
  }
  return t;
}

/** Whether this language's strings are here (always on the server; once fetched in the browser). */
export function hasLocaleResources(locale: Locale) {
  return !!resources[locale];
}

/** Keeps a language's strings fetched in the browser (app/i18n/load-language.ts). */
export function addLocaleResources(locale: Locale, strings: unknown) {
  (resources as Record<string, unknown>)[locale] = strings;
}

/** "中文 / English" for text written without a reader (notifications, mail subjects). */
export function serverBilingual(key: string, values: Record<string, string> = {}) {
  return `${serverT("zh-CN")(key, values)} / ${serverT("en")(key, values)}`;
}

/** The URL parameter that names a page's language: `?lng=en` (docs/decisions/0024). */
export const LNG_PARAM = "lng";

/** A supported language named exactly (any case), else null: `en-US` is English, `fr` is nothing. */
export function knownLocale(value: string | null | undefined): Locale | null {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "en" || v.startsWith("en-") || v.startsWith("en_")) return "en";
  if (v === "zh" || v.startsWith("zh-") || v.startsWith("zh_")) return "zh-CN";
  return null;
}

/** The language the URL asks for (`?lng=`), if any. */
export function urlLocale(url: URL | string): Locale | null {
  const u = typeof url === "string" ? new URL(url) : url;
  return knownLocale(u.searchParams.get(LNG_PARAM));
}

/** The saved choice: the `lng` cookie. */
export function cookieLocale(request: Request): Locale | null {
  const match = /(?:^|;\s*)lng=([^;]+)/.exec(request.headers.get("Cookie") ?? "");
  if (!match) return null;
  try {
    return knownLocale(decodeURIComponent(match[1]!));
  } catch {
    return null;
  }
}

/** The browser's most preferred supported language (Accept-Language, by q weight), if any. */
export function acceptLanguageLocale(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { locale: knownLocale(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((x) => x.locale && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.locale ?? null;
}

export function localeFromRequest(request: Request, userLocale?: string | null): Locale {
  return (
    urlLocale(request.url) ??
    cookieLocale(request) ??
    knownLocale(userLocale) ??
    acceptLanguageLocale(request.headers.get("Accept-Language")) ??
    DEFAULT_LOCALE
  );
}

/** The Set-Cookie value that saves a language choice for a year. */
export function localeCookie(locale: Locale) {
  return `lng=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/**
 * `href` (a path with optional query and hash) in the language `locale`: `?lng=` set to it, or
 * removed when `locale` is null. Absolute and protocol-relative URLs are returned as they are.
 */
export function hrefInLocale(href: string, locale: Locale | null): string {
  if (!href.startsWith("/") || href.startsWith("//")) return href;
  const url = new URL(href, "http://x");
  if (locale) url.searchParams.set(LNG_PARAM, locale);
  else url.searchParams.delete(LNG_PARAM);
  return url.pathname + url.search + url.hash;
}

/**
 * A page's canonical and hreflang addresses. An address without `?lng=` is its own canonical:
 * pointing it at the `?lng=zh-CN` alternate made crawlers (and Lighthouse's SEO audit) read every
 * default page as a duplicate of another language's location. x-default is the address without
 * `?lng=`, which follows the reader's saved choice and browser.
 */
export function languageLinks(page: { base: string; path: string; search: string }, locale: Locale) {
  const at = (l: Locale | null) => page.base + hrefInLocale(page.path + page.search, l);
  const chosen = new URLSearchParams(page.search).has(LNG_PARAM);
  return {
    canonical: chosen ? at(locale) : page.base + page.path + page.search,
    alternates: { "zh-CN": at("zh-CN"), en: at("en") },
    xDefault: at(null),
  };
}

/** Text in brackets as each language writes them: "（注）" in Chinese, " (note)" in English. */
export function inParens(text: string, locale: string): string {
  return locale.startsWith("en") ? ` (${text})` : `（${text}）`;
}

/** The server's messages are "中文 / English": the reader's half. */
export function pickMessage(message: string | null | undefined, locale: string): string {
  if (!message) return "";
  const at = message.indexOf(" / ");
  if (at < 0) return message;
  return locale.startsWith("en") ? message.slice(at + 3) : message.slice(0, at);
}
