// /organizations/new: bureau and admin staff enter an organization (verified at once). The same
// schema as POST /api/v1/organizations, through conform.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { ApiError, userMessage } from "../api/api.server.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { ORG_KINDS } from "../domain/catalog.ts";
import { RegionPicker } from "../components/region-picker.tsx";
import { ZONES } from "../domain/regions.ts";
import { typedRegionLabel } from "../domain/regions.server.ts";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
import { createOrganization } from "../organizations/organizations.server.ts";
import type { Route } from "./+types/organizations.new";
import { FormErrorSummary, SelectField, TextField } from "../components/forms.tsx";
import { useLabels } from "./listings+shared/labels.tsx";
import { OrganizationProfileFields } from "./organizations+shared/profile-fields.tsx";
import { ORG_LIMITS, organizationFormSchema } from "../organizations/schemas.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "create:organization:any");
  const t = serverT(localeFromRequest(request, user.locale));
  return { meta: `${t("orgs:form.title")} · ${t("siteName")}` };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "create:organization:any");
  const locale = localeFromRequest(request, user.locale);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: organizationFormSchema });
  // without JavaScript the region is a typed code: name it back once it is known to be valid
  const regionLabel = typedRegionLabel(submission.payload.regionCode);
  if (submission.status !== "success") return data({ ...submission.reply(), regionName: regionLabel }, { status: 400 });
  try {
    const org = await createOrganization(user, { ...submission.value, zone: submission.value.zone ?? null });
    return redirect(`/organizations/${org.id}`);
  } catch (error) {
    if (error instanceof ApiError) {
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fields ?? {}).map(([k, v]) => [k, [pickMessage(v, locale)]]),
      );
      return data(
        {
          ...submission.reply({ formErrors: [userMessage(error, locale)], fieldErrors }),
          regionName: regionLabel,
        },
        { status: error.status },
      );
    }
    throw error;
  }
}

export default function NewOrganization({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("orgs");
  const l = useLabels();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "org-form",
    lastResult: navigation.state === "idle" ? actionData : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organizationFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm">
        <Link to="/organizations">← {t("listTitle")}</Link>
      </p>
      <h1 className="page-title">{t("form.title")}</h1>
      <p className="text-slate-700">{t("form.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrorSummary id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label={t("form.name")} maxLength={ORG_LIMITS.name} required />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField field={fields.kind} label={t("form.kind")} placeholder={t("form.choose")} required>
            {ORG_KINDS.map((k) => (
              <option key={k} value={k}>
                {l.orgKind(k)}
              </option>
            ))}
          </SelectField>
          <TextField
            field={fields.creditCode}
            label={t("form.creditCode")}
            hint={t("form.creditCodeHint")}
            maxLength={18}
            required
          />
        </div>
        <RegionPicker
          field={fields.regionCode}
          label={t("form.regionCode")}
          chosenName={actionData?.regionName}
          required
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            field={fields.zone}
            label={t("form.zone")}
            hint={t("form.zoneHint")}
            placeholder={t("form.noZone")}
          >
            {ZONES.map((z) => (
              <option key={z} value={z}>
                {l.zone(z)}
              </option>
            ))}
          </SelectField>
        </div>
        <OrganizationProfileFields description={fields.description} website={fields.website} rows={4} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("form.create")}
        </button>
      </Form>
    </section>
  );
}
