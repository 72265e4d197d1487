// Fetches a language's strings into the browser's i18next resources (app/i18n/resources.browser.ts):
// the page's own before hydration (entry.client.tsx), another one before the page shows it (the
// root's clientLoader), so no text ever renders as its key. On the server every language is there
// and this does nothing (docs/decisions/0030-page-weight-and-lighthouse.md).
import { addLocaleResources, hasLocaleResources, knownLocale, DEFAULT_LOCALE, type Locale } from "./i18n.ts";

const pending = new Map<Locale, Promise<void>>();

/** Makes sure `locale`'s strings are here, fetching them from `url` (once) if they are not. */
export function loadLanguage(locale: Locale, url: string): Promise<void> {
  if (hasLocaleResources(locale)) return Promise.resolve();
  let loading = pending.get(locale);
  if (!loading) {
    loading = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      })
      .then((strings: unknown) => addLocaleResources(locale, strings))
      .finally(() => pending.delete(locale));
    pending.set(locale, loading);
  }
  return loading;
}

/**
 * The page's language, from the head's preload of its strings file (root.tsx); a page rendered
 * without the root's data (its loader failed) names only `<html lang>`, and gets the current file.
 */
export function loadPageLanguage(): Promise<void> {
  const link = document.querySelector<HTMLLinkElement>("link[data-i18n]");
  const locale = knownLocale(link?.dataset.i18n ?? document.documentElement.lang) ?? DEFAULT_LOCALE;
  return loadLanguage(locale, link?.href ?? `/i18n/${locale}.json`);
}
