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

/** Server-side translation for loaders/actions (messages in responses, emails). */
export function serverT(locale: Locale) {
  return createI18n(locale).t;
}

export function localeFromRequest(request: Request, userLocale?: string | null): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = /(?:^|;\s*)lng=([^;]+)/.exec(cookie);
  if (match) return normalizeLocale(decodeURIComponent(match[1]!));
  if (userLocale) return normalizeLocale(userLocale);
  return DEFAULT_LOCALE;
}
