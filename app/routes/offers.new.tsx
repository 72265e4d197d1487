// /offers/new?resultId=… (a company's offer on a published result) or ?needId=… (a researcher's
// proposal answering a published need). The server function createOffer decides who may.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/offers.new";
import { metaTitle } from "../i18n/meta.ts";
import { requireUser } from "../auth/session.server.ts";
import { FIELD_NAMES, TRANSFER_MODES, TRANSFER_MODE_NAMES, localName, type Field } from "../domain/catalog.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { getNeedFor } from "../listings/needs.server.ts";
import { getResultFor } from "../listings/results.server.ts";
import { createOffer, OFFER_ROLES, PROPOSAL_ROLES } from "../offers/offers.server.ts";
import { prisma } from "../db/db.server.ts";
import { offerFormSchema, type OfferFormFields, type OfferFormValue } from "../offers/form-schemas.ts";
import { FormErrorSummary, HiddenField, Notice, SelectField, TextArea } from "../components/forms.tsx";
import { moneyDefaults, MoneyField } from "../components/money-field.tsx";
import { orErrorPage } from "../components/error-page.server.ts";
import { orReply } from "../components/form-reply.server.ts";

export function meta({ data, matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, data?.kind === "proposal" ? "titles:proposalNew" : "titles:offerNew") }];
}

async function loadTarget(
  user: Awaited<ReturnType<typeof requireUser>>,
  resultId: string | null,
  needId: string | null,
) {
  if (resultId) {
    const r = await getResultFor(user, resultId);
    return {
      kind: "offer" as const,
      listing: {
        type: "result" as const,
        id: r.id,
        title: r.title,
        field: r.field,
        amountFen: r.priceFen === null ? null : Number(r.priceFen),
        orgId: r.organizationId,
        orgName: r.organization.name,
        status: r.status,
      },
    };
  }
  const n = await getNeedFor(user, needId!);
  return {
    kind: "proposal" as const,
    listing: {
      type: "need" as const,
      id: n.id,
      title: n.title,
      field: n.field,
      amountFen: n.budgetFen === null ? null : Number(n.budgetFen),
      orgId: n.organizationId,
      orgName: n.organization.name,
      status: n.status,
    },
  };
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const url = new URL(request.url);
  const resultId = url.searchParams.get("resultId");
  const needId = url.searchParams.get("needId");
  if (!resultId && !needId)
    return { kind: null, listing: null, problem: "missingTarget" as const, events: [], eventId: null };
  const target = await orErrorPage(locale, () => loadTarget(user, resultId, needId));
  const roles = target.kind === "offer" ? OFFER_ROLES : PROPOSAL_ROLES;
  const problem = !user.organizationId
    ? ("noOrganization" as const)
    : !roles.includes(user.role)
      ? target.kind === "offer"
        ? ("notAllowedOffer" as const)
        : ("notAllowedProposal" as const)
      : target.listing.orgId === user.organizationId
        ? ("ownListing" as const)
        : // drafts only until the bureau verifies the organization (createOffer refuses it too)
          !user.organization?.verifiedAt
          ? ("orgUnverified" as const)
          : null;
  // the fairs and roadshows the user registered for (recent or coming): an offer may name the
  // one where it started, which makes it that event's outcome (no form, no list)
  const registrations = problem
    ? []
    : await prisma.eventRegistration.findMany({
        where: { userId: user.id, event: { endsAt: { gte: new Date(Date.now() - 90 * 86_400_000) } } },
        orderBy: { event: { startsAt: "desc" } },
        take: 20,
        select: { event: { select: { id: true, title: true } } },
      });
  const events = registrations.map((r) => r.event);
  const askedEvent = url.searchParams.get("eventId");
  return { ...target, problem, events, eventId: events.some((e) => e.id === askedEvent) ? askedEvent : null };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: offerFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const created = await orReply(submission, locale, () => createOffer(submission.value, user), {
    amountFen: "amount",
  });
  if (!created.ok) return created.reply;
  return redirect(`/offers/${created.value.id}?done=sent`);
}

