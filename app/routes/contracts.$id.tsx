// /contracts/:id — one technology contract: details, status timeline, versions, audit trail,
// anomaly flags (bureau), and the actions the viewer may take: edit / submit (seller side),
// register / return / reject (bureau), amend / cancel (bureau), and the parties' confirmation. All through contracts.server.ts.
// Settlement (schedule, payments, confirm, dispute) through app/payments.
import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { Link } from "../components/link.tsx";
import { regionNamesOf } from "../domain/regions.server.ts";
import type { Route } from "./+types/contracts.$id";
import { metaTitle } from "../i18n/meta.ts";
import { can } from "../auth/permissions.ts";
import { requireUser } from "../auth/session.server.ts";
import { resolveAnomaly } from "../contracts/anomaly-review.server.ts";
import {
  amendContract,
  cancelContract,
  deleteContract,
  getContract,
  reviewContract,
  submitContract,
} from "../contracts/contracts.server.ts";
import { confirmContract } from "../contracts/consent.server.ts";
import { amendSchema, cancelSchema, reviewSchema } from "../contracts/schemas.ts";
import { prisma } from "../db/db.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { ContractStatusBadge } from "../components/contracts/badges.tsx";
import { FormAlert, Notice } from "../components/contracts/fields.tsx";
import { failure, orErrorPage, orFailure, zodFailure } from "../components/contracts/errors.server.ts";
import { isFailure } from "../components/contracts/failure.ts";
import { money, text } from "../components/contracts/form-data.server.ts";
import {
  AmendAction,
  CancelAction,
  ContractFlags,
  ReviewAction,
  SubmitAction,
} from "./contracts+shared/contract-actions.tsx";
import { ContractAuditTrail, ContractTimeline, ContractVersions } from "./contracts+shared/contract-history.tsx";
import { ContractConsent } from "./contracts+shared/contract-consent.tsx";
import { ContractSummary } from "./contracts+shared/contract-summary.tsx";
import { CONTRACT_FIELD_NAMES } from "../contracts/form-schemas.ts";
import { ContractPayments } from "./contracts+shared/contract-payments.tsx";
import { PAYMENT_DONE, paymentAction } from "./contracts+shared/payment-actions.server.ts";
import { listPayments } from "../payments/settlement.server.ts";
import { ContractSubsidies } from "./contracts+shared/contract-subsidies.tsx";
import { SUBSIDY_DONE, subsidyAction } from "./contracts+shared/subsidy-actions.server.ts";
import { contractSubsidyView } from "../subsidies/page.server.ts";

export function meta({ data, matches }: Route.MetaArgs) {
  const title = data?.contract.title;
  return [{ title: metaTitle(matches, title ? { text: title } : "titles:contracts") }];
}

