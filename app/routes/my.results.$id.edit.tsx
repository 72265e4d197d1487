// /my/results/:id/edit: edit, save, (re)submit for review, withdraw. Editing a published listing
// sends it back to review; the form says so.
import { useSearchParams } from "react-router";
import { Link } from "../components/link.tsx";
import { requireUser } from "../auth/session.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { editFilesData } from "../files/page-data.server.ts";
import { editPageData, saveListingForm } from "../listings/form-actions.server.ts";
import type { Route } from "./+types/my.results.$id.edit";
import { StatusBadge, useLabels } from "./listings+shared/labels.tsx";
import { ResultForm } from "./listings+shared/listing-form.tsx";
import { ListingEditExtras } from "./listings+shared/edit-extras.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const page = await editPageData("result", params.id, user, locale);
  const files = await editFilesData("result", params.id);
  const t = serverT(locale);
  return { ...page, ...files, meta: `${t("listings:form.editResult")} · ${page.title} · ${t("siteName")}` };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  return saveListingForm("result", user, await request.formData(), localeFromRequest(request, user.locale), params.id);
}

export default function EditResult({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useLabels();
  const [params] = useSearchParams();
  const done = params.get("done");
  const notices: Record<string, string> = {
    saved: t("form.saved"),
    submitted: t("form.submitted"),
    withdrawn: t("form.withdrawn"),
  };
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/my/results">← {t("my.resultsTitle")}</Link>
      </p>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t("form.editResult")}</h1>
        <p className="flex items-center gap-2 text-sm">
          <StatusBadge status={loaderData.status} />
          <Link to={`/results/${loaderData.id}`}>{t("my.view")}</Link>
        </p>
      </header>
      {done && notices[done] ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {notices[done]}
        </div>
      ) : null}
      <ResultForm
        key={loaderData.status}
        defaultValue={loaderData.defaultValue}
        lastResult={actionData as never}
        ctx={{ status: loaderData.status, rejectionReason: loaderData.rejectionReason, verified: loaderData.verified }}
      />
      <ListingEditExtras
        kind="result"
        id={loaderData.id}
        status={loaderData.status}
        files={loaderData.files}
        limits={loaderData.fileLimits}
      />
    </section>
  );
}
