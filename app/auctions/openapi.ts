// The OpenAPI paths and schemas of trading (lots, deposits, bids, objections, the working-day
// calendar), merged into app/api/openapi.ts.
import { AUCTION_CONTRACT_TYPES, AUCTION_MODES, AUCTION_STATUSES, BUYER_RELATIONS, DEPOSIT_METHODS, DEPOSIT_STATUSES, LICENSE_SCOPES } from "./schemas.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
const body = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const error = (description: string) => json(ref("Error"), description);
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const common = { "401": error("no or bad token"), "403": error("not allowed"), "404": error("not found") };
const write = { ...common, "400": error("invalid input; `fields` names each bad field"), "409": error("not allowed in the lot's state (`invalid_state`)") };
const time = { type: "string", format: "date-time" };
const fen = { type: "integer", minimum: 0, description: "integer fen (分)" };
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: "object", additionalProperties: false, required, properties });
const wrap = (key: string, schema: object) => ({ type: "object", properties: { [key]: schema } });
const tags = ["Trading"];

const Auction = {
  type: "object",
  description: "A lot (交易项目). The reserve price never appears; `reserveMet`, `winnerBidderCode`, `winningAmountFen` and `headHash` only once it is sold or unsold.",
  properties: {
    id: { type: "string" },
    mode: { type: "string", enum: [...AUCTION_MODES], description: "bidding 网络竞价, listing 挂牌, notice 协议定价公示" },
    status: { type: "string", enum: [...AUCTION_STATUSES] },
    contractType: { type: "string", enum: [...AUCTION_CONTRACT_TYPES] },
    licenseScope: { type: ["string", "null"], enum: [...LICENSE_SCOPES, null] },
    licenseTermMonths: { type: ["integer", "null"] },
    result: { type: "object", properties: { id: { type: "string" }, title: { type: "string" }, field: { type: "string" } } },
    seller: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
    startPriceFen: fen,
    incrementFen: { type: ["integer", "null"] },
    hasReserve: { type: "boolean" },
    depositFen: fen,
    currentPriceFen: { type: ["integer", "null"] },
    minimumBidFen: { type: ["integer", "null"], description: "the lowest bid accepted now" },
    biddingStartsAt: { type: ["string", "null"], format: "date-time" },
    biddingEndsAt: { type: ["string", "null"], format: "date-time", description: "the end as announced" },
    endsAt: { type: ["string", "null"], format: "date-time", description: "the end now (soft-close extensions included; notice lots: the notice's end)" },
    softCloseSeconds: { type: "integer" },
    bidCount: { type: "integer" },
    buyer: { type: "object", description: "notice lots: the named buyer" },
    buyerRelation: { type: "string", enum: [...BUYER_RELATIONS], description: "notice lots: inventor 完成人, related 关联方" },
    noticeEndsAt: { type: ["string", "null"], format: "date-time" },
    convertedAt: { type: ["string", "null"], format: "date-time", description: "listing lots turned into bidding by two or more applicants" },
    reserveMet: { type: "boolean" },
    winnerBidderCode: { type: ["string", "null"] },
    winningAmountFen: { type: ["integer", "null"] },
    headHash: { type: ["string", "null"], description: "the last bid's hash (the bid log's head)" },
    confirmDeadline: { type: ["string", "null"], format: "date-time", description: "5 working days after the close" },
    confirmedAt: { type: ["string", "null"], format: "date-time" },
    defaultedAt: { type: ["string", "null"], format: "date-time" },
    contractId: { type: ["string", "null"] },
  },
};

