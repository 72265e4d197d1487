// The secret reserve (保留价) never leaves the server before the close: for a lot in bidding with a
// reserve and bids, every answer a bidder, another organization, an anonymous visitor, the seller
// or staff can get — the room page (its loader data and the HTML rendered from it, both
// languages), the live stream (snapshot and a bid event), the lot, list, bids, verify and deposits
// JSON, the audit snapshots, the trading list and /my/lots — is searched for the figure in fen, yuan and 万元.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createRoutesStub } from "react-router";
import { expect, test } from "vitest";
import { cookieFor } from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import { createI18n } from "../../app/i18n/i18n.ts";
import * as roomRoute from "../../app/routes/auctions.$id.tsx";
import * as tradingList from "../../app/routes/auctions._index.tsx";
import * as myLots from "../../app/routes/my.lots._index.tsx";
import * as listRoute from "../../app/routes/api.v1.auctions.ts";
import * as verifyRoute from "../../app/routes/api.v1.auctions.$id.verify.ts";
import * as eventsRoute from "../../app/routes/api.v1.auctions.$id.events.ts";
import { AuctionRoom, type RoomData } from "../../app/routes/auctions+shared/room.tsx";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { announcedLot, bid, bidder, bids, deposits, getLot } from "./auctions-helpers.ts";

// ¥9,876,543.21 — digits that appear nowhere else on these pages
const RESERVE_FEN = 987_654_321;
const NEEDLES = ["987654321", "9876543.21", "9,876,543", "9876543", "987.654321", "987.65", "987.66"];

function expectNoReserve(label: string, text: string, opts: { keyNamed?: boolean } = {}) {
  for (const needle of NEEDLES) expect(text, `${label} contains ${needle}`).not.toContain(needle);
  if (!opts.keyNamed) expect(text, label).not.toMatch(/reservePrice/i);
}

const page = (path: string, cookie?: string, lang = "zh-CN") =>
  new Request(`http://localhost${path}`, { headers: { Cookie: [cookie, `lng=${lang}`].filter(Boolean).join("; ") } });

async function roomHtml(id: string, cookie: string | undefined, lang: "zh-CN" | "en") {
  const data = (await roomRoute.loader({
    request: page(`/auctions/${id}`, cookie, lang),
    params: { id },
    context: {},
  } as never)) as unknown as RoomData;
  const Stub = createRoutesStub([{ path: "/auctions/:id", Component: () => createElement(AuctionRoom, { d: data }) }]);
  const html = renderToString(
    createElement(
      I18nextProvider,
      { i18n: createI18n(lang) },
      createElement(Stub, { initialEntries: [`/auctions/${id}`] }),
    ),
  );
  return { data: JSON.stringify(data), html };
}

async function streamText(id: string, token: string | undefined, then?: () => Promise<unknown>) {
  const controller = new AbortController();
  const response = await eventsRoute.loader({
    request: new Request(`http://localhost/api/v1/auctions/${id}/events`, {
      signal: controller.signal,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    }),
    params: { id },
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value);
  if (then) {
    await then();
    while (!text.includes("event: bid")) text += decoder.decode((await reader.read()).value);
  }
  controller.abort();
  return text;
}

test("a lot's secret reserve appears in no page, stream or JSON before the close, for anyone", async () => {
  const { id, bureau, seller } = await announcedLot({ body: { reservePriceFen: RESERVE_FEN } });
  const a = await bidder(id, bureau);
  const b = await bidder(id, bureau);
  const other = await makeCaller("company");
  await bid(a.token, id, 200_000_000);
  await bid(b.token, id, 210_000_000);

  const viewers = {
    anonymous: { token: undefined, cookie: undefined },
    bidder: { token: a.token, cookie: await cookieFor(a.user.id) },
    otherOrg: { token: other.token, cookie: await cookieFor(other.user.id) },
    seller: { token: seller.token, cookie: await cookieFor(seller.user.id) },
    bureau: { token: bureau.token, cookie: await cookieFor(bureau.user.id) },
  };
  let seen = 0;
  for (const [who, v] of Object.entries(viewers)) {
    for (const lang of ["zh-CN", "en"] as const) {
      const room = await roomHtml(id, v.cookie, lang);
      expect(room.html).toContain("晶界扩散重稀土钕铁硼磁体制备技术");
      expectNoReserve(`${who} room data (${lang})`, room.data);
      expectNoReserve(`${who} room HTML (${lang})`, room.html);
      seen += 1;
    }
    expectNoReserve(`${who} lot`, JSON.stringify((await getLot(id, v.token)).body));
    for (const status of ["", "?status=bidding"]) {
      const list = await call(listRoute.loader, apiRequest("GET", `/api/v1/auctions${status}`, { token: v.token }));
      expect(list.status).toBe(200);
      expectNoReserve(`${who} list ${status}`, JSON.stringify(list.body));
    }
    const trading = await tradingList.loader({
      request: page("/auctions", v.cookie),
      params: {},
      context: {},
    } as never);
    expectNoReserve(`${who} /auctions`, JSON.stringify(trading));
    expectNoReserve(`${who} stream`, await streamText(id, v.token));
    if (v.token) expectNoReserve(`${who} deposits`, JSON.stringify((await deposits(v.token, id)).body));
  }
  expect(seen).toBe(10);
  expectNoReserve("bids", JSON.stringify((await bids(id)).body));
  expectNoReserve(
    "verify",
    JSON.stringify((await call(verifyRoute.loader, apiRequest("GET", `/api/v1/auctions/${id}/verify`), { id })).body),
  );
  // the audit trail's readable snapshots (what an audit export shows) say "(secret)"
  const audit = await prisma.auditEvent.findMany({ where: { entityType: "auction", entityId: id } });
  expect(audit.length).toBeGreaterThan(0);
  const snapshots = JSON.stringify(audit.map((e) => [e.before, e.after]));
  expectNoReserve("audit", snapshots, { keyNamed: true });
  expect(snapshots).toContain('"reservePriceFen":"(secret)"');
  const mine = await myLots.loader({
    request: page("/my/lots", viewers.seller.cookie),
    params: {},
    context: {},
  } as never);
  expectNoReserve("/my/lots", JSON.stringify(mine));

  // a bid pushed live to an anonymous watcher carries no reserve either
  const live = await streamText(id, undefined, () => bid(a.token, id, 220_000_000));
  expect(live).toContain("event: bid");
  expectNoReserve("live bid event", live);
});
