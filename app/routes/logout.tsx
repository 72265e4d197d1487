// Logging out changes state, so it happens only on POST. A GET shows a button that posts.
import { useTranslation } from "react-i18next";
import { Form, redirect } from "react-router";
import type { Route } from "./+types/logout";
import { destroySessionHeader, getUser } from "../auth/session.server.ts";

export async function loader({ request }: Route.LoaderArgs) {
  if (!(await getUser(request))) throw redirect("/");
  return null;
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
