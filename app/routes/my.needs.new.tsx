// /my/needs/new: the create form (save as draft, or submit for review).
import { requireUser } from "../auth/session.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { newPageData, saveListingForm } from "../listings/form-actions.server.ts";
import type { Route } from "./+types/my.needs.new";
import { useLabels } from "./listings+shared/labels.tsx";
import { NeedForm } from "./listings+shared/listing-form.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const t = serverT(locale);
  return { ...(await newPageData("need", user, locale)), meta: `${t("listings:form.newNeed")} · ${t("siteName")}` };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  return saveListingForm("need", user, await request.formData(), localeFromRequest(request, user.locale));
}

export default function NewNeed({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useLabels();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{t("form.newNeed")}</h1>
      {loaderData.hasOrganization ? (
        <NeedForm
          defaultValue={loaderData.defaultValue}
          lastResult={actionData as never}
          ctx={{ status: null, verified: loaderData.verified }}
        />
      ) : (
        <p role="alert" className="card">
          {t("form.noOrganization")}
        </p>
      )}
    </section>
  );
}
