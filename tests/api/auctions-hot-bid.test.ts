// Bids over real HTTP: a bearer-token bid is answered straight from Express by the function the
// route module's action answers token bids with (docs/decisions/0029-hot-api-path.md), so everything the router's way gives it must hold
// there too — the answers and codes, the security headers, the rate-limit headers, the body limit,
// revoked tokens — and calls it does not take (no token, a session cookie) still get their answer.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, expect, test } from "vitest";
import { advanceLot } from "../../app/auctions/close.server.ts";
import { eventStream, watcherCount } from "../../app/auctions/events.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as eventsRoute from "../../app/routes/api.v1.auctions.$id.events.ts";
import { hotEventsRoute, type RouteAction } from "../../app/server/hot-api.ts";
import { startServer, type RunningServer } from "../security/server.ts";
import { makeCaller } from "../factories.ts";
import { announcedLot, bid, bidder } from "./auctions-helpers.ts";

let server: RunningServer;

beforeAll(async () => {
  // development mode: the same Express stack in front of the app, without a production build
  server = await startServer({
    NODE_ENV: "development",
    DATABASE_URL: process.env.DATABASE_URL,
    MARKET_MIN_ANNOUNCE_DAYS: "0",
    MARKET_MIN_BIDDING_MINUTES: "0",
  });
}, 400_000);
afterAll(async () => {
  await server?.stop();
});

