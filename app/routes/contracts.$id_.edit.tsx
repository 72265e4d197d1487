// /contracts/:id/edit — change a draft or returned contract (updateContract re-checks the rules
// on the merged contract); a contract from an offer keeps its parties.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import { Link } from "../components/link.tsx";
import { regionNamesOf } from "../domain/regions.server.ts";
import type { Route } from "./+types/contracts.$id_.edit";
import { metaTitle } from "../i18n/meta.ts";
import { requireUser } from "../auth/session.server.ts";
import { getContract, updateContract } from "../contracts/contracts.server.ts";
import { CONTRACT_FIELD_NAMES, contractEditFormSchema } from "../contracts/form-schemas.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { Notice } from "../components/forms.tsx";
import { orErrorPage } from "../components/error-page.server.ts";
import { orReply } from "../components/form-reply.server.ts";
import { ContractForm } from "./contracts+shared/contract-form.tsx";
import { organizationOptions } from "./contracts+shared/contract-form.server.ts";

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
  const schema = contractEditFormSchema(!!current.offerId);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = await orReply(
    submission,
    locale,
    () => updateContract(params.id, submission.value, user),
    CONTRACT_FIELD_NAMES,
  );
  if (!r.ok) return r.reply;
  return redirect(`/contracts/${params.id}?done=updated`);
}

export default function EditContract({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("contracts");
  const { contract: c, orgs } = loaderData;
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
          mode="edit"
          orgs={orgs}
          lastResult={actionData as SubmissionResult<string[]> | undefined}
          fixedParties={c.offerId ? { seller: c.seller, buyer: c.buyer } : null}
          submitLabel={t("contracts.saveChanges")}
        />
      )}
    </section>
  );
}
