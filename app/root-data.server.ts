// What every page gets from the root loader: the reader's language, who is signed in, and the
// operator's contact for the footer.
import { getUser } from "./auth/session.server.ts";
import { getEnv } from "./env.server.ts";
import { localeFromRequest } from "./i18n/i18n.ts";

export async function loadRootData(request: Request) {
  const user = await getUser(request);
  const locale = localeFromRequest(request, user?.locale);
  const env = getEnv();
  return {
    locale,
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
