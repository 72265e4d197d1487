// The bidding room's view. Live: an EventSource on /api/v1/auctions/:id/events updates price,
// ladder and end time as bids commit (on any server process); the countdown runs on the server's
// clock (offset measured at load). Every action is a plain POST form, so it works without JS.
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, useNavigation, useRevalidator } from "react-router";
import type { AuctionJson } from "../../auctions/lot-json.server.ts";
import { Link } from "../../components/link.tsx";
import { formatFen } from "../../domain/money.ts";
import { formatDateTime } from "../../domain/time.ts";
import { FormErrors } from "../../components/forms.tsx";
import { CustomBidForm, ObjectionForm, refusal, type RoomReply } from "./room-forms.tsx";
import { StaffPanel } from "./staff-panel.tsx";

type Bid = { seq: number; bidderCode: string; amountFen: number; at: string };
type Deposit = {
  id: string;
  bidderCode: string;
  status: string;
  amountFen: number;
  method: string;
  reference: string;
  bankAccount?: { bankName: string; accountName: string; accountNumber: string };
};
export type RoomData = {
  auction: AuctionJson;
  bids: Bid[];
  deposits: Array<
    Deposit & {
      organization?: { id: string; name?: string };
      payerName: string | null;
      bankReference: string | null;
      refundBankReference: string | null;
      payerMismatchReason: string | null;
    }
  >;
  objections: Array<{ id: string; reason: string; status: string; decisionNote: string | null; createdAt: string }>;
  me: { deposit: Deposit | null; isSeller: boolean; isWinner: boolean; isStaff: boolean };
  signedIn: boolean;
  canBidRole: boolean;
  serverTime: string;
};

function useCountdown(endsAt: string | null, serverTime: string) {
  const offset = useMemo(() => Date.parse(serverTime) - Date.now(), [serverTime]);
  const [now, setNow] = useState(() => Date.parse(serverTime));
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offset), 250);
    return () => clearInterval(timer);
  }, [offset]);
  if (!endsAt) return null;
  const left = Math.max(0, Date.parse(endsAt) - now);
  const s = Math.floor(left / 1000);
  const d = Math.floor(s / 86400);
  const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  return d > 0 ? `${d}d ${hms}` : hms;
}

