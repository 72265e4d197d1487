// The contract page's settlement section: what is due, paid and confirmed; the schedule; the
// payments with confirm (the seller) and dispute (either side); the forms to record a bank
// transfer, start a card payment (only where Stripe is configured) and set the schedule. Every
// form posts to the page's action, which calls app/payments (the server checks again).
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "../../components/confirm-step.tsx";
import { Form, useNavigation } from "react-router";
import { formatFen } from "../../domain/money.ts";
import { FormErrorSummary, HiddenField, TextArea, TextField } from "../../components/forms.tsx";
import { MoneyField } from "../../components/money-field.tsx";
import { formatDateOnly, formatDay } from "../../domain/time.ts";
import type { listPayments } from "../../payments/settlement.server.ts";
import { fenToInput } from "../../domain/money.ts";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import { usePageForm, type MoneyInputs } from "./contract-actions.tsx";
import { replyOf } from "./page-schema.ts";

export type PaymentsView = Awaited<ReturnType<typeof listPayments>>;
type Reply = SubmissionResult<string[]> | undefined;

const STATUS_TONE: Record<string, string> = {
  recorded: "bg-amber-100 text-amber-900",
  confirmed: "bg-green-100 text-green-900",
  disputed: "bg-red-100 text-red-900",
  pending: "bg-slate-100 text-slate-800",
  failed: "bg-red-100 text-red-900",
  refunded: "bg-slate-100 text-slate-800",
};

