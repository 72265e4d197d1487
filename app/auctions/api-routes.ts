// The trading endpoints (lots, deposits, bids, objections, the working-day calendar), for the
// OpenAPI document. Bodies and queries are the schemas the handlers read (schemas.ts).
import { z } from "zod";
import {
  authErrors,
  date,
  dateTime,
  failure,
  fen,
  ok,
  writeErrors,
  type ApiRoute,
  type ResponseSpec,
} from "../api/openapi/spec.ts";
import {
  AUCTION_CONTRACT_TYPES,
  AUCTION_MODES,
  AUCTION_STATUSES,
  auctionCancelSchema,
  auctionCreateSchema,
  auctionListQuerySchema,
  auctionReviewSchema,
  bidSchema,
  BUYER_RELATIONS,
  calendarDaySchema,
  depositConfirmSchema,
  depositCreateSchema,
  DEPOSIT_METHODS,
  DEPOSIT_STATUSES,
  depositRefundSchema,
  LICENSE_SCOPES,
  objectionDecisionSchema,
  objectionSchema,
} from "./schemas.ts";

const tags = ["Trading"];
const when = () => dateTime().nullable();

const Auction = z
  .object({
    id: z.string(),
    mode: z.enum(AUCTION_MODES).describe("bidding 网络竞价, listing 挂牌, notice 协议定价公示"),
    status: z.enum(AUCTION_STATUSES),
    contractType: z.enum(AUCTION_CONTRACT_TYPES),
    licenseScope: z.enum(LICENSE_SCOPES).nullable(),
    licenseTermMonths: z.number().int().nullable(),
    result: z.object({ id: z.string(), title: z.string(), field: z.string() }).partial(),
    seller: z.object({ id: z.string(), name: z.string() }).partial(),
    startPriceFen: fen(),
    incrementFen: z.number().int().nullable(),
    hasReserve: z.boolean(),
    depositFen: fen(),
    currentPriceFen: z.number().int().nullable(),
    minimumBidFen: z.number().int().nullable().describe("the lowest bid accepted now"),
    biddingStartsAt: when(),
    biddingEndsAt: when().describe("the end as announced"),
    endsAt: when().describe("the end now (soft-close extensions included; notice lots: the notice's end)"),
    softCloseSeconds: z.number().int(),
    bidCount: z.number().int(),
    buyer: z.object({}).loose().nullable().describe("notice lots: the named buyer"),
    buyerRelation: z.enum(BUYER_RELATIONS).nullable().describe("notice lots: inventor 完成人, related 关联方"),
    noticeEndsAt: when(),
    convertedAt: when().describe("listing lots turned into bidding by two or more applicants"),
    reserveMet: z.boolean().nullable(),
    winnerBidderCode: z.string().nullable(),
    winningAmountFen: z.number().int().nullable(),
    headHash: z.string().nullable().describe("the last bid's hash (the bid log's head)"),
    confirmDeadline: when().describe("5 working days after the close"),
    confirmedAt: when(),
    defaultedAt: when(),
    contractId: z.string().nullable(),
    subcentreId: z
      .string()
      .nullable()
      .describe("the sub-centre (分中心) it came through: the result's, else the seller's"),
    leadId: z.string().nullable().describe("the broker's lead on the seller and the buyer (parties and staff only)"),
    brokerUserId: z.string().nullable().describe("the broker (中介人) of a live lead on the two parties"),
    brokerOrgId: z.string().nullable().describe("the broker organization (丙方), which signs and is paid"),
    broker: z
      .object({
        userId: z.string(),
        name: z.string(),
        org: z.object({ id: z.string(), name: z.string() }).nullable(),
      })
      .nullable()
      .describe("shown to the seller, the buyer or winner, the broker and staff; null to others"),
  })
  .partial()
  .required({ id: true, mode: true, status: true })
  .loose()
  .describe(
    "A lot (交易项目). The reserve price never appears; `reserveMet`, `winnerBidderCode`, `winningAmountFen` and `headHash` only once it is sold or unsold.",
  )
  .meta({ id: "Auction" });

const Deposit = z
  .object({
    id: z.string(),
    auctionId: z.string(),
    bidderCode: z.string().meta({ example: "A07" }),
    status: z.enum(DEPOSIT_STATUSES),
    amountFen: fen(),
    method: z.enum(DEPOSIT_METHODS),
    reference: z.string().describe("unique per bidder and lot: the bank transfer's memo (附言)"),
    bankAccount: z
      .object({ bankName: z.string(), accountName: z.string(), accountNumber: z.string() })
      .partial()
      .nullable()
      .describe("bank_transfer: the market's deposit account"),
    clientSecret: z.string().nullable().describe("stripe: for Stripe.js to confirm the card payment"),
    bankReference: z.string().nullable(),
    payerName: z.string().nullable(),
    payerMismatchReason: z.string().nullable(),
    refundBankReference: z.string().nullable(),
  })
  .partial()
  .required({ id: true, status: true })
  .loose()
  .meta({ id: "Deposit" });

