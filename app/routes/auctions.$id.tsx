// /auctions/:id — the bidding room: the lot and its result, current price, the bid ladder (bidder
// codes), a countdown to the server's end time, the viewer's bidder code and deposit, one-click
// "+1 increment" and a custom amount; live over Server-Sent Events, and a plain form without
// JavaScript. Staff review, close, confirm deposits, mark refunds and defaults here too.
import { redirect } from "react-router";
import type { Route } from "./+types/auctions.$id";
import { listBids } from "../auctions/bids.server.ts";
import { listDeposits } from "../auctions/deposits.server.ts";
import { listObjections } from "../auctions/notice.server.ts";
import { roomAction } from "../auctions/page-actions.server.ts";
import { lotForViewer, viewerState } from "../auctions/view.server.ts";
import { getUser, requireUser } from "../auth/session.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { pageError } from "../listings/pages.server.ts";
import { AuctionRoom } from "./auctions+shared/room.tsx";
import type { RoomReply } from "./auctions+shared/room-forms.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const locale = localeFromRequest(request, viewer?.locale);
  const { auction, row } = await lotForViewer(params.id, viewer).catch((e) => pageError(e, locale));
  const me = await viewerState(row, viewer);
  const [bids, deposits, objections] = await Promise.all([
    listBids(row.id, { take: 100 }),
    me.isStaff ? listDeposits(viewer!, row.id) : Promise.resolve([]),
    row.mode === "notice" ? listObjections(row.id) : Promise.resolve([]),
  ]);
  return {
    meta: `${auction.result.title} · ${serverT(locale)("siteName")}`,
    auction,
    bids,
    deposits,
    objections,
    me,
    signedIn: !!viewer,
    canBidRole: viewer?.role === "company",
    serverTime: new Date().toISOString(),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const receivedAt = new Date();
  const user = await requireUser(request);
  const form = await request.formData();
  const result = await roomAction(user, params.id, form, localeFromRequest(request, user.locale), receivedAt);
  if ("contractId" in result && result.contractId) return redirect(`/contracts/${result.contractId}`);
  return result;
}

export default function AuctionPage({ loaderData, actionData }: Route.ComponentProps) {
  return <AuctionRoom d={loaderData} actionData={actionData as RoomReply} />;
}
