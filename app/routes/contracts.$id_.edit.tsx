// /contracts/:id/edit — change a draft or returned contract (updateContract re-checks the rules
// on the merged contract); a contract from an offer keeps its parties.
import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { Link } from "../components/link.tsx";
import { regionNamesOf } from "../domain/regions.server.ts";
import type { Route } from "./+types/contracts.$id_.edit";
import { metaTitle } from "../i18n/meta.ts";
import { requireUser } from "../auth/session.server.ts";
import { getContract, updateContract } from "../contracts/contracts.server.ts";
import { contractPatchSchema } from "../contracts/schemas.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { Notice } from "../components/contracts/fields.tsx";
import { failure, orErrorPage, orFailure, zodFailure } from "../components/contracts/errors.server.ts";
import { isFailure } from "../components/contracts/failure.ts";
import { ContractForm } from "./contracts+shared/contract-form.tsx";
import {
  CONTRACT_FIELD_NAMES,
  organizationOptions,
  readContractForm,
} from "./contracts+shared/contract-form.server.ts";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:contractEdit") }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const contract = await orErrorPage(locale, () => getContract(params.id, user));
  const orgs = contract.permissions.canEdit ? await organizationOptions() : [];
  return { contract, orgs, regionNames: regionNamesOf(orgs.map((o) => o.regionCode)) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const current = await orErrorPage(locale, () => getContract(params.id, user));
  const form = await request.formData();
  const { input, moneyErrors } = readContractForm(form, locale, { includeParties: !current.offerId });
  delete input.offerId;
  const parsed = contractPatchSchema.safeParse(input);
  if (!parsed.success || Object.keys(moneyErrors).length) {
    return failure(locale, {
      ...(parsed.success ? {} : zodFailure(parsed.error, locale, CONTRACT_FIELD_NAMES).fields),
      ...moneyErrors,
    });
  }
  const r = await orFailure(locale, () => updateContract(params.id, parsed.data, user), CONTRACT_FIELD_NAMES);
  if (isFailure(r)) return r;
  return redirect(`/contracts/${params.id}?done=updated`);
}

export default function EditContract({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("contracts");
  const { contract: c, orgs } = loaderData;
  const failed = isFailure(actionData) ? actionData : null;
  return (
    <section className="max-w-4xl">
      <p className="text-sm">
        <Link to={`/contracts/${c.id}`}>← {c.title}</Link>
      </p>
      <h1 className="page-title mt-2">{t("contracts.editTitle")}</h1>
      {!c.permissions.canEdit ? (
        <div className="mt-6">
          <Notice tone="warning">{t("contracts.notEditable")}</Notice>
        </div>
      ) : (
        <ContractForm
          defaults={{
            type: c.type,
            subtype: c.subtype,
            title: c.title,
            sellerOrgId: c.sellerOrgId,
            buyerOrgId: c.buyerOrgId,
            brokerOrgId: c.brokerOrgId,
            contractAmountFen: c.contractAmountFen,
            nonTechnicalCostsFen: c.nonTechnicalCostsFen,
            signedAt: c.signedAt,
            validUntil: c.validUntil,
            ipType: c.ipType,
            field: c.field,
            commission: c.commission,
          }}
          orgs={orgs}
          errors={failed?.fields ?? {}}
          formError={failed?.formError ?? null}
          fixedParties={c.offerId ? { seller: c.seller, buyer: c.buyer } : null}
          submitLabel={t("contracts.saveChanges")}
        />
      )}
    </section>
  );
}
