// /offers/:id — one negotiation: its parties, the current amount, who must answer, the thread,
// and the actions the viewer's side may take (enforced again by the server functions).
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/offers.$id";
import { metaTitle } from "../i18n/meta.ts";
import { requireUser } from "../auth/session.server.ts";
import { TRANSFER_MODE_NAMES, localName, type TransferMode } from "../domain/catalog.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { closeOffer, getOffer, postOfferMessage } from "../offers/offers.server.ts";
import { offerReplySchema } from "../offers/form-schemas.ts";
import { OfferStatusBadge } from "../components/contracts/badges.tsx";
import { UnverifiedBadge } from "../components/unverified-badge.tsx";
import { FormErrors, Notice } from "../components/forms.tsx";
import { replyFor } from "../components/sent-form.ts";
import { orErrorPage } from "../components/error-page.server.ts";
import { orReply } from "../components/form-reply.server.ts";
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
  const submission = parseWithZod(await request.formData(), { schema: offerReplySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  if (v.intent === "message") {
    const { body, counterAmountFen } = v;
    const r = await orReply(submission, locale, () => postOfferMessage(params.id, { body, counterAmountFen }, user), {
      counterAmountFen: "counter",
    });
    return r.ok ? redirect(`/offers/${params.id}?done=sent`) : r.reply;
  }
  const r = await orReply(submission, locale, () => closeOffer(params.id, v.intent, user));
  if (!r.ok) return r.reply;
  const done = { accept: "accepted", reject: "rejected", withdraw: "withdrawn" }[v.intent];
  return redirect(`/offers/${params.id}?done=${done}`);
}

export default function OfferPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const { t: tn } = useTranslation("network");
  const { offer, myOrgId, done } = loaderData;
  const lastResult = actionData as SubmissionResult<string[]> | undefined;
  // the reply form shows its own refusals; accept / reject / withdraw are answered at the top
  const replied = replyFor(lastResult, { intent: "message" });
  const refused = lastResult?.status === "error";
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
        {refused && !replied ? <FormErrors id="offer-error" errors={lastResult?.error?.[""] ?? undefined} /> : null}
      </div>
      {done && !refused ? (
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
      <OfferActions offer={offer} lastResult={replied ?? undefined} />
    </article>
  );
}
