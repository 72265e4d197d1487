// The lot pages (/auctions/new, /my/lots) called directly with a session cookie: a member of the
// result's organization creates each mode of lot from the form (money typed in 元, times in
// Shanghai wall-clock), the API's rules come back on the form's fields, nothing is written on a
// refusal, and other organizations, other roles and anonymous callers are turned away.
import { expect, test } from "vitest";
import {
  cookieFor,
  pageGet as get,
  pagePost as post,
  pageStatus as statusOf,
  runPage as run,
} from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as newLot from "../../app/routes/auctions.new.tsx";
import * as myLots from "../../app/routes/my.lots._index.tsx";
import * as resultPage from "../../app/routes/results.$id.tsx";
import { isoToShanghaiInput } from "../../app/auctions/form-schemas.ts";
import { makeOrg, makeUser } from "../factories.ts";
import { DAY } from "./auctions-helpers.ts";

const errorsOf = (r: unknown) => (r as { data: { error: Record<string, string[]> } }).data.error;

async function setting() {
  const seller = await makeOrg({ kind: "university" });
  const other = await makeOrg({ kind: "university" });
  const buyer = await makeOrg({ kind: "enterprise" });
  const result = await prisma.result.create({
    data: {
      organizationId: seller.id,
      title: "稀土永磁电机高效冷却技术",
      summary: "冷却",
      keywords: [],
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["transfer"],
      status: "published",
      publishedAt: new Date(),
    },
  });
  const [researcher, broker, outsider, company, bureau] = await Promise.all([
    makeUser("researcher", seller.id),
    makeUser("broker", seller.id),
    makeUser("researcher", other.id),
    makeUser("company", buyer.id),
    makeUser("bureau", null),
  ]);
  return {
    seller,
    buyer,
    result,
    researcher: await cookieFor(researcher.id),
    broker: await cookieFor(broker.id),
    outsider: await cookieFor(outsider.id),
    company: await cookieFor(company.id),
    bureau: await cookieFor(bureau.id),
  };
}

const later = (ms: number) => isoToShanghaiInput(new Date(Date.now() + ms));

function biddingForm(resultId: string, extra: Record<string, string> = {}) {
  return {
    resultId,
    mode: "bidding",
    contractType: "transfer",
    startPrice: "500000",
    increment: "10000",
    reservePrice: "650000",
    deposit: "50000",
    biddingStartsAt: later(DAY),
    biddingEndsAt: later(2 * DAY),
    softCloseSeconds: "300",
    intent: "submit",
    ...extra,
  };
}

test("a researcher of the result's organization creates a bidding lot from the form and submits it", async () => {
  const s = await setting();
  const page = (await run(newLot.loader, get(`/auctions/new?resultId=${s.result.id}`, s.researcher))) as {
    result: { id: string };
    defaultValue: Record<string, string>;
  };
  expect(page.result.id).toBe(s.result.id);
  expect(page.defaultValue).toMatchObject({ mode: "bidding", contractType: "transfer", softCloseSeconds: "300" });

  const res = await run(newLot.action, post("/auctions/new", s.researcher, biddingForm(s.result.id)));
  expect(res).toBeInstanceOf(Response);
  const location = (res as Response).headers.get("Location")!;
  expect(location).toMatch(/^\/auctions\/[\w-]+$/);
  const lot = await prisma.auction.findUniqueOrThrow({ where: { id: location.split("/").pop()! } });
  expect(lot).toMatchObject({
    status: "pending_review",
    mode: "bidding",
    sellerOrgId: s.seller.id,
    startPriceFen: 50_000_000n,
    incrementFen: 1_000_000n,
    reservePriceFen: 65_000_000n,
    depositFen: 5_000_000n,
    softCloseSeconds: 300,
  });
  const audit = await prisma.auditEvent.findMany({ where: { entityType: "auction", entityId: lot.id } });
  expect(audit.map((e) => e.action).sort()).toEqual(["create", "submit"]);
  expect(JSON.stringify(audit.map((e) => [e.before, e.after]))).not.toContain("65000000");
});

test("listing and notice lots, a licence, a draft; the broker of the organization may sell too", async () => {
  const s = await setting();
  const listing = await run(
    newLot.action,
    post("/auctions/new", s.broker, {
      resultId: s.result.id,
      mode: "listing",
      contractType: "license",
      licenseScope: "ordinary",
      licenseTermMonths: "36",
      startPrice: "300000",
      increment: "5000",
      biddingStartsAt: later(DAY),
      biddingEndsAt: later(3 * DAY),
      intent: "save",
    }),
  );
  const listingLot = await prisma.auction.findUniqueOrThrow({
    where: { id: (listing as Response).headers.get("Location")!.split("/").pop()! },
  });
  expect(listingLot).toMatchObject({
    status: "draft",
    mode: "listing",
    contractType: "license",
    licenseScope: "ordinary",
    licenseTermMonths: 36,
    depositFen: 3_000_000n,
    reservePriceFen: null,
  });

  const notice = await run(
    newLot.action,
    post("/auctions/new", s.researcher, {
      resultId: s.result.id,
      mode: "notice",
      contractType: "transfer",
      startPrice: "880000",
      buyerOrgId: s.buyer.id,
      buyerRelation: "inventor",
      noticeEndsAt: later(16 * DAY),
      // fields of other modes left in the form are ignored
      increment: "1",
      reservePrice: "9",
      intent: "submit",
    }),
  );
  const noticeLot = await prisma.auction.findUniqueOrThrow({
    where: { id: (notice as Response).headers.get("Location")!.split("/").pop()! },
  });
  expect(noticeLot).toMatchObject({
    status: "pending_review",
    mode: "notice",
    buyerOrgId: s.buyer.id,
    buyerRelation: "inventor",
    startPriceFen: 88_000_000n,
    incrementFen: null,
    reservePriceFen: null,
  });
});

