import { redirect } from "react-router";
import type { Route } from "./+types/locale";
import { normalizeLocale } from "../i18n/i18n.ts";
import { safeRedirect } from "../auth/schemas.ts";
import { getUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";

export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const locale = normalizeLocale(String(form.get("locale") ?? ""));
  const redirectTo = String(form.get("redirectTo") ?? "/");
  const user = await getUser(request);
  if (user) await prisma.user.update({ where: { id: user.id }, data: { locale } });
  return redirect(safeRedirect(redirectTo, "/"), {
    headers: { "Set-Cookie": `lng=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export function loader() {
  return redirect("/");
}
