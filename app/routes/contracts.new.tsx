// /contracts/new — enter a technology contract: from an accepted offer (?offerId=, parties and
// amount prefilled) or directly (offline deals, brokers). Saved as a draft by createContract.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import { Link } from "../components/link.tsx";
import { regionNamesOf } from "../domain/regions.server.ts";
import type { Route } from "./+types/contracts.new";
import { metaTitle } from "../i18n/meta.ts";
import { can } from "../auth/permissions.ts";
import { requireUser } from "../auth/session.server.ts";
import { createContract } from "../contracts/contracts.server.ts";
import { CONTRACT_FIELD_NAMES, contractCreateFormSchema } from "../contracts/form-schemas.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { getOffer } from "../offers/offers.server.ts";
import { Notice } from "../components/forms.tsx";
import { orErrorPage } from "../components/error-page.server.ts";
import { orReply } from "../components/form-reply.server.ts";
import { ContractForm, type ContractFormDefaults, type FixedParties } from "./contracts+shared/contract-form.tsx";
import { organizationOptions } from "./contracts+shared/contract-form.server.ts";
import { formatDay } from "../domain/time.ts";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:contractNew") }];
}

function requireCreator(user: Awaited<ReturnType<typeof requireUser>>) {
  if (!can(user, "create:contract:own") && !can(user, "create:contract:any")) {
    throw new Response("无权访问 / Forbidden", { status: 403 });
  }
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  requireCreator(user);
  const locale = localeFromRequest(request, user.locale);
  const offerId = new URL(request.url).searchParams.get("offerId");
  const orgs = await organizationOptions();
  const regionNames = regionNamesOf(orgs.map((o) => o.regionCode));
  const today = formatDay(new Date());
  if (!offerId) {
    const defaults: ContractFormDefaults = {
      signedAt: today,
      sellerOrgId: user.role === "researcher" ? user.organizationId : null,
      buyerOrgId: user.role === "company" ? user.organizationId : null,
    };
    return { orgs, regionNames, defaults, offer: null, fixedParties: null };
  }
  const offer = await orErrorPage(locale, () => getOffer(offerId, user));
  // An offer on a result: the result's organization sells; a proposal on a need: the proposer sells.
  const fixedParties: FixedParties =
    offer.kind === "offer"
      ? { seller: offer.toOrg, buyer: offer.fromOrg }
      : { seller: offer.fromOrg, buyer: offer.toOrg };
  const defaults: ContractFormDefaults = {
    title: offer.listing?.title ?? "",
    contractAmountFen: offer.amountFen,
    nonTechnicalCostsFen: 0,
    signedAt: today,
    field: offer.listing?.field ?? null,
  };
  return {
    orgs,
    regionNames,
    defaults,
    offer: {
      id: offer.id,
      title: offer.listing?.title ?? "",
      amountFen: offer.amountFen,
      status: offer.status,
      mode: offer.mode,
      contract: offer.contract,
    },
    fixedParties,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  requireCreator(user);
  const locale = localeFromRequest(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: contractCreateFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const created = await orReply(submission, locale, () => createContract(submission.value, user), CONTRACT_FIELD_NAMES);
  if (!created.ok) return created.reply;
  return redirect(`/contracts/${created.value.id}?done=created`);
}

export default function NewContract({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const { orgs, defaults, offer, fixedParties } = loaderData;
  const offerUnusable = offer && (offer.status !== "accepted" || offer.contract);
  return (
    <section className="max-w-4xl">
      <p className="text-sm">
        {offer ? (
          <Link to={`/offers/${offer.id}`}>← {offer.title}</Link>
        ) : (
          <Link to="/contracts">← {t("contracts.listTitle")}</Link>
        )}
      </p>
      <h1 className="page-title mt-2">{offer ? t("contracts.newFromOfferTitle") : t("contracts.newTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("contracts.newIntro")}</p>
      {offer ? (
        <p className="mt-2 text-sm text-slate-700">
          {t("contracts.fromOffer", { title: offer.title, amount: formatFen(offer.amountFen, i18n.language) })}
        </p>
      ) : null}
      {offerUnusable ? (
        <div className="mt-6">
          {offer.contract ? (
            <Notice tone="info">
              <Link to={`/contracts/${offer.contract.id}`}>{t("offers:viewContract")}</Link>
            </Notice>
          ) : (
            <Notice tone="warning">{t("offers:closedNotice", { status: t(`offers:status.${offer.status}`) })}</Notice>
          )}
        </div>
      ) : (
        <ContractForm
          mode="create"
          defaults={defaults}
          orgs={orgs}
          lastResult={actionData as SubmissionResult<string[]> | undefined}
          fixedParties={fixedParties}
          offerId={offer?.id ?? null}
          offerHasMode={!!offer?.mode}
          submitLabel={t("contracts.saveDraft")}
        />
      )}
    </section>
  );
}
