// /my/results: the organization's results in every status.
import { requireUser } from "../auth/session.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { myListingsPage } from "../listings/pages.server.ts";
import type { Route } from "./+types/my.results._index";
import { MyList } from "./listings+shared/my-list.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const t = serverT(locale);
  const page = await myListingsPage("result", user, new URL(request.url), locale);
  return { ...page, meta: `${t("listings:my.resultsTitle")} · ${t("siteName")}` };
}

export default function MyResults({ loaderData }: Route.ComponentProps) {
  return <MyList kind="result" data={loaderData} />;
}
