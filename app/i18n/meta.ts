// Page titles in the reader's language for `meta` exports, which run without hooks: the language
// is the root loader's (app/root-data.server.ts).
import { DEFAULT_LOCALE, knownLocale, serverT, type Locale } from "./i18n.ts";

type MetaMatch = { id: string; data?: unknown; loaderData?: unknown } | undefined;

/** The page's language, from the root route's data among the meta function's matches. */
export function metaLocale(matches: readonly MetaMatch[]): Locale {
  const root = matches.find((m) => m?.id === "root");
  const data = (root?.loaderData ?? root?.data) as { locale?: string } | undefined;
  return knownLocale(data?.locale) ?? DEFAULT_LOCALE;
}

/** "<part> · <part> · 赣州科技大市场" from translation keys (or `{ text }` for ready text). */
export function metaTitle(matches: readonly MetaMatch[], ...parts: Array<string | { text: string }>): string {
  const t = serverT(metaLocale(matches));
  return [...parts.map((p) => (typeof p === "string" ? t(p) : p.text)), t("siteName")].join(" · ");
}

/** One translation in the page's language (e.g. a meta description). */
export function metaText(matches: readonly MetaMatch[], key: string): string {
  return serverT(metaLocale(matches))(key);
}
