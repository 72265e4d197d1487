// /events/new: bureau staff publish a matchmaking fair or roadshow. The same rules as
// POST /api/v1/events (app/events/schemas.ts), through conform; times are Beijing time.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/events.new";
import { ApiError } from "../api/api.server.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { createEvent } from "../events/events.server.ts";
import { EVENT_KINDS, eventFormSchema } from "../events/schemas.ts";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
import { FormErrorSummary, SelectField, TextArea, TextField } from "./listings+shared/form-controls.tsx";
import { RegionOptions } from "./listings+shared/labels.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "manage:event:any");
  const t = serverT(localeFromRequest(request, user.locale));
  return { meta: `${t("events:form.title")} · ${t("siteName")}` };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "manage:event:any");
  const locale = localeFromRequest(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: eventFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const event = await createEvent(user, { ...submission.value, capacity: submission.value.capacity ?? null });
    return redirect(`/events/${event.id}`);
  } catch (error) {
    if (error instanceof ApiError) {
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fields ?? {}).map(([k, v]) => [k, [pickMessage(v, locale)]]),
      );
      return data(submission.reply({ formErrors: [pickMessage(error.message, locale)], fieldErrors }), {
        status: error.status,
      });
    }
    throw error;
  }
}

export default function NewEvent({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "event-form",
    lastResult: navigation.state === "idle" ? actionData : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm">
        <Link to="/events">← {t("back")}</Link>
      </p>
      <h1 className="page-title">{t("form.title")}</h1>
      <p className="text-slate-700">{t("form.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrorSummary id={form.errorId} errors={form.errors} />
        <SelectField field={fields.kind} label={t("form.kind")} placeholder={t("form.choose")} required>
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField field={fields.title} label={t("form.name")} maxLength={120} required />
        <TextArea field={fields.description} label={t("form.description")} maxLength={5000} rows={5} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={fields.venue} label={t("form.venue")} maxLength={200} required />
          <SelectField field={fields.regionCode} label={t("form.region")} placeholder={t("form.choose")} required>
            <RegionOptions withGroups={false} />
          </SelectField>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={fields.startsAt} label={t("form.startsAt")} type="datetime-local" required />
          <TextField field={fields.endsAt} label={t("form.endsAt")} type="datetime-local" required />
        </div>
        <TextField
          field={fields.capacity}
          label={t("form.capacity")}
          hint={t("form.capacityHint")}
          inputMode="decimal"
        />
        <TextArea field={fields.resultIds} label={t("form.resultIds")} hint={t("form.idsHint")} rows={3} />
        <TextArea field={fields.needIds} label={t("form.needIds")} hint={t("form.idsHint")} rows={3} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("form.submit")}
        </button>
      </Form>
    </section>
  );
}
