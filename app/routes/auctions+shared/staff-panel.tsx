// The market staff's part of the bidding room: review, close, default, cancel; deposit
// confirmation against the bank statement (a payer-name mismatch needs a reason) and bank refunds
// marked with their reference; objections decided. The seller submits its draft here. The forms with
// typed fields are in room-forms.tsx.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { formatFen } from "../../domain/money.ts";
import type { RoomData } from "./room.tsx";
import {
  CancelForm,
  DepositConfirmForm,
  ObjectionDecisionForm,
  RefundForm,
  ReviewForm,
  type RoomReply,
} from "./room-forms.tsx";

export function StaffPanel({ d, busy, reply }: { d: RoomData; busy: boolean; reply: RoomReply }) {
  const { t, i18n } = useTranslation("auctions");
  const a = d.auction;
  const money = (fen: number) => formatFen(fen, i18n.language);
  return (
    <section className="card space-y-3" aria-labelledby="staff-heading">
      <h2 id="staff-heading" className="font-semibold">
        {d.me.isStaff ? t("staff.title") : t("staff.sellerTitle")}
      </h2>
      <div className="flex flex-wrap gap-2">
        {a.status === "draft" ? (
          <Form method="post">
            <button className="btn-primary" name="intent" value="submit" disabled={busy}>
              {t("staff.submit")}
            </button>
          </Form>
        ) : null}
        {d.me.isStaff && a.status === "pending_review" ? <ReviewForm reply={reply} busy={busy} /> : null}
        {d.me.isStaff && a.status === "bidding" ? (
          <Form method="post">
            <button className="btn-secondary" name="intent" value="close" disabled={busy}>
              {t("staff.close")}
            </button>
          </Form>
        ) : null}
        {d.me.isStaff && a.status === "sold" && !a.contractId ? (
          <Form method="post">
            <button className="btn-danger" name="intent" value="default" disabled={busy}>
              {t("staff.default")}
            </button>
          </Form>
        ) : null}
      </div>
      {d.me.isStaff && ["pending_review", "announced", "bidding"].includes(a.status) ? (
        <CancelForm reply={reply} busy={busy} />
      ) : null}

      {d.me.isStaff && d.deposits.length ? (
        <div className="overflow-x-auto">
          <h3 className="font-semibold">{t("staff.deposits")}</h3>
          <table className="w-full text-sm" data-testid="staff-deposits">
            <thead>
              <tr className="text-left">
                <th scope="col">{t("bidder")}</th>
                <th scope="col">{t("staff.org")}</th>
                <th scope="col">{t("reference")}</th>
                <th scope="col">{t("amount")}</th>
                <th scope="col">{t("staff.status")}</th>
                <th scope="col">{t("staff.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {d.deposits.map((dep) => (
                <tr key={dep.id} className="align-top">
                  <td>{dep.bidderCode}</td>
                  <td>{dep.organization?.name}</td>
                  <td className="font-mono">{dep.reference}</td>
                  <td>{money(dep.amountFen)}</td>
                  <td>
                    {t(`depositStatuses.${dep.status}`)}
                    {dep.payerMismatchReason ? ` · ${t("staff.mismatch")}: ${dep.payerMismatchReason}` : ""}
                    {dep.refundBankReference ? ` · ${dep.refundBankReference}` : ""}
                  </td>
                  <td>
                    {dep.status === "awaiting_payment" && dep.method === "bank_transfer" ? (
                      <DepositConfirmForm dep={dep} reply={reply} busy={busy} />
                    ) : null}
                    {dep.status === "refund_due" && dep.method === "bank_transfer" ? (
                      <RefundForm dep={dep} reply={reply} busy={busy} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {d.me.isStaff && d.objections.some((o) => o.status === "pending") ? (
        <div className="space-y-2">
          <h3 className="font-semibold">{t("objections")}</h3>
          {d.objections
            .filter((o) => o.status === "pending")
            .map((o) => (
              <ObjectionDecisionForm key={o.id} objection={o} reply={reply} busy={busy} />
            ))}
        </div>
      ) : null}
    </section>
  );
}
