// /organizations/:id/edit: an organization's members (and admins) keep its description and
// website, and its name until the bureau verifies it. The same schema as PATCH
// /api/v1/organizations/:id, through conform.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { ApiError, userMessage } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import { requireUser } from "../auth/session.server.ts";
import { Notice } from "../components/forms.tsx";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
import { pageError } from "../listings/pages.server.ts";
import {
  getOrganization,
  mayEditOrganization,
  updateOrganizationProfile,
} from "../organizations/organizations.server.ts";
import { OrganizationProfileFields } from "./organizations+shared/profile-fields.tsx";
import type { Route } from "./+types/organizations.$id_.edit";
import { FormErrorSummary, TextField } from "../components/forms.tsx";
import { ORG_LIMITS, organizationProfileSchema } from "../organizations/schemas.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

/** The name is the members' until the bureau verifies it; then an administrator's. */
function mayRename(user: Parameters<typeof can>[0], org: { verifiedAt: Date | null }) {
  return !org.verifiedAt || can(user, "update:organization:any");
}

async function editable(request: Request, id: string) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const org = await getOrganization(id).catch((e) => pageError(e, locale));
  if (!mayEditOrganization(user, org.id)) throw new Response("Forbidden", { status: 403 });
  return { user, locale, org };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, locale, org } = await editable(request, params.id);
  const t = serverT(locale);
  return {
    meta: `${t("orgs:edit.title", { name: org.name })} · ${t("siteName")}`,
    org: { id: org.id, name: org.name, description: org.description, website: org.website ?? "" },
    canRename: mayRename(user, org),
    saved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, locale, org } = await editable(request, params.id);
  const submission = parseWithZod(await request.formData(), { schema: organizationProfileSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    // a field left empty in the form clears it
    await updateOrganizationProfile(user, org.id, {
      ...(mayRename(user, org) && submission.value.name ? { name: submission.value.name } : {}),
      description: submission.value.description ?? "",
      website: submission.value.website ?? "",
    });
  } catch (error) {
    if (error instanceof ApiError) {
      const fieldErrors = error.fields?.name ? { name: [pickMessage(error.fields.name, locale)] } : undefined;
      return data(submission.reply({ formErrors: [userMessage(error, locale)], fieldErrors }), {
        status: error.status,
      });
    }
    throw error;
  }
  return redirect(`/organizations/${org.id}/edit?saved=1`);
}

export default function EditOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("orgs");
  const navigation = useNavigation();
  const { org, saved, canRename } = loaderData;
  const [form, fields] = useForm({
    id: "org-profile",
    lastResult: navigation.state === "idle" ? actionData : null,
    defaultValue: { name: org.name, description: org.description, website: org.website },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organizationProfileSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm">
        <Link to={`/organizations/${org.id}`}>← {t("edit.back")}</Link>
      </p>
      <h1 className="page-title">{t("edit.title", { name: org.name })}</h1>
      <p className="text-slate-700">{t("edit.intro")}</p>
      {saved && !actionData ? <Notice tone="success">{t("edit.saved")}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrorSummary id={form.errorId} errors={form.errors} />
        {canRename ? (
          <TextField field={fields.name} label={t("form.name")} hint={t("edit.nameHint")} maxLength={ORG_LIMITS.name} />
        ) : null}
        <OrganizationProfileFields description={fields.description} website={fields.website} rows={6} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("edit.save")}
        </button>
      </Form>
    </section>
  );
}
