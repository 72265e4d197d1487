// /my/needs: the organization's needs in every status.
import { requireUser } from "../auth/session.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { myListingsPage } from "../listings/pages.server.ts";
import type { Route } from "./+types/my.needs._index";
import { MyList } from "./listings+shared/my-list.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const t = serverT(locale);
  const page = await myListingsPage("need", user, new URL(request.url), locale);
  return { ...page, meta: `${t("listings:my.needsTitle")} · ${t("siteName")}` };
}

export default function MyNeeds({ loaderData }: Route.ComponentProps) {
  return <MyList kind="need" data={loaderData} />;
}
