// /needs: published needs, searched and filtered by the URL (GET form).
import { data } from "react-router";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/needs._index";
import { listPage } from "../listings/pages.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { ListPage } from "./listings+shared/list-page.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const t = serverT(localeFromRequest(request));
  const page = await listPage("need", new URL(request.url));
  const title = `${t("listings:list.needsTitle")} · ${t("siteName")}`;
  return data({ ...page, title, regionNames: regionNamesIn(page) }, { status: page.ok ? 200 : 400 });
}

export default function NeedsList({ loaderData }: Route.ComponentProps) {
  return <ListPage kind="need" data={loaderData} />;
}
