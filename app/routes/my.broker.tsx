// /my/broker: "成为技术经纪人" — a broker user creates or edits their broker profile (level,
// certificate, fields, regions, the one broker organization). Same schemas as POST/PATCH
// /api/v1/brokers, through conform. A change of level, certificate or organization sends the
// profile back to the bureau for verification (app/brokers/brokers.server.ts).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { ApiError } from "../api/api.server.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { createBrokerProfile, getBroker, updateBrokerProfile } from "../brokers/brokers.server.ts";
import { BROKER_LEVELS, brokerCreateSchema, brokerPatchSchema } from "../brokers/schemas.ts";
import { prisma } from "../db/db.server.ts";
import { FIELDS } from "../domain/catalog.ts";
import { BAY_AREA_CITIES, GANZHOU_COUNTIES } from "../domain/regions.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { apiErrorReply } from "../components/form-reply.server.ts";
import type { Route } from "./+types/my.broker";
import {
  CheckboxGroupField,
  FormErrorSummary,
  Notice,
  SelectField,
  TextArea,
  TextField,
} from "../components/forms.tsx";
import { useLabels } from "./listings+shared/labels.tsx";
import { VerifiedBadge } from "./network+shared/broker-bits.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

async function brokerOrgOptions(organizationId: string | null) {
  // the broker's own organization, or any verified service agency (the one that signs and is paid)
  return prisma.organization.findMany({
    where: { OR: [{ kind: "agency", verifiedAt: { not: null } }, ...(organizationId ? [{ id: organizationId }] : [])] },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 500,
  });
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "create:broker:own");
  const t = serverT(localeFromRequest(request, user.locale));
  const existing = await prisma.brokerProfile.findUnique({ where: { userId: user.id }, select: { userId: true } });
  const profile = existing ? await getBroker(user.id, user) : null;
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  return {
    meta: `${t("network:myBroker.title")} · ${t("siteName")}`,
    profile,
    orgs: await brokerOrgOptions(user.organizationId),
    defaultOrgId: profile?.brokerOrgId ?? user.organizationId ?? "",
    saved,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "create:broker:own");
  const locale = localeFromRequest(request, user.locale);
  const exists = await prisma.brokerProfile.findUnique({ where: { userId: user.id }, select: { userId: true } });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: exists ? brokerPatchSchema : brokerCreateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  try {
    if (exists) {
      // a cleared list or certificate is a change too (the form sends nothing for an empty list)
      const patch = {
        ...value,
        fields: "fields" in value && value.fields ? value.fields : [],
        regions: "regions" in value && value.regions ? value.regions : [],
        certificateNumber: value.certificateNumber ?? null,
        bio: value.bio ?? "",
      };
      await updateBrokerProfile(user.id, patch, user);
    } else {
      await createBrokerProfile(brokerCreateSchema.parse(value), user);
    }
    return redirect("/my/broker?saved=1");
  } catch (error) {
    if (error instanceof ApiError) return apiErrorReply(submission, error, locale);
    throw error;
  }
}

export default function MyBroker({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const l = useLabels();
  const navigation = useNavigation();
  const p = d.profile;
  const [form, fields] = useForm({
    id: "broker-form",
    lastResult: navigation.state === "idle" ? actionData : null,
    defaultValue: {
      level: p?.level ?? "",
      certificateNumber: p?.certificateNumber ?? "",
      fields: p?.fields ?? [],
      regions: p?.regions ?? [],
      bio: p?.bio ?? "",
      brokerOrgId: d.defaultOrgId,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: p ? brokerPatchSchema : brokerCreateSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const regionOptions = Object.entries({ ...GANZHOU_COUNTIES, ...BAY_AREA_CITIES }).map(([code]) => ({
    value: code,
    label: l.region(code),
  }));
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{p ? t("myBroker.editTitle") : t("myBroker.title")}</h1>
      <p className="text-slate-700">{t("myBroker.intro")}</p>
      {d.saved ? <Notice tone="success">{t("myBroker.saved")}</Notice> : null}
      {p ? (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <VerifiedBadge verified={p.verified} />
          {p.verified ? t("myBroker.verifiedHint") : t("myBroker.pendingHint")}
          <Link to={`/brokers/${p.id}`}>{t("myBroker.publicPage")}</Link>
          <Link to="/my/leads">{t("leads.title")}</Link>
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrorSummary id={form.errorId} errors={form.errors} />
        <div className="grid gap-4 sm:grid-cols-2">
          {/* a saved profile keeps a level: no empty choice to send (the API's PATCH would keep the old one) */}
          <SelectField
            field={fields.level}
            label={t("brokers.level")}
            placeholder={p ? undefined : t("myBroker.choose")}
            required
          >
            {BROKER_LEVELS.map((k) => (
              <option key={k} value={k}>
                {t(`levels.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            field={fields.certificateNumber}
            label={t("brokers.certificate")}
            hint={t("myBroker.certificateHint")}
            maxLength={40}
          />
        </div>
        <SelectField
          field={fields.brokerOrgId}
          label={t("brokers.org")}
          hint={t("myBroker.orgHint")}
          placeholder={d.defaultOrgId ? undefined : t("myBroker.choose")}
          required
        >
          {d.orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <CheckboxGroupField
          field={fields.fields}
          legend={t("brokers.fields")}
          options={FIELDS.map((f) => ({ value: f, label: l.field(f) }))}
        />
        <CheckboxGroupField field={fields.regions} legend={t("brokers.regions")} options={regionOptions} />
        <TextArea field={fields.bio} label={t("myBroker.bio")} maxLength={2000} rows={4} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {p ? t("myBroker.save") : t("myBroker.create")}
        </button>
      </Form>
    </section>
  );
}
