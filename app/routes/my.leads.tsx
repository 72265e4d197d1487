// /my/leads: a broker files a lead (线索备案) — a need and a result, or a buyer and a seller
// organization, picked by name — sees each lead's status and may waive it. Organizations named in
// a lead see it here too ("introduced by"). Same schema as POST /api/v1/leads, through conform.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { ApiError, userMessage } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import { requireUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { formatDateTime, formatDay } from "../domain/time.ts";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
import { fileLead, listLeads, waiveLead } from "../leads/leads.server.ts";
import { leadCreateSchema } from "../leads/schemas.ts";
import { regionNamesOf } from "../domain/regions.server.ts";
import { apiErrorReply } from "../components/form-reply.server.ts";
import type { Route } from "./+types/my.leads";
import { ListingPicker, OrgPicker } from "../components/org-picker.tsx";
import { FormAlert, FormErrorSummary, Notice, TextArea } from "../components/forms.tsx";
import { LeadStatusBadge } from "./network+shared/broker-bits.tsx";
import { formId, formIntent } from "../components/form-intent.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

async function pickerOptions() {
  const listingSelect = { id: true, title: true, organization: { select: { name: true } } } as const;
  const [needs, results, orgs] = await Promise.all([
    prisma.need.findMany({
      where: { status: "published" },
      select: listingSelect,
      orderBy: { publishedAt: "desc" },
      take: 300,
    }),
    prisma.result.findMany({
      where: { status: "published" },
      select: listingSelect,
      orderBy: { publishedAt: "desc" },
      take: 300,
    }),
    prisma.organization.findMany({
      where: { verifiedAt: { not: null } },
      select: { id: true, name: true, kind: true, regionCode: true },
      orderBy: { name: "asc" },
      take: 1000,
    }),
  ]);
  const listing = (l: (typeof needs)[number]) => ({ id: l.id, title: l.title, orgName: l.organization.name });
  return { needs: needs.map(listing), results: results.map(listing), orgs };
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const url = new URL(request.url);
  const mayFile = can(user, "create:lead:own");
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1));
  const [list, options] = await Promise.all([
    listLeads({ page, pageSize: 50 }, user),
    mayFile ? pickerOptions() : Promise.resolve({ needs: [], results: [], orgs: [] }),
  ]);
  const done = url.searchParams.get("done");
  return {
    meta: `${serverT(locale)("network:leads.title")} · ${serverT(locale)("siteName")}`,
    mayFile,
    userId: user.id,
    leads: list.items,
    total: list.total,
    options,
    regionNames: regionNamesOf(options.orgs.map((o) => o.regionCode)),
    done: done === "filed" || done === "waived" ? done : null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const formData = await request.formData();
  if (formIntent(formData, ["waive", "file"], "file") === "waive") {
    // a button with the lead's id and no fields: a refusal is one message over the list
    try {
      await waiveLead(formId(formData, "leadId") ?? "", user);
    } catch (error) {
      if (error instanceof ApiError) return data({ waiveError: userMessage(error, locale) }, { status: error.status });
      throw error;
    }
    return redirect("/my/leads?done=waived");
  }
  // the lead schema is the API's, which refuses unknown fields: the button's intent is not one
  formData.delete("intent");
  const submission = parseWithZod(formData, { schema: leadCreateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await fileLead(submission.value, user);
    return redirect("/my/leads?done=filed");
  } catch (error) {
    if (error instanceof ApiError) return apiErrorReply(submission, error, locale);
    throw error;
  }
}

export default function MyLeads({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("network");
  const navigation = useNavigation();
  const waiveError = actionData && "waiveError" in actionData ? actionData.waiveError : null;
  const [form, fields] = useForm({
    id: "lead-form",
    lastResult: navigation.state === "idle" && !waiveError ? (actionData as never) : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: leadCreateSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const err = (f: { errors?: string[] }) => (f.errors?.length ? pickMessage(f.errors[0], i18n.language) : undefined);
  return (
    <div className="space-y-4">
      <h1 className="page-title">{t("leads.title")}</h1>
      <p className="text-slate-700">{d.mayFile ? t("leads.introBroker") : t("leads.introParty")}</p>
      {d.done ? <Notice tone="success">{t(`leads.done.${d.done}`)}</Notice> : null}
      <FormAlert message={waiveError} />
      {d.mayFile ? (
        <section className="card space-y-3" aria-labelledby="file-heading">
          <h2 id="file-heading" className="text-lg font-semibold">
            {t("leads.fileTitle")}
          </h2>
          <p className="text-sm text-slate-700">{t("leads.fileIntro")}</p>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrorSummary id={form.errorId} errors={form.errors} />
            <div className="grid gap-4 lg:grid-cols-2">
              <div className="space-y-3 rounded-md border border-slate-200 p-3">
                <h3 className="font-medium">{t("leads.buyerSide")}</h3>
                <ListingPicker
                  name="needId"
                  label={t("leads.need")}
                  hint={t("leads.needHint")}
                  options={d.options.needs}
                  error={err(fields.needId)}
                />
                <OrgPicker
                  name="buyerOrgId"
                  label={t("leads.buyerOrg")}
                  orgs={d.options.orgs}
                  error={err(fields.buyerOrgId)}
                  emptyLabel={t("pickers.none")}
                />
              </div>
              <div className="space-y-3 rounded-md border border-slate-200 p-3">
                <h3 className="font-medium">{t("leads.sellerSide")}</h3>
                <ListingPicker
                  name="resultId"
                  label={t("leads.result")}
                  hint={t("leads.resultHint")}
                  options={d.options.results}
                  error={err(fields.resultId)}
                />
                <OrgPicker
                  name="sellerOrgId"
                  label={t("leads.sellerOrg")}
                  orgs={d.options.orgs}
                  error={err(fields.sellerOrgId)}
                  emptyLabel={t("pickers.none")}
                />
              </div>
            </div>
            <TextArea field={fields.note} label={t("leads.note")} maxLength={2000} rows={3} required />
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("leads.file")}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="list-heading" className="space-y-2">
        <h2 id="list-heading" className="text-lg font-semibold">
          {t("leads.listTitle", { count: d.total })}
        </h2>
        {d.leads.length === 0 ? <p className="card">{t("leads.none")}</p> : null}
        <ul className="space-y-3">
          {d.leads.map((lead) => (
            <li key={lead.id} className="card space-y-1">
              <p className="flex flex-wrap items-center gap-2">
                <LeadStatusBadge status={lead.status} />
                <span className="font-medium">
                  {lead.buyerOrg.name} ⇄ {lead.sellerOrg.name}
                </span>
              </p>
              <p className="text-sm text-slate-700">
                {t("leads.introducedBy", { name: lead.broker.name, org: lead.broker.org.name })} ·{" "}
                {t("leads.filedAt", { at: formatDateTime(lead.createdAt) })} ·{" "}
                {t("leads.expiresAt", { at: formatDay(lead.expiresAt) })}
              </p>
              <p className="text-sm">
                {lead.needId ? <Link to={`/needs/${lead.needId}`}>{t("leads.viewNeed")}</Link> : null}
                {lead.needId && lead.resultId ? " · " : null}
                {lead.resultId ? <Link to={`/results/${lead.resultId}`}>{t("leads.viewResult")}</Link> : null}
              </p>
              {lead.note ? <p className="whitespace-pre-line text-sm text-slate-800">{lead.note}</p> : null}
              {lead.status === "live" && lead.brokerId === d.userId ? (
                <Form method="post">
                  <input type="hidden" name="leadId" value={lead.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="waive"
                    className="btn-secondary"
                    aria-label={t("leads.waiveLabel", { buyer: lead.buyerOrg.name, seller: lead.sellerOrg.name })}
                  >
                    {t("leads.waive")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