export default function NewOffer({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const { kind, listing, problem } = loaderData;

  if (!kind || !listing) {
    return (
      <section className="max-w-2xl">
        <h1 className="page-title">{t("offers:newOfferTitle")}</h1>
        <p className="mt-4 text-slate-700">{t("offers:missingTarget")}</p>
        <p className="mt-4 flex gap-3">
          <Link to="/results" className="btn-secondary">
            {t("offers:browseResults")}
          </Link>
          <Link to="/needs" className="btn-secondary">
            {t("offers:browseNeeds")}
          </Link>
        </p>
      </section>
    );
  }
  const isOffer = kind === "offer";
  return (
    <section className="max-w-3xl">
      <p className="text-sm">
        <Link to={`/${listing.type === "result" ? "results" : "needs"}/${listing.id}`}>← {listing.title}</Link>
      </p>
      <h1 className="page-title mt-2">{isOffer ? t("offers:newOfferTitle") : t("offers:newProposalTitle")}</h1>
      <p className="mt-2 text-slate-700">{isOffer ? t("offers:newOfferIntro") : t("offers:newProposalIntro")}</p>

      <section aria-labelledby="listing-summary" className="card mt-4">
        <h2 id="listing-summary" className="text-sm font-semibold text-slate-600">
          {t("offers:listingSummary")}
        </h2>
        <p className="mt-1 text-lg font-medium">{listing.title}</p>
        <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-600">{t("offers:listingOwner")}</dt>
            <dd>{listing.orgName}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("offers:listingField")}</dt>
            <dd>{localName(FIELD_NAMES[listing.field as Field], i18n.language) || listing.field}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{isOffer ? t("offers:listingPrice") : t("offers:listingBudget")}</dt>
            <dd>{formatFen(listing.amountFen, i18n.language)}</dd>
          </div>
        </dl>
      </section>

      {problem ? (
        <div className="mt-6">
          <Notice tone="warning">
            {problem === "noOrganization" ? t("common.noOrganization") : t(`offers:${problem}`)}
          </Notice>
        </div>
      ) : (
        <OfferForm data={loaderData} lastResult={actionData as SubmissionResult<string[]> | undefined} />
      )}
    </section>
  );
}

function OfferForm({
  data: { kind, listing, events, eventId },
  lastResult,
}: {
  data: Route.ComponentProps["loaderData"];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, i18n } = useTranslation("contracts");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const isOffer = kind === "offer";
  const [form, fields] = useForm<OfferFormFields, OfferFormValue>({
    id: "offer-form",
    lastResult: navigation.state === "idle" ? lastResult : null,
    defaultValue: {
      [isOffer ? "resultId" : "needId"]: listing!.id,
      ...moneyDefaults("amount", listing!.amountFen),
      eventId: eventId ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: offerFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const listingPath = `/${listing!.type === "result" ? "results" : "needs"}/${listing!.id}`;
  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <HiddenField field={isOffer ? fields.resultId : fields.needId} />
      <MoneyField
        field={fields.amount}
        unitField={fields.amountUnit}
        negotiableField={fields.amountNegotiable}
        label={t("offers:amount")}
        hint={t("offers:amountHint")}
        required
      />
      <SelectField
        field={fields.mode}
        label={t("offers:mode")}
        placeholder={t("offers:modeNone")}
        options={TRANSFER_MODES.map((m) => ({ value: m, label: localName(TRANSFER_MODE_NAMES[m], i18n.language) }))}
        className="max-w-sm"
      />
      {events.length ? (
        <SelectField
          field={fields.eventId}
          label={t("events:offerEvent")}
          hint={t("events:offerEventHint")}
          placeholder={t("events:offerEventNone")}
          options={events.map((e) => ({ value: e.id, label: e.title }))}
          className="max-w-xl"
        />
      ) : null}
      <TextArea
        field={fields.message}
        label={t("offers:message")}
        hint={t("offers:messageHint")}
        maxLength={5000}
        rows={6}
      />
      <div className="flex gap-3">
        <button type="submit" className="btn-primary" disabled={busy}>
          {isOffer ? t("offers:submitOffer") : t("offers:submitProposal")}
        </button>
        <Link to={listingPath} className="btn-secondary">
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
