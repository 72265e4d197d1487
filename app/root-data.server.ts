// What every page gets from the root loader: the reader's language and who is signed in.
import { getUser } from "./auth/session.server.ts";
import { localeFromRequest } from "./i18n/i18n.ts";

export async function loadRootData(request: Request) {
  const user = await getUser(request);
  const locale = localeFromRequest(request, user?.locale);
  return {
    locale,
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
