import { useTranslation } from "react-i18next";
import { Form, useLocation } from "react-router";
import { Link, NavLink } from "./link.tsx";
import { can } from "../auth/permissions.ts";
import { useOptionalUser, useRootData } from "./root-data.ts";

function navClass({ isActive }: { isActive: boolean }) {
  return `rounded px-2 py-1 text-sm no-underline hover:bg-brand-800 hover:no-underline ${isActive ? "bg-brand-800 text-white" : "text-brand-50"}`;
}

export function SiteHeader() {
  const { t } = useTranslation();
  const user = useOptionalUser();
  const data = useRootData();
  const location = useLocation();
  const nextLocale = data?.locale === "en" ? "zh-CN" : "en";
  return (
    <header className="bg-brand-700 text-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2 focus:text-brand-800"
      >
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="text-lg font-bold text-white no-underline hover:no-underline">
          {t("siteName")}
        </Link>
        <nav aria-label={t("siteName")} className="flex flex-wrap items-center gap-1">
          <NavLink to="/results" className={navClass}>
            {t("nav.results")}
          </NavLink>
          <NavLink to="/needs" className={navClass}>
            {t("nav.needs")}
          </NavLink>
          <NavLink to="/organizations" className={navClass}>
            {t("nav.organizations")}
          </NavLink>
          <NavLink to="/events" className={navClass}>
            {t("nav.events")}
          </NavLink>
          <NavLink to="/auctions" className={navClass}>
            {t("nav.auctions")}
          </NavLink>
          <NavLink to="/brokers" className={navClass}>
            {t("nav.brokers")}
          </NavLink>
          <NavLink to="/subcentres" className={navClass}>
            {t("nav.subcentres")}
          </NavLink>
          <NavLink to="/market-stats" className={navClass}>
            {t("nav.stats")}
          </NavLink>
          {user ? (
            <NavLink to="/dashboard" className={navClass}>
              {t("nav.dashboard")}
            </NavLink>
          ) : null}
          {user && user.role !== "bureau" && user.role !== "admin" ? (
            <>
              <NavLink to="/offers" className={navClass}>
                {t("nav.offers")}
              </NavLink>
              <NavLink to="/contracts" className={navClass}>
                {t("nav.contracts")}
              </NavLink>
            </>
          ) : null}
          {user?.role === "broker" ? (
            <NavLink to="/my/leads" className={navClass}>
              {t("nav.leads")}
            </NavLink>
          ) : null}
          {user?.role === "subcentre" ? (
            <NavLink to="/subcentre" className={navClass}>
              {t("nav.desk")}
            </NavLink>
          ) : null}
          {can(user, "review:listing:any") ? (
            <NavLink to="/review" className={navClass}>
              {t("nav.review")}
            </NavLink>
          ) : null}
          {can(user, "read:stats:any") ? (
            <NavLink to="/bureau" className={navClass}>
              {t("nav.bureau")}
            </NavLink>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <Form method="post" action="/locale">
            <input type="hidden" name="locale" value={nextLocale} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button
              type="submit"
              className="rounded border border-brand-100 px-2 py-1 text-xs text-white hover:bg-brand-800"
              aria-label={t("nav.languageLabel")}
              lang={nextLocale}
            >
              {t("nav.language")}
            </button>
          </Form>
          {user ? (
            <>
              <Link to="/account" className="text-sm text-white">
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded px-2 py-1 text-sm text-white hover:bg-brand-800">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login" className="text-sm text-white">
                {t("nav.login")}
              </Link>
              <Link
                to="/signup"
                className="rounded bg-white px-3 py-1 text-sm font-medium text-brand-800 no-underline hover:no-underline"
              >
                {t("nav.signup")}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  const site = useRootData()?.site;
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-4 px-4 py-6 text-sm text-slate-700 md:grid-cols-3">
        <div>
          <p className="font-medium">
            {t("siteName")} · {t("siteTagline")}
          </p>
          <p className="mt-1">{t("footer.about")}</p>
          <p className="mt-1">{t("footer.runBy")}</p>
        </div>
        {site ? (
          <section aria-labelledby="footer-contact">
            <h2 id="footer-contact" className="font-medium">
              {t("footer.contact")}
            </h2>
            <p className="mt-1">
              {t("footer.phone")}:{" "}
              <a href={`tel:${site.phone.replace(/[^\d+]/g, "")}`} className="underline">
                {site.phone}
              </a>
            </p>
            <p className="mt-1">
              {t("footer.email")}:{" "}
              <a href={`mailto:${site.email}`} className="underline">
                {site.email}
              </a>
            </p>
          </section>
        ) : null}
        <nav aria-label={t("footer.legal")}>
          <ul className="space-y-1">
            <li>
              <Link to="/terms" className="underline">
                {t("footer.terms")}
              </Link>
            </li>
            <li>
              <Link to="/privacy" className="underline">
                {t("footer.privacy")}
              </Link>
            </li>
            {site?.icpRecord ? (
              <li>
                <a href="https://beian.miit.gov.cn/" rel="noopener noreferrer" className="underline">
                  {site.icpRecord}
                </a>
              </li>
            ) : null}
            {site?.psbRecord ? (
              <li>
                <a href="https://beian.mps.gov.cn/" rel="noopener noreferrer" className="underline">
                  {site.psbRecord}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
