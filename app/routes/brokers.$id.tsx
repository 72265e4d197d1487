// /brokers/:id: a broker's public page — level, certificate, fields and regions, the broker
// organization and the verified record. Bureau staff verify or revoke the profile here (POST,
// the API's brokerVerifySchema, shared by the form and the action through conform).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { can } from "../auth/permissions.ts";
import { getUser, requireUserWith } from "../auth/session.server.ts";
import { getBroker, verifyBrokerProfile } from "../brokers/brokers.server.ts";
import { brokerVerifySchema } from "../brokers/schemas.ts";
import { orErrorPage } from "../components/error-page.server.ts";
import { orReply, refused } from "../components/form-reply.server.ts";
import { FormErrors, Notice, TextArea } from "../components/forms.tsx";
import { formatDay } from "../domain/time.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/brokers.$id";
import { useLabels } from "./listings+shared/labels.tsx";
import { BrokerRecord, LevelBadge, VerifiedBadge } from "./network+shared/broker-bits.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const locale = localeFromRequest(request, viewer?.locale);
  const broker = await orErrorPage(locale, () => getBroker(params.id, viewer));
  const done = new URL(request.url).searchParams.get("done");
  return {
    meta: `${broker.name} · ${serverT(locale)("network:brokers.title")}`,
    broker,
    regionNames: regionNamesIn(broker),
    canVerify: can(viewer, "verify:broker:any"),
    own: viewer?.id === broker.id,
    done: done === "verify" || done === "revoke" ? done : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUserWith(request, "verify:broker:any");
  const locale = localeFromRequest(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: brokerVerifySchema });
  if (submission.status !== "success") return refused(submission);
  const result = await orReply(submission, locale, () => verifyBrokerProfile(params.id, submission.value, user));
  if (!result.ok) return result.reply;
  return redirect(`/brokers/${params.id}?done=${submission.value.decision}`);
}

export default function BrokerPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const l = useLabels();
  const navigation = useNavigation();
  const b = d.broker;
  const [form, fields] = useForm<{ decision?: string; note?: string }>({
    id: "verify-broker",
    lastResult: navigation.state === "idle" ? (actionData as SubmissionResult<string[]> | undefined) : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: brokerVerifySchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <article className="max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to="/brokers">← {t("brokers.title")}</Link>
      </p>
      {d.done ? <Notice tone="success">{t(`brokers.done.${d.done}`)}</Notice> : null}
      <header className="card space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="page-title">{b.name}</h1>
          <LevelBadge level={b.level} />
          <VerifiedBadge verified={b.verified} />
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("brokers.org")}</dt>
            <dd>
              <Link to={`/organizations/${b.brokerOrg.id}`}>{b.brokerOrg.name}</Link>
            </dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("brokers.certificate")}</dt>
            <dd>{b.certificateNumber ?? t("brokers.noCertificate")}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("brokers.fields")}</dt>
            <dd>{b.fields.length ? l.join(b.fields.map((f) => l.field(f))) : "—"}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("brokers.regions")}</dt>
            <dd>{b.regions.length ? l.join(b.regions.map((r) => l.region(r))) : "—"}</dd>
          </div>
          {b.verifiedAt ? (
            <div className="flex gap-2">
              <dt className="text-slate-600">{t("brokers.verifiedAt")}</dt>
              <dd>{formatDay(b.verifiedAt)}</dd>
            </div>
          ) : null}
        </dl>
        {b.bio ? <p className="whitespace-pre-line text-slate-800">{b.bio}</p> : null}
        {d.own ? (
          <p className="text-sm">
            <Link to="/my/broker">{t("brokers.editOwn")}</Link> · <Link to="/my/leads">{t("leads.title")}</Link>
          </p>
        ) : null}
      </header>
      <section className="card space-y-2" aria-labelledby="record-heading">
        <h2 id="record-heading" className="text-lg font-semibold">
          {t("record.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("record.intro")}</p>
        <BrokerRecord record={b.record} />
      </section>
      {d.canVerify ? (
        <section className="card space-y-3" aria-labelledby="verify-heading">
          <h2 id="verify-heading" className="text-lg font-semibold">
            {t("brokers.verifyTitle")}
          </h2>
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextArea field={fields.note} label={t("brokers.verifyNote")} maxLength={1000} rows={2} />
            <div className="flex flex-wrap gap-2">
              <button
                type="submit"
                name="decision"
                value="verify"
                className="btn-primary"
                disabled={navigation.state !== "idle"}
              >
                {t("brokers.verify")}
              </button>
              {b.verified ? (
                <button
                  type="submit"
                  name="decision"
                  value="revoke"
                  className="btn-secondary"
                  disabled={navigation.state !== "idle"}
                >
                  {t("brokers.revoke")}
                </button>
              ) : null}
            </div>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
