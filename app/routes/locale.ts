// The header's language button: saves the choice (cookie, and the signed-in user's profile, which
// mail follows) and comes back to the same page, its `?lng=` set to the new language if the address
// named one (docs/decisions/0024-languages-and-urls.md).
import { redirect } from "react-router";
import type { Route } from "./+types/locale";
import { hrefInLocale, LNG_PARAM, localeCookie, normalizeLocale } from "../i18n/i18n.ts";
import { safeRedirect } from "../auth/schemas.ts";
import { getUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";

export async function action({ request }: Route.ActionArgs) {
  // the header's hidden two-field form, no user input: an unknown language falls back, an outside
  // address goes home (safeRedirect), so there is nothing to refuse and no conform schema
  const form = await request.formData();
  const locale = normalizeLocale(String(form.get("locale") ?? ""));
  const back = safeRedirect(String(form.get("redirectTo") ?? "/"), "/");
  const named = new URL(back, "http://x").searchParams.has(LNG_PARAM);
  const user = await getUser(request);
  if (user) await prisma.user.update({ where: { id: user.id }, data: { locale, localeChosen: true } });
  return redirect(named ? hrefInLocale(back, locale) : back, { headers: { "Set-Cookie": localeCookie(locale) } });
}

export function loader() {
  return redirect("/");
}
