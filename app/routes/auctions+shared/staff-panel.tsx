// The market staff's part of the bidding room: review, close, default, cancel; deposit
// confirmation against the bank statement (a payer-name mismatch needs a reason) and bank refunds
// marked with their reference; objections decided. The seller submits its draft here.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { formatFen } from "../../domain/money.ts";
import type { RoomData } from "./room.tsx";

export function StaffPanel({ d, busy }: { d: RoomData; busy: boolean }) {
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
        {d.me.isStaff && a.status === "pending_review" ? (
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <label className="text-sm">
              {t("staff.note")}
              <input className="input mt-1 block" name="note" />
            </label>
            <button className="btn-primary" name="intent" value="approve" disabled={busy}>
              {t("staff.approve")}
            </button>
            <button className="btn-secondary" name="intent" value="reject" disabled={busy}>
              {t("staff.reject")}
            </button>
          </Form>
        ) : null}
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
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            {t("staff.cancelReason")}
            <input className="input mt-1 block" name="reason" required />
          </label>
          <button className="btn-danger" name="intent" value="cancel" disabled={busy}>
            {t("staff.cancel")}
          </button>
        </Form>
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
                      <Form
                        method="post"
                        className="grid gap-1"
                        aria-label={t("staff.confirmDepositOf", { code: dep.bidderCode })}
                      >
                        <input type="hidden" name="intent" value="confirmDeposit" />
                        <input type="hidden" name="depositId" value={dep.id} />
                        <label>
                          {t("staff.bankReference")}
                          <input className="input block" name="bankReference" required />
                        </label>
                        <label>
                          {t("staff.payerName")}
                          <input
                            className="input block"
                            name="payerName"
                            defaultValue={dep.organization?.name}
                            required
                          />
                        </label>
                        <label>
                          {t("staff.amountYuan")}
                          <input
                            className="input block"
                            name="amountYuan"
                            defaultValue={String(dep.amountFen / 100)}
                            required
                          />
                        </label>
                        <label>
                          {t("staff.receivedAt")}
                          <input className="input block" type="datetime-local" name="receivedAt" />
                        </label>
                        <label>
                          {t("staff.mismatchReason")}
                          <input className="input block" name="mismatchReason" />
                        </label>
                        <button className="btn-primary" disabled={busy}>
                          {t("staff.confirmDeposit")}
                        </button>
                      </Form>
                    ) : null}
                    {dep.status === "refund_due" && dep.method === "bank_transfer" ? (
                      <Form
                        method="post"
                        className="flex flex-wrap items-end gap-1"
                        aria-label={t("staff.refundOf", { code: dep.bidderCode })}
                      >
                        <input type="hidden" name="intent" value="refund" />
                        <input type="hidden" name="depositId" value={dep.id} />
                        <label>
                          {t("staff.refundReference")}
                          <input className="input block" name="bankReference" required />
                        </label>
                        <button className="btn-secondary" disabled={busy}>
                          {t("staff.markRefunded")}
                        </button>
                      </Form>
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
              <Form method="post" key={o.id} className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="objectionId" value={o.id} />
                <p className="w-full text-sm">{o.reason}</p>
                <label className="text-sm">
                  {t("staff.note")}
                  <input className="input mt-1 block" name="note" required />
                </label>
                <button className="btn-danger" name="decision" value="uphold" disabled={busy}>
                  {t("staff.uphold")}
                </button>
                <button className="btn-secondary" name="decision" value="dismiss" disabled={busy}>
                  {t("staff.dismiss")}
                </button>
              </Form>
            ))}
        </div>
      ) : null}
    </section>
  );
}