function Figure({ label, fen, testId, tone }: { label: string; fen: number; testId: string; tone?: string }) {
  const { i18n } = useTranslation();
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone ?? ""}`} data-testid={testId} data-fen={fen}>
        {formatFen(fen, i18n.language)}
      </dd>
    </div>
  );
}

export function ContractPayments({
  view,
  reply,
  cardReference,
  payKey,
}: {
  view: PaymentsView;
  reply: Reply;
  cardReference?: string | null;
  payKey: string;
}) {
  const { t, i18n } = useTranslation("payments");
  const busy = useNavigation().state === "submitting";
  const lang = i18n.language;
  const s = view.summary;
  const p = view.permissions;
  return (
    <section id="payments" aria-labelledby="payments-h" className="card space-y-5">
      <div>
        <h2 id="payments-h" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("intro")}</p>
      </div>
      <dl className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Figure label={t("contractAmount")} fen={s.contractAmountFen} testId="pay-contract" />
        <Figure label={t("due")} fen={s.dueFen} testId="pay-due" />
        <Figure label={t("confirmed")} fen={s.confirmedFen} testId="pay-confirmed" tone="text-green-800" />
        <Figure label={t("awaiting")} fen={s.recordedFen} testId="pay-awaiting" />
        <Figure
          label={t("overdue")}
          fen={s.overdueFen}
          testId="pay-overdue"
          tone={s.overdueFen > 0 ? "text-red-700" : ""}
        />
        <Figure label={t("outstanding")} fen={s.outstandingFen} testId="pay-outstanding" />
      </dl>
      {cardReference ? (
        <p role="status" className="rounded bg-blue-50 p-3 text-sm text-blue-900">
          {t("cardStarted", { reference: cardReference })}
        </p>
      ) : null}

      <div>
        <h3 className="font-semibold">{t("schedule")}</h3>
        {view.schedule.length ? (
          <ScrollRegion label={t("schedule")} className="mt-2">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-1 pr-3">
                    {t("milestone")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("dueDate")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t("amount")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t("covered")}
                  </th>
                  <th scope="col" className="py-1">
                    {t("state")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.schedule.map((m) => (
                  <tr key={m.id} className="border-t border-slate-200">
                    <td className="py-1 pr-3">{m.title}</td>
                    <td className="py-1 pr-3 tabular-nums">{formatDateOnly(m.dueDate)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{formatFen(m.amountFen, lang)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{formatFen(m.paidFen, lang)}</td>
                    <td className={`py-1 ${m.state === "overdue" ? "font-semibold text-red-700" : ""}`}>
                      {t(`states.${m.state}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : (
          <p className="mt-1 text-sm text-slate-700">{t("scheduleNone")}</p>
        )}
        {p.canEditSchedule ? <ScheduleForm view={view} reply={reply} busy={busy} /> : null}
      </div>

      <div>
        <h3 className="font-semibold">{t("records")}</h3>
        {view.items.length ? (
          <ScrollRegion label={t("records")} className="mt-2">
            <table className="w-full text-sm" data-testid="payment-records">
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-1 pr-3">
                    {t("paidAt")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("method")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t("amount")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("reference")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("status")}
                  </th>
                  <th scope="col" className="py-1">
                    {t("actions")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.items.map((pay) => (
                  <tr key={pay.id} className="border-t border-slate-200 align-top" data-testid="payment-row">
                    <td className="py-1 pr-3 tabular-nums">{formatDay(pay.paidAt)}</td>
                    <td className="py-1 pr-3">{t(`methods.${pay.method as "bank_transfer" | "stripe"}`)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">
                      {formatFen(pay.amountFen, lang)}
                      {pay.refundedFen > 0 ? (
                        <span className="block text-xs text-slate-600">
                          {t("refunded", { amount: formatFen(pay.refundedFen, lang) })}
                        </span>
                      ) : null}
                    </td>
                    <td className="py-1 pr-3 font-mono">{pay.reference}</td>
                    <td className="py-1 pr-3">
                      <span className={`badge ${STATUS_TONE[pay.status] ?? ""}`}>
                        {t(`statuses.${pay.status as "recorded"}`)}
                      </span>
                      {pay.disputeReason && pay.status === "disputed" ? (
                        <span className="block text-xs text-slate-700">{pay.disputeReason}</span>
                      ) : null}
                    </td>
                    <td className="py-1">
                      <PaymentActions pay={pay} view={view} reply={reply} busy={busy} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : (
          <p className="mt-1 text-sm text-slate-700">{t("recordsNone")}</p>
        )}
      </div>

      {p.canRecord ? <RecordForm reply={reply} busy={busy} /> : null}
      {p.canRecord && view.methods.includes("stripe") ? <CardForm reply={reply} busy={busy} payKey={payKey} /> : null}
    </section>
  );
}

function RecordForm({ reply, busy }: { reply: Reply; busy: boolean }) {
  const { t } = useTranslation("payments");
  const [form, fields] = usePageForm<MoneyInputs<"amount"> & { paidAt: string; reference: string }>(
    "payment-record",
    "recordPayment",
    reply,
    { amountUnit: "yuan" },
  );
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 border-t border-slate-200 pt-4"
      aria-labelledby="record-h"
    >
      <h3 id="record-h" className="font-semibold">
        {t("recordTitle")}
      </h3>
      <p className="text-sm text-slate-700">{t("recordHint")}</p>
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <HiddenField field={fields.intent} />
      <div className="grid gap-3 md:grid-cols-3">
        <MoneyField field={fields.amount} unitField={fields.amountUnit} label={t("amount")} required />
        <TextField field={fields.paidAt} type="date" label={t("paidAt")} required />
        <TextField field={fields.reference} label={t("reference")} required maxLength={64} />
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("recordSubmit")}
      </button>
    </Form>
  );
}

function CardForm({ reply, busy, payKey }: { reply: Reply; busy: boolean; payKey: string }) {
  const { t } = useTranslation("payments");
  const [form, fields] = usePageForm<MoneyInputs<"cardAmount"> & { idempotencyKey: string }>(
    "payment-card",
    "payByCard",
    reply,
    {
      cardAmountUnit: "yuan",
      idempotencyKey: payKey,
    },
  );
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 border-t border-slate-200 pt-4"
      aria-labelledby="card-h"
    >
      <h3 id="card-h" className="font-semibold">
        {t("cardTitle")}
      </h3>
      <p className="text-sm text-slate-700">{t("cardHint")}</p>
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <HiddenField field={fields.intent} />
      <HiddenField field={fields.idempotencyKey} />
      <MoneyField field={fields.cardAmount} unitField={fields.cardAmountUnit} label={t("amount")} required />
      <button type="submit" className="btn-secondary" disabled={busy}>
        {t("cardSubmit")}
      </button>
    </Form>
  );
}