const DONE = [
  "created",
  "updated",
  "confirmed",
  "submitted",
  "reviewedRegister",
  "reviewedReturn",
  "reviewedReject",
  "amended",
  "cancelled",
  "flagResolved",
] as const;

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
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const form = await request.formData();
  const intent = text(form, "intent");
  const id = params.id;
  const back = (done: (typeof DONE)[number]) => redirect(`/contracts/${id}?done=${done}`);

  const paid = await paymentAction(intent, form, id, user, locale);
  if (paid) return paid;
  if (intent === "confirm") {
    const r = await orFailure(locale, () => confirmContract(id, user));
    return isFailure(r) ? r : back("confirmed");
  }
  const subsidy = await subsidyAction(intent, form, id, user, locale);
  if (subsidy) return subsidy;
  if (intent === "submit") {
    const r = await orFailure(locale, () => submitContract(id, user));
    return isFailure(r) ? r : back("submitted");
  }
  if (intent === "delete") {
    const r = await orFailure(locale, () => deleteContract(id, user));
    return isFailure(r) ? r : redirect("/contracts");
  }
  if (intent === "review") {
    const parsed = reviewSchema.safeParse({ decision: text(form, "decision"), note: text(form, "note") || undefined });
    if (!parsed.success) return zodFailure(parsed.error, locale);
    const r = await orFailure(locale, () => reviewContract(id, parsed.data, user));
    if (isFailure(r)) return r;
    return back(
      parsed.data.decision === "register"
        ? "reviewedRegister"
        : parsed.data.decision === "return"
          ? "reviewedReturn"
          : "reviewedReject",
    );
  }
  if (intent === "amend") {
    const current = await orErrorPage(locale, () => getContract(id, user));
    const amount = money(form, "contractAmount", locale);
    const costs = money(form, "nonTechnicalCosts", locale);
    const moneyErrors: Record<string, string> = {};
    if (amount.error) moneyErrors.contractAmount = amount.error;
    if (costs.error) moneyErrors.nonTechnicalCosts = costs.error;
    // Only the amounts that change are sent; the schema refuses an amendment that changes nothing.
    const parsed = amendSchema.safeParse({
      contractAmountFen: amount.fen !== null && amount.fen !== current.contractAmountFen ? amount.fen : undefined,
      nonTechnicalCostsFen: costs.fen !== null && costs.fen !== current.nonTechnicalCostsFen ? costs.fen : undefined,
      reason: text(form, "reason"),
    });
    if (!parsed.success || Object.keys(moneyErrors).length) {
      return failure(locale, {
        ...(parsed.success ? {} : zodFailure(parsed.error, locale, CONTRACT_FIELD_NAMES).fields),
        ...moneyErrors,
      });
    }
    // The costs rule across the merged amounts (the schema sees only the changed ones).
    const r = await orFailure(locale, () => amendContract(id, parsed.data, user), CONTRACT_FIELD_NAMES);
    return isFailure(r) ? r : back("amended");
  }
  if (intent === "cancel") {
    const parsed = cancelSchema.safeParse({ reason: text(form, "reason") });
    if (!parsed.success) return zodFailure(parsed.error, locale, { reason: "cancelReason" });
    const r = await orFailure(locale, () => cancelContract(id, parsed.data, user), { reason: "cancelReason" });
    return isFailure(r) ? r : back("cancelled");
  }
  if (intent === "resolveFlag") {
    if (!can(user, "review:contract:any")) throw new Response("无权访问 / Forbidden", { status: 403 });
    const flagId = text(form, "flagId");
    const resolution = text(form, "resolution");
    if (!resolution) return failure(locale, { [`flag:${flagId}`]: serverT(locale)("bureau:resolutionRequired") });
    const r = await orFailure(locale, async () => {
      // the flag must belong to this contract
      const contract = await getContract(id, user);
      if (!contract.flags?.some((f) => f.id === flagId)) throw new Response("Not found", { status: 404 });
      return resolveAnomaly(flagId, resolution.slice(0, 2000), user);
    });
    return isFailure(r) ? r : back("flagResolved");
  }
  throw new Response("Bad request", { status: 400 });
}

export default function ContractPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("contracts");
  const { t: tp } = useTranslation("payments");
  const { t: ts } = useTranslation("subsidies");
  const { contract, actors, done, payments, paymentDone, payKey, subsidies, subsidyDone } = loaderData;
  const cardReference = actionData && "cardReference" in actionData ? (actionData.cardReference as string) : null;
  const failed = isFailure(actionData) ? actionData : null;
  const errors = failed?.fields ?? {};
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
      <FormAlert id="contract-error" message={failed?.formError} />
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
        <ReviewAction contract={contract} errors={errors} />
      </section>

      <ContractSummary contract={contract} />
      <ContractFlags flags={contract.flags} errors={errors} />
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <ContractTimeline contract={contract} actors={actors} />
        <ContractVersions contract={contract} />
      </div>
      <ContractPayments view={payments} errors={errors} cardReference={cardReference} payKey={payKey} />
      <ContractSubsidies view={subsidies} />
      <AmendAction contract={contract} errors={errors} />
      <CancelAction contract={contract} errors={errors} />
      <ContractAuditTrail contract={contract} actors={actors} />
    </article>
  );
}
