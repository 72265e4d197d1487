// first: configures zod before any schema module is evaluated in the browser
import "./domain/zod-config.ts";
import { useMemo, useState } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
} from "react-router";
import type { Route } from "./+types/root";
import "./app.css";
import { Link } from "./components/link.tsx";
import { SiteFooter, SiteHeader } from "./components/site-chrome.tsx";
import { useNonce } from "./components/nonce.tsx";
import { useRootData } from "./components/root-data.ts";
import { createI18n, languageLinks, pickMessage, type Locale } from "./i18n/i18n.ts";
import { loadLanguage } from "./i18n/load-language.ts";
import { rememberUrlLocale } from "./i18n/remember-locale.server.ts";
import { loadRootData } from "./root-data.server.ts";
import { refuseBadText } from "./server/bad-input.server.ts";

// bad text in a path id, query or form field answers 400 before any route's loader or action runs;
// a page opened with `?lng=` saves that language
export const middleware: Route.MiddlewareFunction[] = [refuseBadText, rememberUrlLocale];

export async function loader({ request }: Route.LoaderArgs) {
  return loadRootData(request);
}

// The browser holds only the languages it has fetched: a page that comes back in another one (the
// language button, a login, a `?lng=` link) waits for that language's strings before it renders.
export async function clientLoader({ serverLoader }: Route.ClientLoaderArgs) {
  const data = await serverLoader();
  await loadLanguage(data.locale, data.localeFiles[data.locale]);
  return data;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const locale: Locale = data?.locale ?? "zh-CN";
  const i18n = useMemo(() => createI18n(locale), [locale]);
  // the language the document came in: its preload stays as it was when the language changes later
  const [documentLocale] = useState(locale);
  const nonce = useNonce();
  // A page with its own description returns `description` from its loader (or exports
  // `handle = { ownDescription: true }`) and puts it in its meta; every other page (and the
  // error page) gets the site's description in the user's language.
  const leaf = useMatches().at(-1);
  const ownDescription =
    (!!leaf?.data && typeof leaf.data === "object" && "description" in leaf.data) ||
    (leaf?.handle as { ownDescription?: boolean } | undefined)?.ownDescription === true;
  return (
    <html lang={locale === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <LanguageLinks locale={locale} />
        {data ? (
          // the page's strings, fetched while the scripts load; hydration waits for them (entry.client.tsx)
          <link
            rel="preload"
            as="fetch"
            crossOrigin="anonymous"
            href={data.localeFiles[documentLocale]}
            data-i18n={documentLocale}
          />
        ) : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {ownDescription ? null : <meta name="description" content={i18n.t("siteDescription")} />}
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen flex flex-col">
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** The page's canonical and hreflang links (docs/decisions/0024-languages-and-urls.md). */
function LanguageLinks({ locale }: { locale: Locale }) {
  const page = useRootData()?.publicPage;
  if (!page) return null;
  const links = languageLinks(page, locale);
  return (
    <>
      <link rel="canonical" href={links.canonical} />
      <link rel="alternate" hrefLang="zh-CN" href={links.alternates["zh-CN"]} />
      <link rel="alternate" hrefLang="en" href={links.alternates.en} />
      <link rel="alternate" hrefLang="x-default" href={links.xDefault} />
    </>
  );
}

export default function App() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  let title = t("errors.generic");
  let body = t("errors.genericBody");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("errors.notFound");
      body = t("errors.notFoundBody");
    } else if (error.status === 403) {
      title = t("errors.forbidden");
      body = typeof error.data === "string" ? pickMessage(error.data, i18n.language) : body;
    } else if (typeof error.data === "string") {
      // thrown messages are "中文 / English": the reader's half
      body = pickMessage(error.data, i18n.language);
    }
  }
  return (
    <>
      <title>{`${title} · ${t("siteName")}`}</title>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-12">
        <h1 className="page-title">{title}</h1>
        <p className="mt-4 text-slate-700">{body}</p>
        <p className="mt-6">
          <Link to="/">{t("nav.home")}</Link>
        </p>
      </main>
      <SiteFooter />
    </>
  );
}
