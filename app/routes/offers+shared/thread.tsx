// The negotiation thread of one offer: the messages and counter-offers, who answers next, and
// the reply / accept / reject / withdraw controls the viewer's side is allowed to use.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { inParens } from "../../i18n/i18n.ts";
import { Form, useNavigation } from "react-router";
import { Link } from "../../components/link.tsx";
import type { OfferJson } from "../../offers/offer-json.server.ts";
import { ConfirmStep } from "../../components/confirm-step.tsx";
import { formatFen } from "../../domain/money.ts";
import { FormErrorSummary, HiddenField, TextArea } from "../../components/forms.tsx";
import { MoneyField } from "../../components/money-field.tsx";
import { offerReplySchema } from "../../offers/form-schemas.ts";
import { formatDateTime } from "../../domain/time.ts";

type Offer = OfferJson & { messages?: NonNullable<OfferJson["messages"]> };

export function OfferThread({ offer, myOrgId }: { offer: Offer; myOrgId: string | null }) {
  const { t, i18n } = useTranslation("contracts");
  const orgName = (id: string) =>
    id === offer.fromOrg.id ? offer.fromOrg.name : id === offer.toOrg.id ? offer.toOrg.name : id;
  const messages = offer.messages ?? [];
  return (
    <section aria-labelledby="thread-heading" className="mt-8">
      <h2 id="thread-heading" className="text-lg font-semibold">
        {t("offers:messages")}
      </h2>
      {messages.length === 0 ? (
        <p className="mt-2 text-slate-700">{t("offers:noMessages")}</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {messages.map((m, index) => {
            const mine = m.orgId === myOrgId;
            // The first message carries the opening offer; later amounts are counter-offers.
            const opening = index === 0 && m.orgId === offer.fromOrg.id;
            return (
              <li key={m.id} className={`card ${mine ? "border-brand-100 bg-brand-50 sm:ml-12" : "sm:mr-12"}`}>
                <p className="flex flex-wrap items-baseline gap-x-3 text-sm text-slate-700">
                  <span className="font-semibold text-slate-900">
                    {orgName(m.orgId)}
                    {mine ? inParens(t("offers:weSaid"), i18n.language) : ""}
                  </span>
                  <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                </p>
                {m.counterAmountFen !== null ? (
                  <p className="mt-1 font-medium text-accent-600">
                    {t(opening ? "offers:openingOffer" : "offers:counterOffer", {
                      amount: formatFen(m.counterAmountFen, i18n.language),
                    })}
                  </p>
                ) : null}
                <p className="mt-1 whitespace-pre-wrap break-words">{m.body}</p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

export function OfferActions({ offer, lastResult }: { offer: Offer; lastResult?: SubmissionResult<string[]> }) {
  const { t, i18n } = useTranslation("contracts");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const viewer = offer.viewer;
  if (!viewer || offer.status !== "open") return null;
  return (
    <div className="mt-6 space-y-4">
      {viewer.canAccept || viewer.canReject || viewer.canWithdraw ? (
        // each closes the negotiation for good: an in-page confirmation step first
        <div className="flex flex-wrap items-start gap-3">
          {viewer.canAccept ? (
            <ConfirmStep
              label={t("offers:accept")}
              message={t("offers:confirmAccept", { amount: formatFen(offer.amountFen, i18n.language) })}
              confirmLabel={t("offers:confirmYes.accept")}
              fields={{ intent: "accept" }}
              tone="primary"
              busy={busy}
            />
          ) : null}
          {viewer.canReject ? (
            <ConfirmStep
              label={t("offers:reject")}
              message={t("offers:confirmReject")}
              confirmLabel={t("offers:confirmYes.reject")}
              fields={{ intent: "reject" }}
              tone="danger"
              busy={busy}
            />
          ) : null}
          {viewer.canWithdraw ? (
            <ConfirmStep
              label={t("offers:withdraw")}
              message={t("offers:confirmWithdraw")}
              confirmLabel={t("offers:confirmYes.withdraw")}
              fields={{ intent: "withdraw" }}
              busy={busy}
            />
          ) : null}
        </div>
      ) : null}
      {viewer.canReply ? <ReplyForm busy={busy} lastResult={lastResult} /> : null}
    </div>
  );
}

function ReplyForm({ busy, lastResult }: { busy: boolean; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("contracts");
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "reply-form",
    lastResult: navigation.state === "idle" ? lastResult : null,
    defaultValue: { intent: "message", counterUnit: "wan" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: offerReplySchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4" aria-labelledby="reply-heading">
      <h2 id="reply-heading" className="text-lg font-semibold">
        {t("offers:reply")}
      </h2>
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <HiddenField field={fields.intent} />
      <TextArea field={fields.body} label={t("offers:replyBody")} required maxLength={5000} rows={4} />
      <MoneyField
        field={fields.counter}
        unitField={fields.counterUnit}
        label={t("offers:counterLabel")}
        hint={t("offers:counterHint")}
      />
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("offers:send")}
      </button>
    </Form>
  );
}

export function ContractLink({ offer }: { offer: Offer }) {
  const { t } = useTranslation("contracts");
  if (offer.status !== "accepted") return null;
  if (offer.contract) {
    return (
      <Link to={`/contracts/${offer.contract.id}`} className="btn-secondary">
        {t("offers:viewContract")}
      </Link>
    );
  }
  return (
    <Link to={`/contracts/new?offerId=${offer.id}`} className="btn-primary">
      {t("offers:createContract")}
    </Link>
  );
}