test("the API's rules come back on the form's own fields, and nothing is written", async () => {
  const s = await setting();
  const before = await prisma.auction.count();
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ startPrice: "" }, "startPrice", /起拍价/],
    [{ startPrice: "12.345" }, "startPrice", /元/],
    [{ deposit: "100" }, "deposit", /5%–20%/],
    [{ reservePrice: "100" }, "reservePrice", /保留价/],
    [{ increment: "" }, "increment", /加价幅度/],
    [{ biddingEndsAt: later(DAY - 60_000) }, "biddingEndsAt", /晚于/],
    [{ contractType: "license" }, "licenseScope", /许可范围/],
    [{ mode: "notice", noticeEndsAt: later(10 * DAY), buyerOrgId: s.buyer.id }, "noticeEndsAt", /15/],
    [{ mode: "notice", noticeEndsAt: later(16 * DAY) }, "buyerOrgId", /受让方/],
    [{ mode: "notice", noticeEndsAt: later(16 * DAY), buyerOrgId: s.seller.id }, "buyerOrgId", /受让方/],
  ];
  for (const [change, field, message] of cases) {
    const res = await run(newLot.action, post("/auctions/new", s.researcher, biddingForm(s.result.id, change)));
    expect(statusOf(res), JSON.stringify(change)).toBe(400);
    expect(errorsOf(res)[field]?.join(" "), `${JSON.stringify(change)} → ${JSON.stringify(errorsOf(res))}`).toMatch(
      message,
    );
  }
  // English readers get the English half
  const en = await run(
    newLot.action,
    post("/auctions/new", `${s.researcher}; lng=en`, biddingForm(s.result.id, { deposit: "100" })),
  );
  expect(errorsOf(en).deposit!.join(" ")).toMatch(/starting price/);
  expect(await prisma.auction.count()).toBe(before);
});

test("staff may set a deposit outside the band with a reason; members may not", async () => {
  const s = await setting();
  const member = await run(
    newLot.action,
    post("/auctions/new", s.researcher, biddingForm(s.result.id, { deposit: "100", depositOverrideReason: "理由" })),
  );
  expect(statusOf(member)).toBe(400);
  const staff = await run(
    newLot.action,
    post(
      "/auctions/new",
      s.bureau,
      biddingForm(s.result.id, { deposit: "100", depositOverrideReason: "国有资产处批复" }),
    ),
  );
  const lot = await prisma.auction.findUniqueOrThrow({
    where: { id: (staff as Response).headers.get("Location")!.split("/").pop()! },
  });
  expect(lot).toMatchObject({ depositFen: 10_000n, depositOverrideReason: "国有资产处批复" });
});

test("other organizations, other roles and anonymous callers are refused; nothing is written", async () => {
  const s = await setting();
  const before = await prisma.auction.count();
  const path = `/auctions/new?resultId=${s.result.id}`;
  expect(statusOf(await run(newLot.loader, get(path, s.outsider)))).toBe(403);
  expect(statusOf(await run(newLot.loader, get(path, s.company)))).toBe(403);
  const anonymous = await run(newLot.loader, get(path));
  expect(statusOf(anonymous)).toBe(302);
  expect((anonymous as Response).headers.get("Location")).toMatch(/^\/login/);

  expect(statusOf(await run(newLot.action, post("/auctions/new", s.outsider, biddingForm(s.result.id))))).toBe(403);
  expect(statusOf(await run(newLot.action, post("/auctions/new", s.company, biddingForm(s.result.id))))).toBe(403);
  expect(statusOf(await run(newLot.action, post("/auctions/new", undefined, biddingForm(s.result.id))))).toBe(302);
  expect(statusOf(await run(newLot.loader, get("/auctions/new?resultId=nope", s.researcher)))).toBe(404);
  expect(await prisma.auction.count()).toBe(before);

  // a result that is not published cannot be put on sale
  await prisma.result.update({ where: { id: s.result.id }, data: { status: "withdrawn" } });
  expect(statusOf(await run(newLot.loader, get(path, s.researcher)))).toBe(403);
});

test("/my/lots lists the organization's lots with their status, and the result page offers the sale to members", async () => {
  const s = await setting();
  await run(newLot.action, post("/auctions/new", s.researcher, biddingForm(s.result.id, { intent: "save" })));
  const mine = (await run(myLots.loader, get("/my/lots", s.broker))) as {
    lots: Array<{ status: string; result: { id: string } }>;
    results: Array<{ id: string }>;
  };
  expect(mine.lots).toHaveLength(1);
  expect(mine.lots[0]).toMatchObject({ status: "draft", result: { id: s.result.id } });
  expect(mine.results.map((r) => r.id)).toContain(s.result.id);
  const theirs = (await run(myLots.loader, get("/my/lots", s.outsider))) as { lots: unknown[] };
  expect(theirs.lots).toHaveLength(0);
  expect(statusOf(await run(myLots.loader, get("/my/lots", s.company)))).toBe(403);
  expect(statusOf(await run(myLots.loader, get("/my/lots")))).toBe(302);

  const asMember = (await run(resultPage.loader, get(`/results/${s.result.id}`, s.researcher), {
    id: s.result.id,
  })) as {
    role: { canSell: boolean };
  };
  expect(asMember.role.canSell).toBe(true);
  for (const cookie of [s.outsider, s.company, undefined]) {
    const page = (await run(resultPage.loader, get(`/results/${s.result.id}`, cookie), { id: s.result.id })) as {
      role: { canSell: boolean };
    };
    expect(page.role.canSell).toBe(false);
  }
});
