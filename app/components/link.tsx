// Links that keep the page's language: on a page whose URL chose it (`?lng=`) or an English page,
// every in-site link carries `?lng=` too, so a shared link or a crawler never falls back to
// Chinese (docs/decisions/0024-languages-and-urls.md). Use these instead of react-router's.
import { Link as RouterLink, NavLink as RouterNavLink, type LinkProps, type NavLinkProps, type To } from "react-router";
import { hrefInLocale, LNG_PARAM, type Locale } from "../i18n/i18n.ts";
import { useRootData } from "./root-data.ts";

/** `to` in `locale` (null: unchanged). Relative paths and bare hashes are left as they are. */
export function localizeTo(to: To, locale: Locale | null): To {
  if (!locale) return to;
  if (typeof to === "string") {
    if (to.startsWith("?")) {
      const at = to.indexOf("#");
      const params = new URLSearchParams(at < 0 ? to.slice(1) : to.slice(1, at));
      params.set(LNG_PARAM, locale);
      return `?${params.toString()}${at < 0 ? "" : to.slice(at)}`;
    }
    return hrefInLocale(to, locale);
  }
  if (to.pathname && !to.pathname.startsWith("/")) return to;
  const params = new URLSearchParams(to.search ?? "");
  params.set(LNG_PARAM, locale);
  return { ...to, search: `?${params.toString()}` };
}

/** The language links on this page carry, or null. */
export function useLinkLocale(): Locale | null {
  return useRootData()?.linkLocale ?? null;
}

/** An href string (for `<a>`, `<form action>`) in the page's link language. */
export function useLocalizedHref(): (href: string) => string {
  const locale = useLinkLocale();
  return (href) => hrefInLocale(href, locale);
}

export function Link({ to, ...props }: LinkProps) {
  return <RouterLink to={localizeTo(to, useLinkLocale())} {...props} />;
}

export function NavLink({ to, ...props }: NavLinkProps) {
  return <RouterNavLink to={localizeTo(to, useLinkLocale())} {...props} />;
}
