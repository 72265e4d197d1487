// The answer to POST /api/v1/auctions/:id/bids, shared by the route module's action and the HTTP
// server's fast path for bearer-token bids (app/server/hot-api.ts), which answers from the raw
// body without building a Fetch Request or Response: at a live close hundreds of bids a second
// meet on one lot (docs/decisions/0029-hot-api-path.md). One contract, one home.
import { apiErrorOf, errorJson, errors, parseJsonBody } from "../api/api.server.ts";
import { userForToken } from "../auth/api-token.server.ts";
import { placeBidWithToken } from "./bids.server.ts";
import { bidSchema } from "./schemas.ts";

type Bid = Awaited<ReturnType<typeof placeBidWithToken>>;

/** The 201 body of an accepted bid. */
export function bidAnswer(r: Bid, auctionId: string) {
  return {
    bid: { seq: r.seq, bidderCode: r.bidderCode, amountFen: r.amountFen, at: r.at, hash: r.hash },
    auction: { id: auctionId, currentPriceFen: r.currentPriceFen, endsAt: r.endsAt, extended: r.extended },
  };
}

export type JsonAnswer = { status: number; body: string };

/**
 * A bearer-token bid from its raw parts: the token (its plain text), the lot id, the body (read
 * when needed) and the server's receipt time. The caller is checked with the bid in one statement; a bad body
 * is refused after the token is checked (a bad token is a 401 first).
 */
export async function answerTokenBid(
  token: string,
  auctionId: string,
  body: () => Uint8Array | Promise<Uint8Array>,
  receivedAt: Date,
): Promise<JsonAnswer> {
  try {
    let amountFen: number;
    try {
      amountFen = parseJsonBody(await body(), bidSchema).amountFen;
    } catch (error) {
      if (!(await userForToken(token))) throw errors.unauthorized();
      throw error;
    }
    const r = await placeBidWithToken(token, auctionId, amountFen, receivedAt);
    // numbers and strings as the database's JSON gave them (no bigint): exactJson's pass would change nothing
    return { status: 201, body: JSON.stringify(bidAnswer(r, auctionId)) };
  } catch (error) {
    const refusal = apiErrorOf(error);
    return { status: refusal.status, body: errorJson(refusal) };
  }
}
