// /contracts/new — enter a technology contract: from an accepted offer (?offerId=, parties and
// amount prefilled) or directly (offline deals, brokers). Saved as a draft by createContract.
import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { Link } from "../components/link.tsx";
import { regionNamesOf } from "../domain/regions.server.ts";
import type { Route } from "./+types/contracts.new";
import { metaTitle } from "../i18n/meta.ts";
import { can } from "../auth/permissions.ts";
import { requireUser } from "../auth/session.server.ts";
import { createContract } from "../contracts/contracts.server.ts";
import { contractCreateSchema } from "../contracts/schemas.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { getOffer } from "../offers/offers.server.ts";
import { Notice } from "../components/contracts/fields.tsx";
import { failure, orErrorPage, orFailure, zodFailure } from "../components/contracts/errors.server.ts";
import { isFailure } from "../components/contracts/failure.ts";
import { ContractForm, type ContractFormDefaults, type FixedParties } from "./contracts+shared/contract-form.tsx";
import {
  CONTRACT_FIELD_NAMES,
  organizationOptions,
  readContractForm,
} from "./contracts+shared/contract-form.server.ts";
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
  const form = await request.formData();
  const fromOffer = !!form.get("offerId");
  const { input, moneyErrors } = readContractForm(form, locale, { fromOffer, includeParties: !fromOffer });
  const parsed = contractCreateSchema.safeParse(input);
  if (!parsed.success || Object.keys(moneyErrors).length) {
    const fields = parsed.success ? {} : zodFailure(parsed.error, locale, CONTRACT_FIELD_NAMES).fields;
    return failure(locale, { ...fields, ...moneyErrors });
  }
  const created = await orFailure(locale, () => createContract(parsed.data, user), CONTRACT_FIELD_NAMES);
  if (isFailure(created)) return created;
  return redirect(`/contracts/${created.id}?done=created`);
}

export default function NewContract({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const { orgs, defaults, offer, fixedParties } = loaderData;
  const failed = isFailure(actionData) ? actionData : null;
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
          defaults={defaults}
          orgs={orgs}
          errors={failed?.fields ?? {}}
          formError={failed?.formError ?? null}
          fixedParties={fixedParties}
          offerId={offer?.id ?? null}
          offerHasMode={!!offer?.mode}
          submitLabel={t("contracts.saveDraft")}
        />
      )}
    </section>
  );
}
