// /contracts/:id — one technology contract: details, status timeline, versions, audit trail,
// anomaly flags (bureau), and the actions the viewer may take: edit / submit (seller side),
// register / return / reject (bureau), amend / cancel (bureau), and the parties' confirmation. All through contracts.server.ts.
// Settlement (schedule, payments, confirm, dispute) through app/payments.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import { regionNamesOf } from "../domain/regions.server.ts";
import type { Route } from "./+types/contracts.$id";
import { metaTitle } from "../i18n/meta.ts";
import { requireUser } from "../auth/session.server.ts";
import { getContract } from "../contracts/contracts.server.ts";
import { prisma } from "../db/db.server.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { ContractStatusBadge } from "../components/contracts/badges.tsx";
import { FormErrors, Notice } from "../components/forms.tsx";
import { formIntent } from "../components/form-intent.ts";
import { refused } from "../components/form-reply.server.ts";
import { orErrorPage } from "../components/error-page.server.ts";
import {
  AmendAction,
  CancelAction,
  ContractFlags,
  ReviewAction,
  SubmitAction,
} from "./contracts+shared/contract-actions.tsx";
import { CONTRACT_DONE, contractAction } from "./contracts+shared/contract-actions.server.ts";
import { ContractAuditTrail, ContractTimeline, ContractVersions } from "./contracts+shared/contract-history.tsx";
import { ContractConsent } from "./contracts+shared/contract-consent.tsx";
import { ContractSummary } from "./contracts+shared/contract-summary.tsx";
import { ContractPayments } from "./contracts+shared/contract-payments.tsx";
import { PAYMENT_DONE, paymentAction } from "./contracts+shared/payment-actions.server.ts";
import { CONTRACT_PAGE_INTENTS, contractPageSchema, replyOf } from "./contracts+shared/page-schema.ts";
import { listPayments } from "../payments/settlement.server.ts";
import { ContractSubsidies } from "./contracts+shared/contract-subsidies.tsx";
import { SUBSIDY_DONE, subsidyAction } from "./contracts+shared/subsidy-actions.server.ts";
import { contractSubsidyView } from "../subsidies/page.server.ts";

export function meta({ data, matches }: Route.MetaArgs) {
  const title = data?.contract.title;
  return [{ title: metaTitle(matches, title ? { text: title } : "titles:contracts") }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const contract = await orErrorPage(locale, () => getContract(params.id, user));
  // Names of the people in the history and of those who confirmed (a read of names only).
  const ids = [
    ...new Set(
      [...contract.auditTrail.map((e) => e.actorId), ...contract.confirmations.map((k) => k.userId)].filter(
        (v): v is string => !!v,
      ),
    ),
  ];
  const people = ids.length
    ? await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : [];
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  const paymentDone = url.searchParams.get("payment");
  const subsidyDone = url.searchParams.get("subsidy");
  return {
    subsidies: await contractSubsidyView(params.id, user, locale),
    subsidyDone: (SUBSIDY_DONE as readonly string[]).includes(subsidyDone ?? "") ? subsidyDone : null,
    contract,
    payments: await listPayments(params.id, user),
    paymentDone: (PAYMENT_DONE as readonly string[]).includes(paymentDone ?? "")
      ? (paymentDone as (typeof PAYMENT_DONE)[number])
      : null,
    // one key per page view: a double-clicked card payment starts one payment
    payKey: crypto.randomUUID(),
    actors: Object.fromEntries(people.map((p) => [p.id, p.name])),
    regionNames: regionNamesOf([contract.seller, contract.buyer, contract.broker].map((o) => o?.regionCode)),
    done: (CONTRACT_DONE as readonly string[]).includes(done ?? "") ? done : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const formData = await request.formData();
  const id = params.id;
  // an amendment sends only the amounts that change: it compares with the contract as it is now
  const current =
    formIntent(formData, CONTRACT_PAGE_INTENTS) === "amend"
      ? await orErrorPage(locale, () => getContract(id, user))
      : null;
  const submission = parseWithZod(formData, { schema: contractPageSchema(current) });
  if (submission.status !== "success") return refused(submission);
  return (
    (await paymentAction(submission, id, user, locale)) ??
    (await subsidyAction(submission, id, user, locale)) ??
    (await contractAction(submission, id, user, locale))
  );
}

export default function ContractPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("contracts");
  const { t: tp } = useTranslation("payments");
  const { t: ts } = useTranslation("subsidies");
  const { contract, actors, done, payments, paymentDone, payKey, subsidies, subsidyDone } = loaderData;
  const cardReference = actionData && "cardReference" in actionData ? (actionData.cardReference as string) : null;
  const reply = actionData && !("cardReference" in actionData) ? (actionData as SubmissionResult<string[]>) : undefined;
  // the forms without fields of their own (a button behind a confirmation) show a refusal here
  const buttonErrors = (["submit", "delete", "confirm", "confirmPayment", "applySubsidy"] as const).flatMap(
    (intent) => replyOf(reply, intent)?.error?.[""] ?? [],
  );
  const failed = !!reply?.error && Object.keys(reply.error).length > 0;
  const showCertificate =
    contract.status === "registered" || (contract.status === "cancelled" && contract.registrationNumber);
  return (
    <article className="space-y-6">
      <div>
        <p className="text-sm">
          <Link to="/contracts">← {t("contracts.listTitle")}</Link>
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="page-title">{contract.title}</h1>
          <ContractStatusBadge status={contract.status} />
          {contract.registrationNumber ? (
            <span className="font-mono text-slate-700" data-testid="registration-number">
              {contract.registrationNumber}
            </span>
          ) : null}
        </div>
      </div>
      <FormErrors id="contract-error" errors={buttonErrors} />
      {done && !failed ? <Notice tone="success">{t(`contracts.${done}`)}</Notice> : null}
      {paymentDone && !failed ? <Notice tone="success">{tp(`done.${paymentDone}`)}</Notice> : null}
      {subsidyDone && !failed ? <Notice tone="success">{ts(`done.${subsidyDone}`)}</Notice> : null}
      {contract.status === "returned" && contract.reviewNote ? (
        <Notice tone="warning">
          {t("contract.reviewNote")}
          {t("listings:list.colon")}
          <span data-user-content>{contract.reviewNote}</span>
        </Notice>
      ) : null}

      <section aria-label={t("contract.actions")} className="space-y-4">
        <div className="flex flex-wrap gap-3">
          {showCertificate ? (
            <Link to={`/contracts/${contract.id}/certificate`} className="btn-secondary">
              {t("contract.certificate")}
            </Link>
          ) : null}
        </div>
        <ContractConsent contract={contract} actors={actors} />
        <SubmitAction contract={contract} />
        <ReviewAction contract={contract} reply={reply} />
      </section>

      <ContractSummary contract={contract} />
      <ContractFlags flags={contract.flags} reply={reply} />
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <ContractTimeline contract={contract} actors={actors} />
        <ContractVersions contract={contract} />
      </div>
      <ContractPayments view={payments} reply={reply} cardReference={cardReference} payKey={payKey} />
      <ContractSubsidies view={subsidies} />
      <AmendAction contract={contract} reply={reply} />
      <CancelAction contract={contract} reply={reply} />
      <ContractAuditTrail contract={contract} actors={actors} />
    </article>
  );
}
