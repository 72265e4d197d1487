// What every page gets from the root loader: the reader's language, who is signed in, and the
// operator's contact for the footer.
import { getUser } from "./auth/session.server.ts";
import { getEnv } from "./env.server.ts";
import { localeFromRequest, urlLocale } from "./i18n/i18n.ts";
import { localeFileUrls } from "./i18n/locale-files.server.ts";
import { publicBaseUrl } from "./mail/public-url.server.ts";

export async function loadRootData(request: Request) {
  const user = await getUser(request);
  const locale = localeFromRequest(request, user?.locale);
  const env = getEnv();
  const url = new URL(request.url);
  return {
    locale,
    // Links on the page carry `?lng=` when the URL chose the language or the page is English, so
    // a shared link and a crawler stay in it (docs/decisions/0024-languages-and-urls.md).
    linkLocale: urlLocale(url) ?? (locale === "en" ? locale : null),
    // Where the browser fetches each language's strings: only the page's ships with it.
    localeFiles: localeFileUrls(),
    // This page's address on the public site, for its canonical and hreflang links.
    publicPage: { base: publicBaseUrl(), path: url.pathname, search: url.search },
    // The operator's contact and filing numbers for the footer (filings hidden while unset).
    site: {
      phone: env.SITE_CONTACT_PHONE,
      email: env.SITE_CONTACT_EMAIL,
      icpRecord: env.SITE_ICP_RECORD ?? null,
      psbRecord: env.SITE_PSB_RECORD ?? null,
    },
    user: user
      ? {
          id: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          organization: user.organization
            ? { id: user.organization.id, name: user.organization.name, verified: !!user.organization.verifiedAt }
            : null,
        }
      : null,
  };
}

export type RootData = Awaited<ReturnType<typeof loadRootData>>;
