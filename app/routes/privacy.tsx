// /privacy: accepted at sign-up (the version in force is app/legal/versions.ts).
import type { Route } from "./+types/privacy";
import { getUser } from "../auth/session.server.ts";
import { LegalPage } from "../components/legal-page.tsx";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title }, { name: "description", content: data?.description ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await getUser(request);
  const t = serverT(localeFromRequest(request, user?.locale));
  return { title: `${t("legal:privacy.title")} · ${t("siteName")}`, description: t("legal:privacy.description") };
}

export default function Page() {
  return <LegalPage doc="privacy" />;
}
