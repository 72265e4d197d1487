// /offers/new?resultId=… (a company's offer on a published result) or ?needId=… (a researcher's
// proposal answering a published need). The server function createOffer decides who may.
import { useTranslation } from "react-i18next";
import { Form, redirect, useNavigation } from "react-router";
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
import { offerCreateSchema } from "../offers/schemas.ts";
import { FormAlert, MoneyField, Notice, SelectField, TextArea } from "../components/contracts/fields.tsx";
import { failure, orErrorPage, orFailure, zodFailure } from "../components/contracts/errors.server.ts";
import { isFailure } from "../components/contracts/failure.ts";
import { money, optional, text } from "../components/contracts/form-data.server.ts";

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
  const form = await request.formData();
  const amount = money(form, "amount", locale, { negotiable: true, required: true });
  const parsed = offerCreateSchema.safeParse({
    resultId: optional(form, "resultId"),
    needId: optional(form, "needId"),
    amountFen: amount.fen,
    mode: optional(form, "mode") ?? null,
    message: text(form, "message"),
    eventId: optional(form, "eventId"),
  });
  if (amount.error) {
    const fromSchema = parsed.success ? {} : zodFailure(parsed.error, locale, { amountFen: "amount" }).fields;
    return failure(locale, { ...fromSchema, amount: amount.error });
  }
  if (!parsed.success) return zodFailure(parsed.error, locale, { amountFen: "amount" });
  const result = await orFailure(locale, () => createOffer(parsed.data, user), { amountFen: "amount" });
  if (isFailure(result)) return result;
  return redirect(`/offers/${result.id}?done=sent`);
}

export default function NewOffer({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { kind, listing, problem, events, eventId } = loaderData;
  const errors = isFailure(actionData) ? actionData.fields : {};
  const formError = isFailure(actionData) ? actionData.formError : null;

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
        <Form
          method="post"
          className="mt-6 space-y-5"
          noValidate
          aria-describedby={formError ? "offer-form-error" : undefined}
        >
          <FormAlert id="offer-form-error" message={formError} />
          <input type="hidden" name={isOffer ? "resultId" : "needId"} value={listing.id} />
          <MoneyField
            name="amount"
            label={t("offers:amount")}
            hint={t("offers:amountHint")}
            error={errors.amount}
            negotiable
            required
            defaultFen={listing.amountFen}
          />
          <SelectField
            name="mode"
            label={t("offers:mode")}
            placeholder={t("offers:modeNone")}
            options={TRANSFER_MODES.map((m) => ({ value: m, label: localName(TRANSFER_MODE_NAMES[m], i18n.language) }))}
            error={errors.mode}
            className="max-w-sm"
          />
          {events.length ? (
            <SelectField
              name="eventId"
              label={t("events:offerEvent")}
              hint={t("events:offerEventHint")}
              placeholder={t("events:offerEventNone")}
              options={events.map((e) => ({ value: e.id, label: e.title }))}
              defaultValue={eventId ?? undefined}
              error={errors.eventId}
              className="max-w-xl"
            />
          ) : null}
          <TextArea
            name="message"
            label={t("offers:message")}
            hint={t("offers:messageHint")}
            maxLength={5000}
            rows={6}
            error={errors.message}
          />
          {errors.resultId || errors.needId ? <p className="field-error">{errors.resultId ?? errors.needId}</p> : null}
          <div className="flex gap-3">
            <button type="submit" className="btn-primary" disabled={busy}>
              {isOffer ? t("offers:submitOffer") : t("offers:submitProposal")}
            </button>
            <Link to={`/${listing.type === "result" ? "results" : "needs"}/${listing.id}`} className="btn-secondary">
              {t("common.cancel")}
            </Link>
          </div>
        </Form>
      )}
    </section>
  );
}
