// Shared set-up for the trading tests: a seller with a published result, bureau staff, company
// bidders with confirmed deposits, and lots moved along their clock by setting their times.
import { prisma } from "../../app/db/db.server.ts";
import * as lotsRoute from "../../app/routes/api.v1.auctions.ts";
import * as lotRoute from "../../app/routes/api.v1.auctions.$id.ts";
import * as submitRoute from "../../app/routes/api.v1.auctions.$id.submit.ts";
import * as reviewRoute from "../../app/routes/api.v1.auctions.$id.review.ts";
import * as depositsRoute from "../../app/routes/api.v1.auctions.$id.deposits.ts";
import * as confirmDepositRoute from "../../app/routes/api.v1.deposits.$id.confirm.ts";
import * as bidsRoute from "../../app/routes/api.v1.auctions.$id.bids.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";

// announcements and bidding periods of any length, as in demos
process.env.MARKET_MIN_ANNOUNCE_DAYS = "0";
process.env.MARKET_MIN_BIDDING_MINUTES = "0";

export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();
export type Caller = Awaited<ReturnType<typeof makeCaller>>;

export async function seller() {
  const s = await makeCaller("researcher");
  const result = await prisma.result.create({
    data: {
      organizationId: s.org!.id,
      title: "晶界扩散重稀土钕铁硼磁体制备技术",
      summary: "降低重稀土用量",
      keywords: [],
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["transfer"],
      status: "published",
      publishedAt: new Date(),
    },
  });
  return { ...s, result };
}

export const createLot = (token: string | undefined, body: Record<string, unknown>) =>
  call(lotsRoute.action, apiRequest("POST", "/api/v1/auctions", { token, body }));
export const getLot = (id: string, token?: string) =>
  call(lotRoute.loader, apiRequest("GET", `/api/v1/auctions/${id}`, { token }), { id });
export const submit = (token: string, id: string) =>
  call(submitRoute.action, apiRequest("POST", `/api/v1/auctions/${id}/submit`, { token }), { id });
export const review = (token: string, id: string, body: unknown) =>
  call(reviewRoute.action, apiRequest("POST", `/api/v1/auctions/${id}/review`, { token, body }), { id });
export const register = (token: string, id: string, method = "bank_transfer") =>
  call(depositsRoute.action, apiRequest("POST", `/api/v1/auctions/${id}/deposits`, { token, body: { method } }), {
    id,
  });
export const deposits = (token: string, id: string) =>
  call(depositsRoute.loader, apiRequest("GET", `/api/v1/auctions/${id}/deposits`, { token }), { id });
export const confirmDeposit = (token: string, id: string, body: unknown) =>
  call(confirmDepositRoute.action, apiRequest("POST", `/api/v1/deposits/${id}/confirm`, { token, body }), { id });
export const bid = (token: string, id: string, amountFen: unknown) =>
  call(bidsRoute.action, apiRequest("POST", `/api/v1/auctions/${id}/bids`, { token, body: { amountFen } }), { id });
export const bids = (id: string) => call(bidsRoute.loader, apiRequest("GET", `/api/v1/auctions/${id}/bids`), { id });

export function biddingBody(resultId: string, overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    resultId,
    mode: "bidding",
    contractType: "transfer",
    startPriceFen: 200_000_000,
    incrementFen: 10_000_000,
    depositFen: 20_000_000,
    biddingStartsAt: iso(now + 60_000),
    biddingEndsAt: iso(now + DAY),
    ...overrides,
  };
}

/** A lot announced by the bureau, then its clock set (start in the past, end as given). */
export async function announcedLot(opts: { body?: Record<string, unknown>; open?: boolean; endsInMs?: number } = {}) {
  const s = await seller();
  const bureau = await makeCaller("bureau");
  const created = await createLot(s.token, biddingBody(s.result.id, opts.body));
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const id = created.body.auction.id as string;
  await submit(s.token, id);
  const reviewed = await review(bureau.token, id, { decision: "approve" });
  if (reviewed.status !== 200) throw new Error(JSON.stringify(reviewed.body));
  if (opts.open !== false) {
    const endsAt = new Date(Date.now() + (opts.endsInMs ?? DAY));
    await prisma.auction.update({
      where: { id },
      data: { biddingStartsAt: new Date(Date.now() - 1000), biddingEndsAt: endsAt, endsAt },
    });
  }
  return { id, seller: s, bureau };
}

/** A company bidder with a held deposit on the lot. */
export async function bidder(lotId: string, bureau: Caller) {
  const c = await makeCaller("company");
  const reg = await register(c.token, lotId);
  if (reg.status !== 201) throw new Error(JSON.stringify(reg.body));
  const ok = await confirmDeposit(bureau.token, reg.body.deposit.id, {
    bankReference: `B${reg.body.deposit.id}`,
    payerName: c.org!.name,
    amountFen: reg.body.deposit.amountFen,
    receivedAt: new Date().toISOString(),
  });
  if (ok.status !== 200) throw new Error(JSON.stringify(ok.body));
  return { ...c, deposit: ok.body.deposit as { id: string; bidderCode: string; status: string } };
}
