// Logging out changes state, so it happens only on POST. A GET shows a button that posts.
import { useTranslation } from "react-i18next";
import { Form, redirect } from "react-router";
import type { Route } from "./+types/logout";
import { destroySessionHeader, getUser } from "../auth/session.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "退出登录" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await getUser(request);
  if (!user) throw redirect("/");
  const t = serverT(localeFromRequest(request, user.locale));
  return { title: `${t("auth:logout.title")} · ${t("siteName")}` };
}

export async function action({ request }: Route.ActionArgs) {
  if (request.method !== "POST") throw new Response("Method not allowed", { status: 405 });
  return redirect("/", { headers: { "Set-Cookie": await destroySessionHeader(request) } });
}

export default function Logout() {
  const { t } = useTranslation("auth");
  return (
    <section className="mx-auto max-w-md">
      <h1 className="page-title">{t("logout.title")}</h1>
      <div className="card mt-4">
        <p>{t("logout.confirm")}</p>
        <Form method="post" className="mt-4">
          <button type="submit" className="btn-primary">
            {t("logout.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