export function AuctionRoom({ d, actionData }: { d: RoomData; actionData?: RoomReply }) {
  const { t, i18n } = useTranslation("auctions");
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const busy = navigation.state === "submitting";
  const [live, setLive] = useState({
    price: d.auction.currentPriceFen,
    endsAt: d.auction.endsAt,
    bids: d.bids,
    count: d.auction.bidCount,
    min: d.auction.minimumBidFen,
  });
  useEffect(
    () =>
      setLive({
        price: d.auction.currentPriceFen,
        endsAt: d.auction.endsAt,
        bids: d.bids,
        count: d.auction.bidCount,
        min: d.auction.minimumBidFen,
      }),
    [d],
  );
  const a = d.auction;
  const open = a.status === "bidding" || a.status === "announced";
  // what this page shows now, for comparing with the stream's snapshot
  const shown = useRef({ status: a.status, count: live.count });
  useEffect(() => {
    shown.current = { status: a.status, count: live.count };
  }, [a.status, live.count]);
  useEffect(() => {
    if (!open) return;
    const source = new EventSource(`/api/v1/auctions/${a.id}/events`);
    source.addEventListener("bid", (e) => {
      const b = JSON.parse((e as MessageEvent).data);
      setLive((s) =>
        s.bids.some((x) => x.seq === b.seq)
          ? s
          : {
              price: b.currentPriceFen,
              endsAt: b.endsAt,
              count: b.seq,
              min: b.currentPriceFen + (a.incrementFen ?? 0),
              bids: [{ seq: b.seq, bidderCode: b.bidderCode, amountFen: b.amountFen, at: b.at }, ...s.bids],
            },
      );
    });
    const reload = () => revalidator.revalidate();
    // The stream opens with a snapshot of the lot. A change committed between the page's load and
    // the stream's (re)connection — the lot opening by the server's clock, a bid — was announced
    // before this watcher listened, so the snapshot is the only news of it: reload when it differs.
    source.addEventListener("snapshot", (e) => {
      const snap = JSON.parse((e as MessageEvent).data) as { auction?: { status: string; bidCount: number } };
      const seen = shown.current;
      if (snap.auction && (snap.auction.status !== seen.status || snap.auction.bidCount > seen.count)) reload();
    });
    source.addEventListener("status", reload);
    source.addEventListener("closed", reload);
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [a.id, open]);
  const countdown = useCountdown(a.status === "bidding" || a.status === "announced" ? live.endsAt : null, d.serverTime);
  const money = (fen: number | null | undefined) =>
    fen === null || fen === undefined ? "—" : formatFen(fen, i18n.language);
  const held = d.me.deposit?.status === "held";
  const biddable = a.status === "bidding" && held;

  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/auctions">← {t("back")}</Link>
      </p>
      <header className="card space-y-2">
        <p className="flex flex-wrap gap-2 text-sm">
          <span className="badge bg-brand-50 text-brand-800">{t(`modes.${a.mode}`)}</span>
          <span className="badge bg-slate-100 text-slate-800" data-testid="lot-status">
            {t(`statuses.${a.status}`)}
          </span>
          <span className="badge bg-slate-100 text-slate-800">{t(`contractTypes.${a.contractType}`)}</span>
        </p>
        <h1 className="page-title">{a.result.title}</h1>
        <p className="text-sm text-slate-700">
          {t("seller")}: {a.seller.name} ·{" "}
          <Link className="underline" to={`/results/${a.result.id}`}>
            {t("viewResult")}
          </Link>
        </p>
        {a.mode === "notice" && a.buyerRelation && a.buyerRelation !== "none" ? (
          <p className="text-sm font-semibold text-amber-900">{t(`relations.${a.buyerRelation}`)}</p>
        ) : null}
      </header>

      {/* a refusal of the lot's state or of the caller (closed, outbid, not allowed), whichever form was sent */}
      <FormErrors errors={busy ? undefined : (refusal(actionData)?.error?.[""] ?? undefined)} />

      <section className="grid gap-4 md:grid-cols-3" aria-label={t("priceBoard")}>
        <div className="card">
          <h2 className="text-sm text-slate-700">{a.mode === "notice" ? t("agreedPrice") : t("currentPrice")}</h2>
          <p className="text-2xl font-bold" data-testid="current-price">
            {money(a.mode === "notice" ? a.startPriceFen : (live.price ?? null))}
          </p>
          <p className="text-sm text-slate-700">
            {t("startPrice")}: {money(a.startPriceFen)}
            {a.incrementFen ? ` · ${t("increment")}: ${money(a.incrementFen)}` : ""}
          </p>
          <p className="text-sm text-slate-700">
            {t("deposit")}: {money(a.depositFen)}
            {a.hasReserve && a.status === "bidding" ? ` · ${t("hasReserve")}` : ""}
          </p>
        </div>
        <div className="card">
          <h2 className="text-sm text-slate-700">{a.status === "bidding" ? t("endsIn") : t("schedule")}</h2>
          {countdown !== null && a.status === "bidding" ? (
            <p className="text-2xl font-bold tabular-nums" data-testid="countdown" aria-live="off">
              {countdown}
            </p>
          ) : null}
          <p className="text-sm text-slate-700" data-testid="ends-at" data-ends-at={live.endsAt ?? ""}>
            {t("endsAt")}: {live.endsAt ? formatDateTime(live.endsAt, { seconds: true }) : "—"}
          </p>
          {a.biddingStartsAt ? (
            <p className="text-sm text-slate-700">
              {t("startsAt")}: {formatDateTime(a.biddingStartsAt)}
            </p>
          ) : null}
          <p className="text-sm text-slate-700">{t("softClose", { seconds: a.softCloseSeconds })}</p>
        </div>
        <div className="card">
          <h2 className="text-sm text-slate-700">{t("bids")}</h2>
          <p className="text-2xl font-bold" data-testid="bid-count">
            {live.count}
          </p>
          {d.me.deposit ? (
            <p className="text-sm">
              {t("yourCode")}:{" "}
              <strong data-testid="my-code">{t("bidderCode", { code: d.me.deposit.bidderCode })}</strong> ·{" "}
              {t(`depositStatuses.${d.me.deposit.status}`)}
            </p>
          ) : null}
        </div>
      </section>

      {a.status === "sold" || a.status === "unsold" ? (
        <section className="card space-y-1" data-testid="outcome">
          <h2 className="font-semibold">{t(`statuses.${a.status}`)}</h2>
          {a.status === "sold" ? (
            <p>
              {t("wonBy", {
                // the same "竞买人 A07" as the ladder shows
                code: a.winnerBidderCode ? t("bidderCode", { code: a.winnerBidderCode }) : t("namedBuyer"),
                amount: money(a.winningAmountFen),
              })}
            </p>
          ) : (
            <p>{a.reserveMet === false ? t("reserveNotMet") : t("noSale")}</p>
          )}
          {a.headHash ? (
            <p className="break-all font-mono text-xs text-slate-700">
              {t("headHash")}: {a.headHash}
            </p>
          ) : null}
          {a.confirmDeadline && !a.contractId ? (
            <p className="text-sm">{t("confirmBy", { at: formatDateTime(a.confirmDeadline) })}</p>
          ) : null}
          {a.contractId ? (
            <p>
              <Link className="underline" to={`/contracts/${a.contractId}`}>
                {t("contractDraft")}
              </Link>
            </p>
          ) : null}
          {d.me.isWinner && a.status === "sold" && !a.contractId ? (
            <Form method="post">
              <button className="btn-primary" name="intent" value="confirm" disabled={busy}>
                {t("confirm")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {biddable ? (
        <section className="card space-y-3" aria-labelledby="bid-heading">
          <h2 id="bid-heading" className="font-semibold">
            {t("placeBid")}
          </h2>
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="bid" />
            <input type="hidden" name="amountFen" value={live.min ?? ""} />
            <button className="btn-primary" disabled={busy} data-testid="bid-plus-one">
              {live.price === null
                ? t("bidStart", { amount: money(live.min) })
                : t("bidPlusOne", { amount: money(live.min) })}
            </button>
          </Form>
          <CustomBidForm reply={actionData} busy={busy} />
        </section>
      ) : null}

      {open && a.mode !== "notice" && d.canBidRole && !d.me.deposit && !d.me.isSeller ? (
        <section className="card space-y-2">
          <h2 className="font-semibold">{t("register")}</h2>
          <p className="text-sm">{t("registerHint", { amount: money(a.depositFen) })}</p>
          <Form method="post">
            <input type="hidden" name="method" value="bank_transfer" />
            <button className="btn-primary" name="intent" value="register" disabled={busy}>
              {t("registerBank")}
            </button>
          </Form>
        </section>
      ) : null}
      {open && !d.signedIn && a.mode !== "notice" ? (
        <p className="card text-sm">
          <Link className="underline" to={`/login?redirectTo=/auctions/${a.id}`}>
            {t("loginToBid")}
          </Link>
        </p>
      ) : null}

      {d.me.deposit && d.me.deposit.status === "awaiting_payment" && d.me.deposit.bankAccount ? (
        <section className="card space-y-1" data-testid="deposit-instructions">
          <h2 className="font-semibold">{t("payDeposit")}</h2>
          <dl className="grid gap-1 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-700">{t("accountName")}</dt>
              <dd>{d.me.deposit.bankAccount.accountName}</dd>
            </div>
            <div>
              <dt className="text-slate-700">{t("bankName")}</dt>
              <dd>{d.me.deposit.bankAccount.bankName}</dd>
            </div>
            <div>
              <dt className="text-slate-700">{t("accountNumber")}</dt>
              <dd className="font-mono">{d.me.deposit.bankAccount.accountNumber}</dd>
            </div>
            <div>
              <dt className="text-slate-700">{t("amount")}</dt>
              <dd>{money(d.me.deposit.amountFen)}</dd>
            </div>
            <div>
              <dt className="text-slate-700">{t("reference")}</dt>
              <dd className="font-mono font-bold" data-testid="deposit-reference">
                {d.me.deposit.reference}
              </dd>
            </div>
          </dl>
          <p className="text-sm text-slate-700">{t("payHint")}</p>
        </section>
      ) : null}

      {a.mode === "notice" ? (
        <section className="card space-y-2">
          <h2 className="font-semibold">{t("objections")}</h2>
          <p className="text-sm">
            {t("noticeUntil", {
              at: a.noticeEndsAt ? formatDateTime(a.noticeEndsAt) : "—",
              buyer: a.buyer?.name ?? "",
            })}
          </p>
          <ul className="text-sm">
            {d.objections.map((o) => (
              <li key={o.id}>
                {formatDateTime(o.createdAt)} · {t(`objectionStatuses.${o.status}`)} · {o.reason}
                {o.decisionNote ? ` — ${o.decisionNote}` : ""}
              </li>
            ))}
          </ul>
          {a.status === "announced" && d.signedIn ? <ObjectionForm reply={actionData} busy={busy} /> : null}
        </section>
      ) : null}

      {a.mode !== "notice" ? (
        <section className="card" aria-labelledby="ladder-heading">
          <h2 id="ladder-heading" className="font-semibold">
            {t("ladder")}
          </h2>
          {live.bids.length === 0 ? (
            <p className="text-sm text-slate-700">{t("noBids")}</p>
          ) : (
            <table className="mt-2 w-full text-sm" data-testid="bid-ladder">
              <thead>
                <tr className="text-left">
                  <th scope="col">#</th>
                  <th scope="col">{t("bidder")}</th>
                  <th scope="col">{t("amount")}</th>
                  <th scope="col">{t("serverTime")}</th>
                </tr>
              </thead>
              <tbody>
                {live.bids.map((b) => (
                  <tr key={b.seq}>
                    <td>{b.seq}</td>
                    <td>{t("bidderCode", { code: b.bidderCode })}</td>
                    <td>{money(b.amountFen)}</td>
                    <td>{formatDateTime(b.at, { seconds: true })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}

      {d.me.isStaff || (d.me.isSeller && a.status === "draft") ? (
        <StaffPanel d={d} busy={busy} reply={actionData} />
      ) : null}
    </div>
  );
}