const Deposit = {
  type: "object",
  properties: {
    id: { type: "string" },
    auctionId: { type: "string" },
    bidderCode: { type: "string", example: "A07" },
    status: { type: "string", enum: [...DEPOSIT_STATUSES] },
    amountFen: fen,
    method: { type: "string", enum: [...DEPOSIT_METHODS] },
    reference: { type: "string", description: "unique per bidder and lot: the bank transfer's memo (附言)" },
    bankAccount: { type: "object", description: "bank_transfer: the market's deposit account", properties: { bankName: { type: "string" }, accountName: { type: "string" }, accountNumber: { type: "string" } } },
    clientSecret: { type: "string", description: "stripe: for Stripe.js to confirm the card payment" },
    bankReference: { type: ["string", "null"] },
    payerName: { type: ["string", "null"] },
    payerMismatchReason: { type: ["string", "null"] },
    refundBankReference: { type: ["string", "null"] },
  },
};

const Bid = { type: "object", properties: { seq: { type: "integer" }, bidderCode: { type: "string" }, amountFen: fen, at: { ...time, description: "the server's receipt time" }, hash: { type: "string" } } };
const Objection = { type: "object", properties: { id: { type: "string" }, auctionId: { type: "string" }, reason: { type: "string" }, status: { type: "string", enum: ["pending", "upheld", "dismissed"] }, decisionNote: { type: ["string", "null"] }, decidedAt: { type: ["string", "null"] }, createdAt: time } };

const staffPost = (summary: string, extra: object = {}) => ({ post: { tags, summary, parameters: [idParam], ...extra, responses: { "200": json(wrap("auction", ref("Auction"))), ...write } } });