function PaymentActions({
  pay,
  view,
  reply,
  busy,
}: {
  pay: PaymentsView["items"][number];
  view: PaymentsView;
  reply: Reply;
  busy: boolean;
}) {
  const { t } = useTranslation("payments");
  if (pay.method !== "bank_transfer") return null;
  const canConfirm = view.permissions.canConfirm && (pay.status === "recorded" || pay.status === "disputed");
  const canDispute = view.permissions.canDispute && (pay.status === "recorded" || pay.status === "confirmed");
  return (
    <div className="space-y-2">
      {canConfirm ? (
        <ConfirmStep
          label={t("confirm")}
          message={t("confirmPrompt")}
          confirmLabel={t("confirmYes")}
          fields={{ intent: "confirmPayment", paymentId: pay.id }}
          tone="primary"
          busy={busy}
        />
      ) : null}
      {canDispute ? <DisputeForm paymentId={pay.id} reply={reply} busy={busy} /> : null}
    </div>
  );
}

function DisputeForm({ paymentId, reply, busy }: { paymentId: string; reply: Reply; busy: boolean }) {
  const { t } = useTranslation("payments");
  const key = { name: "paymentId", value: paymentId };
  const [form, fields] = usePageForm<{ paymentId: string; reason: string }>(
    `dispute-${paymentId}`,
    "disputePayment",
    reply,
    { paymentId },
    { key },
  );
  return (
    <details open={!!replyOf(reply, "disputePayment", key)?.error}>
      <summary className="cursor-pointer text-sm text-red-800">{t("dispute")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
        <FormErrorSummary id={form.errorId} errors={form.errors} />
        <HiddenField field={fields.intent} />
        <HiddenField field={fields.paymentId} />
        <TextArea field={fields.reason} label={t("disputeReason")} required maxLength={1000} rows={2} />
        <button type="submit" className="btn-danger" disabled={busy}>
          {t("submitDispute")}
        </button>
      </Form>
    </details>
  );
}

function ScheduleForm({ view, reply, busy }: { view: PaymentsView; reply: Reply; busy: boolean }) {
  const { t } = useTranslation("payments");
  const rows = [
    ...view.schedule.map((m) => ({
      title: m.title,
      dueDate: formatDateOnly(m.dueDate),
      amount: fenToInput(m.amountFen, "wan"),
      amountUnit: "wan",
    })),
    { title: "", dueDate: "", amount: "", amountUnit: "wan" },
    { title: "", dueDate: "", amount: "", amountUnit: "wan" },
  ].slice(0, 24);
  const [form, fields] = usePageForm<{ milestones: Array<MoneyInputs<"amount"> & { title: string; dueDate: string }> }>(
    "payment-schedule",
    "saveSchedule",
    reply,
    { milestones: rows },
  );
  const list = fields.milestones.getFieldList();
  return (
    <details className="mt-3" open={!!replyOf(reply, "saveSchedule")?.error}>
      <summary className="cursor-pointer text-sm">{t("editSchedule")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-3">
        <HiddenField field={fields.intent} />
        <p className="text-sm text-slate-700">{t("scheduleHint")}</p>
        <FormErrorSummary id={form.errorId} errors={[...(form.errors ?? []), ...(fields.milestones.errors ?? [])]} />
        {list.map((rowField, i) => {
          const row = rowField.getFieldset();
          return (
            <fieldset key={rowField.key} className="grid gap-3 md:grid-cols-3">
              <legend className="sr-only">{`${t("milestone")} ${i + 1}`}</legend>
              <TextField field={row.title} label={`${t("milestone")} ${i + 1}`} maxLength={100} />
              <TextField field={row.dueDate} type="date" label={t("dueDate")} />
              <MoneyField field={row.amount} unitField={row.amountUnit} label={t("amount")} />
            </fieldset>
          );
        })}
        <button type="submit" className="btn-secondary" disabled={busy}>
          {t("saveSchedule")}
        </button>
      </Form>
    </details>
  );
}
