// All UI text goes through i18next. zh-CN is the default; English is a switch (cookie `lng`,
// or the signed-in user's preference). Each feature keeps its strings in its own namespace file
// under locales/, so features can be worked on without touching each other's text.
import i18next, { type i18n as I18n } from "i18next";
import { resources } from "./locales/index.ts";

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
    ns: Object.keys(resources["zh-CN"]),
    defaultNS: "common",
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

const serverTs = new Map<Locale, I18n["t"]>();

/**
 * Server-side translation for loaders/actions (messages in responses, emails). One i18next
 * instance per language for the process: the resources never change while it runs.
 */
export function serverT(locale: Locale) {
  let t = serverTs.get(locale);
  if (!t) {
    t = createI18n(locale).t;
    serverTs.set(locale, t);
  }
  return t;
}

/** "中文 / English" for text written without a reader (notifications, mail subjects). */
export function serverBilingual(key: string, values: Record<string, string> = {}) {
  return `${serverT("zh-CN")(key, values)} / ${serverT("en")(key, values)}`;
}

export function localeFromRequest(request: Request, userLocale?: string | null): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = /(?:^|;\s*)lng=([^;]+)/.exec(cookie);
  if (match) return normalizeLocale(decodeURIComponent(match[1]!));
  if (userLocale) return normalizeLocale(userLocale);
  return DEFAULT_LOCALE;
}

/** The server's messages are "中文 / English": the reader's half. */
export function pickMessage(message: string | null | undefined, locale: string): string {
  if (!message) return "";
  const at = message.indexOf(" / ");
  if (at < 0) return message;
  return locale.startsWith("en") ? message.slice(at + 3) : message.slice(0, at);
}