const Bid = z
  .object({
    seq: z.number().int(),
    bidderCode: z.string(),
    amountFen: fen(),
    at: dateTime().describe("the server's receipt time"),
    hash: z.string(),
  })
  .loose()
  .meta({ id: "Bid" });

const Objection = z
  .object({
    id: z.string(),
    auctionId: z.string(),
    reason: z.string(),
    status: z.enum(["pending", "upheld", "dismissed"]),
    decisionNote: z.string().nullable(),
    decidedAt: when(),
    createdAt: dateTime(),
  })
  .loose()
  .meta({ id: "Objection" });

const lotErrors = { ...writeErrors, 409: failure("not allowed in the lot's state (`invalid_state`)") };
const auctionBody = z.object({ auction: Auction });
const staffPost = (path: string, summary: string, body?: z.ZodType): ApiRoute => ({
  method: "post",
  path: `/api/v1/auctions/{id}/${path}`,
  tags,
  summary,
  ...(body ? { request: { body } } : {}),
  responses: { 200: ok(auctionBody), ...lotErrors },
});
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const contractBody = z.object({ contract: z.object({}).loose() });
const publicNotFound = { 401: "Unauthorized", 404: "NotFound" } as const;

export const auctionApiRoutes: ApiRoute[] = [
  {
    method: "get",
    path: "/api/v1/auctions",
    tags,
    summary: "Lots (announced and later; drafts and lots under review for their organization and staff with ?status=)",
    auth: "public",
    request: { query: auctionListQuerySchema },
    responses: {
      200: ok(
        z.object({
          items: z.array(Auction),
          total: z.number().int(),
          page: z.number().int(),
          pageSize: z.number().int(),
        }),
      ),
      400: failure("invalid query"),
      401: "Unauthorized",
    },
  },
  {
    method: "post",
    path: "/api/v1/auctions",
    tags,
    summary:
      "Create a lot for a published result (a member of its organization; staff may override the 5–20% deposit band with a reason)",
    request: { body: auctionCreateSchema },
    responses: { 201: ok(auctionBody, "created as draft"), ...lotErrors },
  },
  {
    method: "get",
    path: "/api/v1/auctions/{id}",
    tags,
    summary: "One lot",
    auth: "public",
    responses: { 200: ok(auctionBody), ...publicNotFound },
  },
  staffPost("submit", "Submit a draft for review (the seller's members)"),
  staffPost("review", "Approve (→ announced) or reject (→ draft) a lot (bureau, admin)", auctionReviewSchema),
  staffPost(
    "cancel",
    "Cancel a lot before its close, with a reason (bureau, admin); registered bidders are notified",
    auctionCancelSchema,
  ),
  staffPost("close", "Close a lot whose end has passed (bureau, admin; idempotent; 409 `auction_open` before the end)"),
  staffPost(
    "default",
    "Mark the winner defaulted after the confirmation deadline (bureau, admin): deposit forfeited, lot unsold",
  ),
  {
    method: "post",
    path: "/api/v1/auctions/{id}/confirm",
    tags,
    summary:
      "The winner confirms within 5 working days: creates the technology contract draft (once; a repeat returns it with 200)",
    responses: {
      201: ok(contractBody, "contract draft created"),
      200: ok(contractBody, "already confirmed"),
      ...lotErrors,
    },
  },
  {
    method: "get",
    path: "/api/v1/auctions/{id}/deposits",
    tags,
    summary: "Deposits of the lot (staff: all; a bidder: their own)",
    responses: { 200: ok(items(Deposit)), ...authErrors },
  },
  {
    method: "post",
    path: "/api/v1/auctions/{id}/deposits",
    tags,
    summary:
      "Register to bid and open the deposit (a company user of a verified organization; not the seller, not staff)",
    request: { body: depositCreateSchema },
    responses: {
      201: ok(z.object({ deposit: Deposit }), "registered"),
      200: ok(z.object({ deposit: Deposit }), "already registered"),
      ...lotErrors,
    },
  },
  {
    method: "get",
    path: "/api/v1/deposits",
    tags,
    summary: "Bank refunds due, across lots (bureau, admin)",
    responses: { 200: ok(items(Deposit)), ...authErrors },
  },
  {
    method: "post",
    path: "/api/v1/deposits/{id}/confirm",
    tags,
    summary:
      "Record a received bank transfer (bureau, admin) → held; a payer name other than the bidder's organization needs `mismatchReason`",
    request: { body: depositConfirmSchema },
    responses: { 200: ok(z.object({ deposit: Deposit })), ...lotErrors },
  },
  {
    method: "post",
    path: "/api/v1/deposits/{id}/refund",
    tags,
    summary: "Mark a bank refund paid (bureau, admin) → refunded",
    request: { body: depositRefundSchema },
    responses: { 200: ok(z.object({ deposit: Deposit })), ...lotErrors },
  },
  {
    method: "get",
    path: "/api/v1/auctions/{id}/bids",
    tags,
    summary: "The bid ladder, newest first (bidder codes only)",
    auth: "public",
    responses: { 200: ok(items(Bid)), ...publicNotFound },
  },
  {
    method: "post",
    path: "/api/v1/auctions/{id}/bids",
    tags,
    summary:
      "Bid: ≥ the starting price, then the current price + k × increment (k ≥ 1); time = server receipt; within the soft-close window the end moves to bid time + window",
    request: { body: bidSchema },
    responses: {
      201: ok(
        z.object({
          bid: Bid,
          auction: z.object({ currentPriceFen: fen(), endsAt: dateTime(), extended: z.boolean() }).partial().loose(),
        }),
      ),
      ...writeErrors,
      403: failure("`deposit_required` or `forbidden` (seller, staff)"),
      409: failure("`bid_too_low`, `not_increment_multiple`, `auction_not_open` (by server time)"),
    },
  },
  {
    method: "get",
    path: "/api/v1/auctions/{id}/verify",
    tags,
    summary: "Re-derive the bid log's hash chain",
    auth: "public",
    responses: {
      200: ok(
        z.union([
          z.object({ ok: z.literal(true), bids: z.number().int(), headHash: z.string().nullable() }).loose(),
          z.object({ ok: z.literal(false), firstBrokenSeq: z.number().int() }).loose(),
        ]),
      ),
      ...publicNotFound,
    },
  },
  {
    method: "get",
    path: "/api/v1/auctions/{id}/events",
    tags,
    summary: "Server-Sent Events: `snapshot`, then `bid`, `status`, `closed` as they commit (any HTTP worker)",
    auth: "public",
    responses: {
      200: { description: "event stream", contentType: "text/event-stream" } satisfies ResponseSpec,
      ...publicNotFound,
    },
  },
  {
    method: "get",
    path: "/api/v1/auctions/{id}/objections",
    tags,
    summary: "Objections to a notice lot",
    auth: "public",
    responses: { 200: ok(items(Objection)), ...publicNotFound },
  },
  {
    method: "post",
    path: "/api/v1/auctions/{id}/objections",
    tags,
    summary: "Object to a notice lot during its notice period (signed in)",
    request: { body: objectionSchema },
    responses: { 201: ok(z.object({ objection: Objection })), ...lotErrors },
  },
  {
    method: "post",
    path: "/api/v1/objections/{id}/decide",
    tags,
    summary: "Uphold (the deal stops: the lot is cancelled) or dismiss an objection (bureau, admin)",
    request: { body: objectionDecisionSchema },
    responses: { 200: ok(z.object({ objection: Objection })), ...lotErrors },
  },
  {
    method: "get",
    path: "/api/v1/calendar",
    tags,
    summary: "The working-day calendar's entries (holidays, working weekend days)",
    auth: "public",
    request: { query: z.object({ from: date().optional(), to: date().optional() }) },
    responses: {
      200: ok(items(z.object({ date: date(), working: z.boolean(), note: z.string().nullable() }).partial().loose())),
      400: failure("invalid query"),
      401: "Unauthorized",
    },
  },
  {
    method: "put",
    path: "/api/v1/calendar",
    tags,
    summary: "List a day as a holiday (working=false) or a working day (bureau, admin)",
    request: { body: calendarDaySchema },
    responses: { 200: ok(z.object({}).loose()), ...writeErrors },
  },
  {
    method: "delete",
    path: "/api/v1/calendar",
    tags,
    summary: "Remove a calendar entry (bureau, admin)",
    request: { query: z.object({ date: date() }) },
    responses: { 200: ok(z.object({ removed: z.boolean() }).loose()), ...writeErrors },
  },
];
