// /my/needs: the organization's needs in every status, and first the needs a sub-centre entered
// for it that wait for its confirmation (docs/decisions/0028).
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { ApiError, userMessage } from "../api/api.server.ts";
import { requireUser } from "../auth/session.server.ts";
import { Link } from "../components/link.tsx";
import { FormAlert, Notice } from "../components/forms.tsx";
import { formatDateTime } from "../domain/time.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { myListingsPage } from "../listings/pages.server.ts";
import { awaitingForCompany, confirmNeed } from "../subcentres/field-needs.server.ts";
import type { Route } from "./+types/my.needs._index";
import { formId } from "../components/form-intent.ts";
import { MyList } from "./listings+shared/my-list.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const t = serverT(locale);
  const url = new URL(request.url);
  const page = await myListingsPage("need", user, url, locale);
  return {
    ...page,
    awaiting: await awaitingForCompany(user.organizationId),
    confirmed: url.searchParams.get("done") === "confirmed",
    meta: `${t("listings:my.needsTitle")} · ${t("siteName")}`,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const form = await request.formData();
  try {
    // the confirm button carries only the need's id
    await confirmNeed(user, formId(form, "needId") ?? "");
  } catch (error) {
    if (error instanceof ApiError) return data({ error: userMessage(error, locale) }, { status: error.status });
    throw error;
  }
  return redirect("/my/needs?done=confirmed");
}

export default function MyNeeds({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const busy = useNavigation().state === "submitting";
  const notices = (
    <>
      {loaderData.confirmed ? <Notice tone="success">{t("fieldNeeds.confirmed")}</Notice> : null}
      {loaderData.awaiting.length ? (
        <section className="card space-y-3 border-amber-300" aria-labelledby="awaiting-heading">
          <h2 id="awaiting-heading" className="text-lg font-semibold">
            {t("fieldNeeds.myTitle")}
          </h2>
          <p className="text-sm text-slate-700">{t("fieldNeeds.myIntro")}</p>
          <FormAlert message={actionData && "error" in actionData ? actionData.error : undefined} />
          <ul className="divide-y divide-slate-100">
            {loaderData.awaiting.map((n) => (
              <li key={n.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <span className="font-medium break-words">{n.title}</span>
                  <span className="block text-sm text-slate-700">
                    {n.subcentre?.name} · {t("fieldNeeds.enteredAt", { at: formatDateTime(n.createdAt) })}
                  </span>
                </div>
                <div className="flex flex-wrap gap-2">
                  <Link
                    to={`/my/needs/${n.id}/edit`}
                    className="btn-secondary no-underline"
                    aria-label={`${t("fieldNeeds.edit")}: ${n.title}`}
                  >
                    {t("fieldNeeds.edit")}
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="needId" value={n.id} />
                    <button
                      type="submit"
                      className="btn-primary"
                      disabled={busy}
                      aria-label={`${t("fieldNeeds.confirm")}: ${n.title}`}
                    >
                      {t("fieldNeeds.confirm")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
  return <MyList kind="need" data={loaderData} notices={notices} />;
}
