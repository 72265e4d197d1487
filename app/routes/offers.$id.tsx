// /offers/:id — one negotiation: its parties, the current amount, who must answer, the thread,
// and the actions the viewer's side may take (enforced again by the server functions).
import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/offers.$id";
import { metaTitle } from "../i18n/meta.ts";
import { requireUser } from "../auth/session.server.ts";
import { TRANSFER_MODE_NAMES, localName, type TransferMode } from "../domain/catalog.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { closeOffer, getOffer, postOfferMessage } from "../offers/offers.server.ts";
import { offerMessageSchema } from "../offers/schemas.ts";
import { OfferStatusBadge } from "../components/contracts/badges.tsx";
import { UnverifiedBadge } from "../components/unverified-badge.tsx";
import { FormAlert, Notice } from "../components/contracts/fields.tsx";
import { failure, orErrorPage, orFailure, zodFailure } from "../components/contracts/errors.server.ts";
import { isFailure } from "../components/contracts/failure.ts";
import { money, text } from "../components/contracts/form-data.server.ts";
import { ContractLink, OfferActions, OfferThread } from "./offers+shared/thread.tsx";
import { formatDateTime } from "../domain/time.ts";

export function meta({ data, matches }: Route.MetaArgs) {
  const title = data?.offer.listing?.title;
  return [{ title: metaTitle(matches, title ? { text: title } : "titles:negotiation") }];
}

const DONE = ["sent", "accepted", "rejected", "withdrawn"] as const;

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const offer = await orErrorPage(locale, () => getOffer(params.id, user));
  const done = new URL(request.url).searchParams.get("done");
  return { offer, myOrgId: user.organizationId, done: (DONE as readonly string[]).includes(done ?? "") ? done : null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const form = await request.formData();
  const intent = text(form, "intent");
  if (intent === "accept" || intent === "reject" || intent === "withdraw") {
    const result = await orFailure(locale, () => closeOffer(params.id, intent, user));
    if (isFailure(result)) return result;
    return redirect(
      `/offers/${params.id}?done=${intent === "accept" ? "accepted" : intent === "reject" ? "rejected" : "withdrawn"}`,
    );
  }
  const counter = money(form, "counter", locale);
  const parsed = offerMessageSchema.safeParse({ body: text(form, "body"), counterAmountFen: counter.fen ?? undefined });
  if (counter.error)
    return failure(locale, {
      ...(parsed.success ? {} : zodFailure(parsed.error, locale).fields),
      counter: counter.error,
    });
  if (!parsed.success) return zodFailure(parsed.error, locale, { counterAmountFen: "counter" });
  const result = await orFailure(locale, () => postOfferMessage(params.id, parsed.data, user), {
    counterAmountFen: "counter",
  });
  if (isFailure(result)) return result;
  return redirect(`/offers/${params.id}?done=sent`);
}

export default function OfferPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const { t: tn } = useTranslation("network");
  const { offer, myOrgId, done } = loaderData;
  const failureData = isFailure(actionData) ? actionData : null;
  const listingPath = offer.listing
    ? `/${offer.listing.type === "result" ? "results" : "needs"}/${offer.listing.id}`
    : null;
  const awaitingName = offer.awaitingOrgId === offer.fromOrg.id ? offer.fromOrg.name : offer.toOrg.name;
  const doneText = {
    sent: t("offers:sent"),
    accepted: t("offers:accepted"),
    rejected: t("offers:rejectedDone"),
    withdrawn: t("offers:withdrawnDone"),
  };
  return (
    <article className="max-w-4xl">
      <p className="text-sm">
        <Link to="/offers">← {t("offers:listTitle")}</Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="page-title">{t("offers:threadTitle", { title: offer.listing?.title ?? "" })}</h1>
        <OfferStatusBadge status={offer.status} />
        <span className="badge bg-brand-50 text-brand-800">{t(`offers:kind.${offer.kind}`)}</span>
      </div>
      <div className="mt-4">
        <FormAlert id="offer-error" message={failureData?.formError} />
      </div>
      {done && !failureData ? (
        <div className="mt-4">
          <Notice tone="success">{doneText[done as keyof typeof doneText]}</Notice>
        </div>
      ) : null}

      <dl className="card mt-4 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">{t("offers:colListing")}</dt>
          <dd>{listingPath ? <Link to={listingPath}>{offer.listing?.title}</Link> : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("offers:from")}</dt>
          <dd>
            {offer.fromOrg.name}
            <UnverifiedBadge verified={offer.fromOrg.verified} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("offers:to")}</dt>
          <dd>
            {offer.toOrg.name}
            <UnverifiedBadge verified={offer.toOrg.verified} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("offers:currentAmount")}</dt>
          <dd className="text-lg font-semibold">{formatFen(offer.amountFen, i18n.language)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("offers:mode")}</dt>
          <dd>
            {offer.mode
              ? localName(TRANSFER_MODE_NAMES[offer.mode as TransferMode], i18n.language) || offer.mode
              : t("offers:modeNone")}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{offer.closedAt ? t("offers:closedAt") : t("offers:createdAt")}</dt>
          <dd>{formatDateTime(offer.closedAt ?? offer.createdAt)}</dd>
        </div>
        {offer.broker ? (
          <div className="sm:col-span-3">
            <dt className="text-slate-600">{tn("offer.broker")}</dt>
            <dd>
              <Link to={`/brokers/${offer.broker.userId}`}>
                {tn("leads.introducedBy", { name: offer.broker.name, org: offer.broker.org.name })}
              </Link>
            </dd>
          </div>
        ) : null}
      </dl>

      <div className="mt-4">
        {offer.status === "open" ? (
          <Notice tone={offer.awaitingOrgId === myOrgId ? "warning" : "info"}>
            {offer.awaitingOrgId === myOrgId ? t("offers:yourTurn") : t("offers:theirTurn", { org: awaitingName })}
          </Notice>
        ) : offer.status === "accepted" ? (
          <div className="space-y-3">
            <Notice tone="success">{t("offers:acceptedNotice")}</Notice>
            <ContractLink offer={offer} />
          </div>
        ) : (
          <Notice>{t("offers:closedNotice", { status: t(`offers:status.${offer.status}`) })}</Notice>
        )}
      </div>

      <OfferThread offer={offer} myOrgId={myOrgId} />
      <OfferActions offer={offer} errors={failureData?.fields ?? {}} />
    </article>
  );
}
