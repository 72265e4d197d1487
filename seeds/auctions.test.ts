// Demo trading is seeded through the backend functions, once, with the default market rules
// (7 days' announcement, 24 h of bidding).
import { expect, test } from "vitest";
import { prisma } from "../app/db/db.server.ts";
import { verifyBids } from "../app/auctions/bids.server.ts";
import { seedDemoAuctionsOnce } from "./auctions.server.ts";
import { makeOrg } from "../tests/factories.ts";

test("demo trading: a sold lot with bids, deposits and contract draft, one in bidding, announced, listing, notice; once only", async () => {
  delete process.env.MARKET_MIN_ANNOUNCE_DAYS;
  delete process.env.MARKET_MIN_BIDDING_MINUTES;
  const uni = await makeOrg({ name: "江西理工大学", kind: "university" });
  const gov = await makeOrg({ name: "赣州市科学技术局", kind: "government" });
  const user = (email: string, role: "researcher" | "bureau" | "company", organizationId: string) =>
    prisma.user.create({ data: { email, name: email, role, organizationId } });
  await user("researcher@demo.gz", "researcher", uni.id);
  await user("bureau@demo.gz", "bureau", gov.id);
  for (const email of ["company@demo.gz", "company.ruixi@demo.gz", "company.pcb@demo.gz"])
    await user(email, "company", (await makeOrg({ name: email, kind: "enterprise" })).id);
  for (let i = 0; i < 5; i++) {
    await prisma.result.create({
      data: {
        organizationId: uni.id,
        title: `成果${i}`,
        summary: "s",
        keywords: [],
        field: "rare_earth",
        maturity: "pilot",
        transferModes: ["transfer"],
        status: "published",
        publishedAt: new Date(Date.now() - (10 - i) * 60_000),
      },
    });
  }
  expect(await seedDemoAuctionsOnce({ log: () => {} })).toBe(true);
  const lots = await prisma.auction.findMany({
    orderBy: { createdAt: "asc" },
    include: { contract: true, deposits: true },
  });
  expect(lots.map((l) => `${l.mode}:${l.status}`).sort()).toEqual([
    "bidding:announced",
    "bidding:bidding",
    "bidding:sold",
    "listing:announced",
    "notice:announced",
  ]);
  const sold = lots.find((l) => l.status === "sold")!;
  expect(sold.bidCount).toBe(7);
  expect(sold.contract).toMatchObject({ status: "draft", contractAmountFen: 280_000_000n });
  expect(sold.deposits.map((d) => d.status).sort()).toEqual(["applied", "refunded"]);
  expect(await verifyBids(sold.id)).toMatchObject({ ok: true, bids: 7 });
  const live = lots.find((l) => l.status === "bidding")!;
  expect(live.endsAt!.getTime()).toBeGreaterThan(Date.now() + 5 * 3_600_000);
  expect(await seedDemoAuctionsOnce({ log: () => {} })).toBe(false);
  expect(await prisma.auction.count()).toBe(5);
});
