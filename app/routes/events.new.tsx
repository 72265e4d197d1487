// /events/new: bureau staff publish a matchmaking fair or roadshow. The same rules as
// POST /api/v1/events (app/events/schemas.ts), through conform; times are Beijing time. The
// listings presented are found by a search inside the form (a GET of the whole form, so what was
// typed comes back through the query string); publishing lands on the event with a confirmation.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link, useLinkLocale } from "../components/link.tsx";
import type { Route } from "./+types/events.new";
import { ApiError, userMessage } from "../api/api.server.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { ListingPicker } from "../components/events/listing-picker.tsx";
import { createEvent } from "../events/events.server.ts";
import { pickableListings } from "../events/listing-picker.server.ts";
import { EVENT_KINDS, eventFormSchema } from "../events/schemas.ts";
import { hrefInLocale, LNG_PARAM, localeFromRequest, pickMessage, serverT, urlLocale } from "../i18n/i18n.ts";
import { FieldErrors, FormErrorSummary, SelectField, TextArea, TextField } from "../components/forms.tsx";

const FIELDS = ["kind", "title", "description", "venue", "regionCode", "startsAt", "endsAt", "capacity"] as const;
const ids = (v: unknown) => [v ?? []].flat().map(String).slice(0, 50);
const picks = (values: { resultIds?: unknown; needIds?: unknown }) => ({
  resultIds: ids(values.resultIds),
  needIds: ids(values.needIds),
});
import { RegionOptions } from "./listings+shared/labels.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "manage:event:any");
  const t = serverT(localeFromRequest(request, user.locale));
  const params = new URL(request.url).searchParams;
  // the form comes back from a listing search with what was typed
  const values: Partial<Record<(typeof FIELDS)[number], string>> = Object.fromEntries(
    FIELDS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : [])),
  );
  return {
    meta: `${t("events:form.title")} · ${t("siteName")}`,
    values,
    picker: await pickableListings(
      params.get("listingQuery") ?? "",
      picks({ resultIds: params.getAll("resultIds"), needIds: params.getAll("needIds") }),
    ),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "manage:event:any");
  const locale = localeFromRequest(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: eventFormSchema });
  // what was ticked stays ticked, with its title, when the form comes back with errors (read from
  // conform's payload: the search words are no field of the event)
  const sent = submission.payload as { listingQuery?: unknown; resultIds?: unknown; needIds?: unknown };
  const picker = () => pickableListings(typeof sent.listingQuery === "string" ? sent.listingQuery : "", picks(sent));
  if (submission.status !== "success")
    return data({ result: submission.reply(), picker: await picker() }, { status: 400 });
  try {
    const event = await createEvent(user, { ...submission.value, capacity: submission.value.capacity ?? null });
    return redirect(hrefInLocale(`/events/${event.id}?published=1`, urlLocale(request.url)));
  } catch (error) {
    if (error instanceof ApiError) {
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fields ?? {}).map(([k, v]) => [k, [pickMessage(v, locale)]]),
      );
      return data(
        {
          result: submission.reply({ formErrors: [userMessage(error, locale)], fieldErrors }),
          picker: await picker(),
        },
        { status: error.status },
      );
    }
    throw error;
  }
}

export default function NewEvent({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const navigation = useNavigation();
  // the listing search is a GET of this form, which replaces the query string: keep the language
  const lng = useLinkLocale();
  const [form, fields] = useForm<z.input<typeof eventFormSchema>, z.output<typeof eventFormSchema>>({
    id: "event-form",
    lastResult: navigation.state === "idle" ? actionData?.result : null,
    defaultValue: d.values,
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
        {lng ? <input type="hidden" name={LNG_PARAM} value={lng} /> : null}
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
        <ListingPicker
          key={JSON.stringify(actionData?.picker ?? d.picker)}
          data={actionData?.picker ?? d.picker}
          busy={navigation.state !== "idle"}
        />
        <FieldErrors field={fields.resultIds} />
        <FieldErrors field={fields.needIds} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("form.submit")}
        </button>
      </Form>
    </section>
  );
}
