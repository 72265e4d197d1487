// /subcentre/needs/new: sub-centre staff enter a need collected on a site visit for an affiliated
// company (代企业录入需求); it waits for the company's confirmation (docs/decisions/0028).
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, redirect, useNavigation } from "react-router";
import { ApiError, userMessage } from "../api/api.server.ts";
import { requireUser } from "../auth/session.server.ts";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
import { affiliatedCompanies, createNeedForCompany } from "../subcentres/field-needs.server.ts";
import { fieldNeedFormSchema } from "../subcentres/form-schemas.ts";
import { staffSubcentreId } from "../subcentres/scope.server.ts";
import type { Route } from "./+types/subcentre.needs.new";
import { NeedForm } from "./listings+shared/listing-form.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

async function ownSubcentre(request: Request) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const subcentreId = await staffSubcentreId(user);
  if (!subcentreId) throw data(serverT(locale)("network:fieldNeeds.onlyStaff"), { status: 403 });
  return { user, locale, subcentreId };
}

export async function loader({ request }: Route.LoaderArgs) {
  const { locale, subcentreId } = await ownSubcentre(request);
  const t = serverT(locale);
  return {
    meta: `${t("network:fieldNeeds.title")} · ${t("siteName")}`,
    companies: await affiliatedCompanies(subcentreId),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const { user, locale, subcentreId } = await ownSubcentre(request);
  const submission = parseWithZod(await request.formData(), { schema: fieldNeedFormSchema });
  if (submission.status !== "success") {
    // the company select sits outside the need form's fields: its message is shown above the form
    const company = submission.error?.organizationId?.map((m) => pickMessage(m, locale)) ?? [];
    return data(submission.reply({ formErrors: company }), { status: 400 });
  }
  try {
    const { organizationId, ...need } = submission.value;
    await createNeedForCompany(user, subcentreId, { ...need, organizationId });
  } catch (error) {
    if (error instanceof ApiError) {
      const messages = Object.values(error.fields ?? {}).map((m) => pickMessage(m, locale));
      return data(submission.reply({ formErrors: messages.length ? messages : [userMessage(error, locale)] }), {
        status: error.status,
      });
    }
    throw error;
  }
  return redirect("/subcentre?done=fieldNeed");
}

export default function NewFieldNeed({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const busy = useNavigation().state === "submitting";
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{t("fieldNeeds.title")}</h1>
      <p className="text-sm text-slate-700">{t("fieldNeeds.intro")}</p>
      {d.companies.length === 0 ? (
        <p role="alert" className="card">
          {t("fieldNeeds.noCompanies")}
        </p>
      ) : (
        <NeedForm
          defaultValue={{}}
          lastResult={actionData as never}
          ctx={{ status: null, verified: true }}
          before={
            <fieldset className="card space-y-2">
              <legend className="px-1 text-lg font-semibold">{t("fieldNeeds.company")}</legend>
              <label htmlFor="field-need-company" className="block text-sm font-medium">
                {t("fieldNeeds.chooseCompany")}
              </label>
              <select
                id="field-need-company"
                name="organizationId"
                required
                aria-required="true"
                className="input w-full"
                defaultValue=""
              >
                <option value="" disabled>
                  {t("fieldNeeds.chooseCompany")}
                </option>
                {d.companies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </fieldset>
          }
          buttons={
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("fieldNeeds.save")}
            </button>
          }
        />
      )}
    </section>
  );
}