async function post(id: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.base}/api/v1/auctions/${id}/bids`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

test("a bearer-token bid over HTTP: the same answers, codes and headers as through the router", async () => {
  const { id, seller, bureau } = await announcedLot();
  const a = await bidder(id, bureau);
  const b = await bidder(id, bureau);

  const first = await post(id, JSON.stringify({ amountFen: 200_000_000 }), as(a.token));
  expect(first.status).toBe(201);
  expect(first.body.bid).toMatchObject({ seq: 1, bidderCode: "A01", amountFen: 200_000_000 });
  expect(first.body.auction).toMatchObject({ id, currentPriceFen: 200_000_000 });
  expect(first.headers.get("content-type")).toBe("application/json; charset=utf-8");
  // helmet's headers and the API rate limit apply as to every other API answer
  expect(first.headers.get("content-security-policy")).toContain("default-src 'self'");
  expect(first.headers.get("x-content-type-options")).toBe("nosniff");
  expect(first.headers.get("ratelimit-policy")).toBeTruthy();

  const low = await post(id, JSON.stringify({ amountFen: 200_000_000 }), as(b.token));
  expect(low.status).toBe(409);
  expect(low.body.error).toMatchObject({ code: "bid_too_low", fields: { amountFen: "≥ 210000000" } });
  expect((await post(id, JSON.stringify({ amountFen: 215_000_000 }), as(b.token))).body.error.code).toBe(
    "not_increment_multiple",
  );
  const raise = await post(id, JSON.stringify({ amountFen: 230_000_000 }), as(b.token));
  expect(raise.status).toBe(201);
  expect(raise.body.bid).toMatchObject({ seq: 2, bidderCode: "A02" });

  const bad = await post(id, "{not json", as(a.token));
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe("invalid_input");
  const unknown = await post(id, JSON.stringify({ amountFen: 240_000_000, price: 1 }), as(a.token));
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.fields).toHaveProperty("price");

  expect((await post(id, JSON.stringify({ amountFen: 240_000_000 }), as(seller.token))).body.error.code).toBe(
    "forbidden",
  );
  const stranger = await makeCaller("company");
  const noDeposit = await post(id, JSON.stringify({ amountFen: 240_000_000 }), as(stranger.token));
  expect(noDeposit.status).toBe(403);
  expect(noDeposit.body.error.code).toBe("deposit_required");

  // nothing of the refused ones was written: the ladder is the two accepted bids
  const rows = await prisma.auctionBid.findMany({ where: { auctionId: id }, orderBy: { seq: "asc" } });
  expect(rows.map((r) => [r.seq, r.bidderCode, Number(r.amountFen)])).toEqual([
    [1, "A01", 200_000_000],
    [2, "A02", 230_000_000],
  ]);
}, 120_000);

// Headers that differ between any two answers by nature: the date, the length and encoding (bodies
// over 1 KB are compressed), the per-answer CSP nonce and the rate limit's remaining count
// (checked below on its own).
const PER_ANSWER = new Set([
  "date",
  "content-length",
  "content-encoding",
  "ratelimit",
  "etag",
  "keep-alive",
  "connection",
]);
function comparable(headers: Headers) {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (PER_ANSWER.has(name)) return;
    out[name] = name === "content-security-policy" ? value.replace(/'nonce-[^']+'/, "'nonce-…'") : value;
  });
  return out;
}
const remaining = (headers: Headers) => Number(/r=(\d+)/.exec(headers.get("ratelimit") ?? "")?.[1] ?? NaN);

test("a bid's answer carries exactly the headers of any other API answer, and counts against the same rate limit", async () => {
  const { id, bureau } = await announcedLot();
  const a = await bidder(id, bureau);
  const lot = await fetch(`${server.base}/api/v1/auctions/${id}`, { headers: as(a.token) });
  expect(lot.status).toBe(200);
  await lot.text();
  const accepted = await post(id, JSON.stringify({ amountFen: 200_000_000 }), as(a.token));
  expect(accepted.status).toBe(201);
  const refused = await post(id, JSON.stringify({ amountFen: 200_000_000 }), as(a.token));
  expect(refused.status).toBe(409);
  // a POST the router answers (a session-less refusal of another API route)
  const other = await fetch(`${server.base}/api/v1/auctions/${id}/submit`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...as(a.token) },
    body: "{}",
  });
  expect(other.status).toBeGreaterThanOrEqual(400);
  await other.text();
  const after = await fetch(`${server.base}/api/v1/auctions/${id}`, { headers: as(a.token) });
  await after.text();

  const expected = comparable(lot.headers);
  expect(expected["content-security-policy"]).toContain("default-src 'self'");
  expect(expected["x-content-type-options"]).toBe("nosniff");
  expect(expected["ratelimit-policy"]).toBeTruthy();
  expect(expected["vary"]).toBeTruthy();
  for (const answer of [accepted, refused, other]) expect(comparable(answer.headers)).toEqual(expected);
  // one limiter, one key: each call, bid or not, takes one from the same remaining count
  const counts = [lot, accepted, refused, other, after].map((r) => remaining(r.headers));
  expect(counts.every((n, i) => i === 0 || n === counts[0]! - i)).toBe(true);
}, 120_000);

// The server decides a lot's bids that arrive while its call for that lot is in flight together in
// the next call (docs/decisions/0032): 50 bids at once must each get their own answer, the chain
// exactly the accepted ones. Distinct amounts per bidder, so a mixed-up answer cannot pass.
test("50 concurrent token bids over HTTP on one lot: gapless, the chain exactly the accepted ones, each refusal right for its own bid", async () => {
  const START = 200_000_000;
  const STEP = 10_000_000;
  const { id, bureau } = await announcedLot();
  await advanceLot(id);
  const bidders: Array<Awaited<ReturnType<typeof bidder>>> = [];
  for (let i = 0; i < 50; i++) bidders.push(await bidder(id, bureau));
  // a shuffled ladder of whole increments, every seventh half an increment off
  const steps = Array.from({ length: 50 }, (_, i) => i).sort(() => Math.random() - 0.5);
  const amounts = steps.map((k, i) => START + k * STEP + (i % 7 === 3 ? STEP / 2 : 0));
  const answers = await Promise.all(
    bidders.map((b, i) => post(id, JSON.stringify({ amountFen: amounts[i] }), as(b.token))),
  );

  const rows = await prisma.auctionBid.findMany({ where: { auctionId: id }, orderBy: { seq: "asc" } });
  const chain = rows.map((r) => [r.seq, r.bidderCode, Number(r.amountFen), r.hash]);
  const accepted = answers
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => a.status === 201)
    .sort((x, y) => x.a.body.bid.seq - y.a.body.bid.seq);
  expect(accepted.length).toBeGreaterThan(0);
  for (const { a, i } of accepted)
    expect(a.body.bid).toMatchObject({ bidderCode: bidders[i]!.deposit.bidderCode, amountFen: amounts[i] });
  expect(
    accepted.map(({ a }) => [a.body.bid.seq, a.body.bid.bidderCode, a.body.bid.amountFen, a.body.bid.hash]),
  ).toEqual(chain);
  expect(chain.map((c) => c[0])).toEqual(chain.map((_, i) => i + 1));
  const prices = rows.map((r) => Number(r.amountFen));
  expect(prices).toEqual([...prices].sort((x, y) => x - y));
  const verify = await (await fetch(`${server.base}/api/v1/auctions/${id}/verify`)).json();
  expect(verify).toMatchObject({ ok: true, bids: rows.length });

  const ladder = new Set(prices);
  let refused = 0;
  for (const [i, a] of answers.entries()) {
    if (a.status === 201) continue;
    refused++;
    expect(a.status).toBe(409);
    const code = a.body.error.code;
    const field = a.body.error.fields.amountFen as string;
    if (code === "bid_too_low") {
      // refused at a price the chain held, which this bid did not beat
      const minimum = Number(/^≥ (\d+)$/.exec(field)![1]);
      expect(ladder.has(minimum - STEP)).toBe(true);
      expect(amounts[i]!).toBeLessThan(minimum);
    } else {
      expect(code).toBe("not_increment_multiple");
      const base = Number(new RegExp(`^(\\d+) \\+ k × ${STEP}$`).exec(field)![1]);
      expect(ladder.has(base) || base === START).toBe(true);
      expect(amounts[i]!).toBeGreaterThan(base);
      expect((amounts[i]! - base) % STEP).not.toBe(0);
    }
  }
  expect(refused + accepted.length).toBe(50);
  expect(refused).toBeGreaterThan(0);
}, 300_000);

test("unknown and revoked tokens, no token, an oversized body, an odd lot id", async () => {
  const { id, bureau } = await announcedLot();
  const a = await bidder(id, bureau);
  const body = JSON.stringify({ amountFen: 200_000_000 });

  expect((await post(id, body, as("gztm_not-a-token"))).status).toBe(401);
  const anonymous = await post(id, body);
  expect(anonymous.status).toBe(401);
  expect(anonymous.body.error.code).toBe("unauthorized");

  await prisma.apiToken.updateMany({ where: { userId: a.user.id }, data: { revokedAt: new Date() } });
  const revoked = await post(id, body, as(a.token));
  expect(revoked.status).toBe(401);
  expect(revoked.body.error.code).toBe("unauthorized");

  const huge = await fetch(`${server.base}/api/v1/auctions/${id}/bids`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...as(a.token), "Content-Length": String(2 * 1024 * 1024) },
    body: "x".repeat(2 * 1024 * 1024),
  }).catch(() => null);
  if (huge) expect(huge.status).toBe(413);

  // a lot id the fast path does not take is answered by the router
  const odd = await post("no%20such%20lot", body, as("gztm_not-a-token"));
  expect(odd.status).toBe(401);
  expect(await prisma.auctionBid.count({ where: { auctionId: id } })).toBe(0);
}, 120_000);

test("a token bid checks its caller in the same statement: last use kept once a minute, staff refused, a bad body from a bad token is a 401", async () => {
  const { id, bureau } = await announcedLot();
  const a = await bidder(id, bureau);
  const lastUsed = async () =>
    (await prisma.apiToken.findFirstOrThrow({ where: { userId: a.user.id }, select: { lastUsedAt: true } })).lastUsedAt;
  await prisma.apiToken.updateMany({ where: { userId: a.user.id }, data: { lastUsedAt: null } });

  const before = Date.now();
  expect((await post(id, JSON.stringify({ amountFen: 200_000_000 }), as(a.token))).status).toBe(201);
  const first = await lastUsed();
  expect(first!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
  expect(first!.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
  // within the minute a refused and an accepted bid leave it as it was
  expect((await post(id, JSON.stringify({ amountFen: 200_000_000 }), as(a.token))).status).toBe(409);
  expect((await post(id, JSON.stringify({ amountFen: 210_000_000 }), as(a.token))).status).toBe(201);
  expect(await lastUsed()).toEqual(first);
  // older than a minute: written again
  await prisma.apiToken.updateMany({
    where: { userId: a.user.id },
    data: { lastUsedAt: new Date(before - 3_600_000) },
  });
  expect((await post(id, JSON.stringify({ amountFen: 200_000_000 }), as(a.token))).status).toBe(409);
  expect((await lastUsed())!.getTime()).toBeGreaterThanOrEqual(before - 1_000);

  // market staff and a researcher are no bidders, whatever they send
  const staff = await post(id, JSON.stringify({ amountFen: 300_000_000 }), as(bureau.token));
  expect(staff.status).toBe(403);
  expect(staff.body.error.code).toBe("forbidden");
  const researcher = await makeCaller("researcher");
  expect((await post(id, JSON.stringify({ amountFen: 300_000_000 }), as(researcher.token))).body.error.code).toBe(
    "forbidden",
  );

  // the caller is named before the body: a bad body with a bad token is a 401, with a good one a 400
  const badBoth = await post(id, "{not json", as("gztm_not-a-token"));
  expect(badBoth.status).toBe(401);
  expect(badBoth.body.error.code).toBe("unauthorized");
  expect((await post(id, "{not json", as(a.token))).status).toBe(400);

  const rows = await prisma.auctionBid.findMany({ where: { auctionId: id }, orderBy: { seq: "asc" } });
  expect(rows.map((r) => Number(r.amountFen))).toEqual([200_000_000, 210_000_000]);
}, 120_000);

/** Reads a text/event-stream over HTTP until `until` matches what has come. */
function sse(url: string) {
  let text = "";
  let status = 0;
  let headers: http.IncomingHttpHeaders = {};
  let wake = () => {};
  const req = http.get(url, { agent: false }, (res) => {
    status = res.statusCode ?? 0;
    headers = res.headers;
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      text += chunk;
      wake();
    });
    res.on("end", () => wake());
  });
  req.on("error", () => {});
  return {
    close: () => req.destroy(),
    status: () => status,
    headers: () => headers,
    async until(pattern: RegExp, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in ${JSON.stringify(text)}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 100);
        });
      }
      return text;
    },
  };
}

test("the event stream over HTTP: written straight to the socket, a bid arrives, a closed connection stops its feed", async () => {
  const { id, bureau } = await announcedLot();
  const a = await bidder(id, bureau);
  // the hot route alone, in this process, so its watchers can be counted here
  const app = express();
  app.get(
    "/api/v1/auctions/:id/events",
    hotEventsRoute(async () => eventsRoute.loader as RouteAction),
  );
  const local = app.listen(0, "127.0.0.1");
  await new Promise((r) => local.once("listening", r));
  const base = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
  try {
    const watchersBefore = watcherCount();
    const stream = sse(`${base}/api/v1/auctions/${id}/events`);
    await stream.until(/event: snapshot\ndata: .*\n\n/);
    expect(stream.status()).toBe(200);
    expect(stream.headers()["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(stream.headers()["cache-control"]).toBe("no-cache, no-transform");
    expect(watcherCount()).toBe(watchersBefore + 1);

    expect((await bid(a.token, id, 200_000_000)).status).toBe(201);
    const text = await stream.until(/event: bid\ndata: .*\n\n/);
    expect(JSON.parse(/event: bid\ndata: (.*)\n/.exec(text)![1]!)).toMatchObject({ seq: 1, amountFen: 200_000_000 });

    stream.close();
    for (let i = 0; i < 50 && watcherCount() > watchersBefore; i++) await new Promise((r) => setTimeout(r, 100));
    expect(watcherCount()).toBe(watchersBefore);

    // anything but a stream is answered as the loader answers it
    const missing = await fetch(`${base}/api/v1/auctions/no-such-lot/events`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
  } finally {
    await new Promise((r) => local.close(r));
  }
  // through the whole server (Express in front, development build) the same stream
  const served = sse(`${server.base}/api/v1/auctions/${id}/events`);
  await served.until(/event: snapshot/);
  expect((await bid(a.token, id, 210_000_000)).status).toBe(201);
  await served.until(/"seq": ?2\b/);
  served.close();
}, 120_000);

test("a stream's body loses nothing sent before its first read", async () => {
  const { id, bureau } = await announcedLot();
  const a = await bidder(id, bureau);
  const controller = new AbortController();
  const response = await eventStream(new Request("http://localhost/", { signal: controller.signal }), id, { hi: 1 });
  expect((await bid(a.token, id, 200_000_000)).status).toBe(201);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 5_000;
  while (!text.includes("event: bid") && Date.now() < deadline) text += decoder.decode((await reader.read()).value);
  expect(text.startsWith("retry: 2000\nevent: snapshot")).toBe(true);
  expect(text).toMatch(/"seq": ?1\b/);
  controller.abort();
  // closing lets chunks already queued be read first (a later event of the same lot may be among
  // them under load); the body must then end, not hang
  let reads = 0;
  while (!(await reader.read()).done) expect(++reads).toBeLessThan(10);
});