export const auctionsOpenApi = {
  schemas: { Auction, Deposit, Bid, Objection },
  paths: {
    "/api/v1/auctions": {
      get: {
        tags,
        summary: "Lots (announced and later; drafts and lots under review for their organization and staff with ?status=)",
        security: [{}, { bearerAuth: [] }],
        parameters: [
          { name: "status", in: "query", schema: { type: "string", enum: [...AUCTION_STATUSES] } },
          { name: "mode", in: "query", schema: { type: "string", enum: [...AUCTION_MODES] } },
          { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
          { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
        ],
        responses: { "200": json({ type: "object", properties: { items: { type: "array", items: ref("Auction") }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" } } }), "400": error("invalid query") },
      },
      post: {
        tags,
        summary: "Create a lot for a published result (a member of its organization; staff may override the 5–20% deposit band with a reason)",
        requestBody: body(
          obj(
            {
              resultId: { type: "string" },
              mode: { type: "string", enum: [...AUCTION_MODES] },
              contractType: { type: "string", enum: [...AUCTION_CONTRACT_TYPES] },
              licenseScope: { type: "string", enum: [...LICENSE_SCOPES] },
              licenseTermMonths: { type: "integer" },
              startPriceFen: { ...fen, description: "bidding: starting price; listing: the listed price; notice: the agreed price" },
              incrementFen: { ...fen, description: "加价幅度 (bidding, listing)" },
              reservePriceFen: { ...fen, description: "保留价, secret until the close (bidding)" },
              depositFen: { ...fen, description: "default 10% of the starting price; 5–20% unless staff override" },
              depositOverrideReason: { type: "string" },
              biddingStartsAt: { ...time, description: `≥ MARKET_MIN_ANNOUNCE_DAYS after the announcement` },
              biddingEndsAt: { ...time, description: "≥ MARKET_MIN_BIDDING_MINUTES after the start" },
              softCloseSeconds: { type: "integer", default: 300 },
              buyerOrgId: { type: "string", description: "notice: the buyer the price was agreed with" },
              buyerRelation: { type: "string", enum: [...BUYER_RELATIONS] },
              noticeEndsAt: { ...time, description: "notice: at least 15 calendar days" },
              reofferOfId: { type: "string", description: "an unsold lot of the same result, within 30 days; price cut ≤ 20%" },
            },
            ["resultId", "mode", "contractType", "startPriceFen"],
          ),
        ),
        responses: { "201": json(wrap("auction", ref("Auction")), "created as draft"), ...write },
      },
    },
    "/api/v1/auctions/{id}": { get: { tags, summary: "One lot", security: [{}, { bearerAuth: [] }], parameters: [idParam], responses: { "200": json(wrap("auction", ref("Auction"))), "404": error("not found") } } },
    "/api/v1/auctions/{id}/submit": staffPost("Submit a draft for review (the seller's members)"),
    "/api/v1/auctions/{id}/review": staffPost("Approve (→ announced) or reject (→ draft) a lot (bureau, admin)", {
      requestBody: body(obj({ decision: { type: "string", enum: ["approve", "reject"] }, note: { type: "string" } }, ["decision"])),
    }),
    "/api/v1/auctions/{id}/cancel": staffPost("Cancel a lot before its close, with a reason (bureau, admin); registered bidders are notified", {
      requestBody: body(obj({ reason: { type: "string" } }, ["reason"])),
    }),
    "/api/v1/auctions/{id}/close": staffPost("Close a lot whose end has passed (bureau, admin; idempotent; 409 `auction_open` before the end)"),
    "/api/v1/auctions/{id}/default": staffPost("Mark the winner defaulted after the confirmation deadline (bureau, admin): deposit forfeited, lot unsold"),
    "/api/v1/auctions/{id}/confirm": {
      post: {
        tags,
        summary: "The winner confirms within 5 working days: creates the technology contract draft (once; a repeat returns it with 200)",
        parameters: [idParam],
        responses: { "201": json({ type: "object", properties: { contract: { type: "object" } } }, "contract draft created"), "200": json({ type: "object", properties: { contract: { type: "object" } } }, "already confirmed"), ...write },
      },
    },
    "/api/v1/auctions/{id}/deposits": {
      get: { tags, summary: "Deposits of the lot (staff: all; a bidder: their own)", parameters: [idParam], responses: { "200": json({ type: "object", properties: { items: { type: "array", items: ref("Deposit") } } }), ...common } },
      post: {
        tags,
        summary: "Register to bid and open the deposit (a company user of a verified organization; not the seller, not staff)",
        parameters: [idParam],
        requestBody: body(obj({ method: { type: "string", enum: [...DEPOSIT_METHODS], default: "bank_transfer" } })),
        responses: { "201": json(wrap("deposit", ref("Deposit")), "registered"), "200": json(wrap("deposit", ref("Deposit")), "already registered"), ...write },
      },
    },
    "/api/v1/deposits": { get: { tags, summary: "Bank refunds due, across lots (bureau, admin)", responses: { "200": json({ type: "object", properties: { items: { type: "array", items: ref("Deposit") } } }), ...common } } },
    "/api/v1/deposits/{id}/confirm": {
      post: {
        tags,
        summary: "Record a received bank transfer (bureau, admin) → held; a payer name other than the bidder's organization needs `mismatchReason`",
        parameters: [idParam],
        requestBody: body(obj({ bankReference: { type: "string" }, payerName: { type: "string" }, amountFen: fen, receivedAt: time, mismatchReason: { type: "string" } }, ["bankReference", "payerName", "amountFen", "receivedAt"])),
        responses: { "200": json(wrap("deposit", ref("Deposit"))), ...write },
      },
    },
    "/api/v1/deposits/{id}/refund": {
      post: { tags, summary: "Mark a bank refund paid (bureau, admin) → refunded", parameters: [idParam], requestBody: body(obj({ bankReference: { type: "string" } }, ["bankReference"])), responses: { "200": json(wrap("deposit", ref("Deposit"))), ...write } },
    },
    "/api/v1/auctions/{id}/bids": {
      get: { tags, summary: "The bid ladder, newest first (bidder codes only)", security: [{}, { bearerAuth: [] }], parameters: [idParam], responses: { "200": json({ type: "object", properties: { items: { type: "array", items: ref("Bid") } } }), "404": error("not found") } },
      post: {
        tags,
        summary: "Bid: ≥ the starting price, then the current price + k × increment (k ≥ 1); time = server receipt; within the soft-close window the end moves to bid time + window",
        parameters: [idParam],
        requestBody: body(obj({ amountFen: fen }, ["amountFen"])),
        responses: {
          "201": json({ type: "object", properties: { bid: ref("Bid"), auction: { type: "object", properties: { currentPriceFen: fen, endsAt: time, extended: { type: "boolean" } } } } }),
          "400": error("invalid input"),
          "401": error("no or bad token"),
          "403": error("`deposit_required` or `forbidden` (seller, staff)"),
          "404": error("not found"),
          "409": error("`bid_too_low`, `not_increment_multiple`, `auction_not_open` (by server time)"),
        },
      },
    },
    "/api/v1/auctions/{id}/verify": {
      get: {
        tags,
        summary: "Re-derive the bid log's hash chain",
        security: [{}, { bearerAuth: [] }],
        parameters: [idParam],
        responses: { "200": json({ oneOf: [{ type: "object", properties: { ok: { const: true }, bids: { type: "integer" }, headHash: { type: ["string", "null"] } } }, { type: "object", properties: { ok: { const: false }, firstBrokenSeq: { type: "integer" } } }] }), "404": error("not found") },
      },
    },
    "/api/v1/auctions/{id}/events": {
      get: {
        tags,
        summary: "Server-Sent Events: `snapshot`, then `bid`, `status`, `closed` as they commit (any HTTP worker)",
        security: [{}, { bearerAuth: [] }],
        parameters: [idParam],
        responses: { "200": { description: "event stream", content: { "text/event-stream": { schema: { type: "string" } } } }, "404": error("not found") },
      },
    },
    "/api/v1/auctions/{id}/objections": {
      get: { tags, summary: "Objections to a notice lot", security: [{}, { bearerAuth: [] }], parameters: [idParam], responses: { "200": json({ type: "object", properties: { items: { type: "array", items: ref("Objection") } } }), "404": error("not found") } },
      post: { tags, summary: "Object to a notice lot during its notice period (signed in)", parameters: [idParam], requestBody: body(obj({ reason: { type: "string" } }, ["reason"])), responses: { "201": json(wrap("objection", ref("Objection"))), ...write } },
    },
    "/api/v1/objections/{id}/decide": {
      post: {
        tags,
        summary: "Uphold (the deal stops: the lot is cancelled) or dismiss an objection (bureau, admin)",
        parameters: [idParam],
        requestBody: body(obj({ decision: { type: "string", enum: ["uphold", "dismiss"] }, note: { type: "string" } }, ["decision", "note"])),
        responses: { "200": json(wrap("objection", ref("Objection"))), ...write },
      },
    },
    "/api/v1/calendar": {
      get: {
        tags,
        summary: "The working-day calendar's entries (holidays, working weekend days)",
        security: [{}, { bearerAuth: [] }],
        parameters: [{ name: "from", in: "query", schema: { type: "string", format: "date" } }, { name: "to", in: "query", schema: { type: "string", format: "date" } }],
        responses: { "200": json({ type: "object", properties: { items: { type: "array", items: { type: "object", properties: { date: { type: "string", format: "date" }, working: { type: "boolean" }, note: { type: "string" } } } } } }), "400": error("invalid query") },
      },
      put: { tags, summary: "List a day as a holiday (working=false) or a working day (bureau, admin)", requestBody: body(obj({ date: { type: "string", format: "date" }, working: { type: "boolean" }, note: { type: "string" } }, ["date", "working"])), responses: { "200": json({ type: "object" }), ...write } },
      delete: { tags, summary: "Remove a calendar entry (bureau, admin)", parameters: [{ name: "date", in: "query", required: true, schema: { type: "string", format: "date" } }], responses: { "200": json({ type: "object", properties: { removed: { type: "boolean" } } }), ...write } },
    },
  },
};
