// Demo trading (交易项目), seeded through the same backend functions as the API, with their clocks
// set back where a lot must lie in the past: a lot sold ten days ago (bid history, deposits —
// the loser's refunded — and the winner's confirmation with its contract draft), a lot in
// bidding that closes some hours after seeding, an announced lot, a listing and a notice lot.
// Resumable: each lot is seeded once per result (a lot already there is skipped), so an
// interrupted seed finishes on the next start; never into a database with lots of its own.
import { prisma } from "../app/db/db.server.ts";
import { placeBid } from "../app/auctions/bids.server.ts";
import { advanceLot, confirmWin } from "../app/auctions/close.server.ts";
import { confirmDeposit, refundDeposit, registerDeposit } from "../app/auctions/deposits.server.ts";
import { createAuction, reviewAuction, submitAuction } from "../app/auctions/lots.server.ts";
import type { AuctionCreateInput } from "../app/auctions/schemas.ts";

export const DEMO_AUCTIONS_MARKER_KEY = "demo_auctions_seeded";
const DAY = 86_400_000;
const HOUR = 3_600_000;
type Actor = {
  id: string;
  role: "researcher" | "company" | "broker" | "bureau" | "admin";
  organizationId: string | null;
};

async function actor(email: string): Promise<(Actor & { orgName: string }) | null> {
  const u = await prisma.user.findUnique({
    where: { email },
    select: { id: true, role: true, organizationId: true, organization: { select: { name: true } } },
  });
  return u
    ? { id: u.id, role: u.role as Actor["role"], organizationId: u.organizationId, orgName: u.organization?.name ?? "" }
    : null;
}

export async function seedDemoAuctionsOnce({ log }: { log: (m: string) => void }): Promise<boolean> {
  const marker = await prisma.appSetting.findUnique({ where: { key: DEMO_AUCTIONS_MARKER_KEY } });
  if (marker) return false;
  const [seller, bureau, a, b, c] = await Promise.all(
    ["researcher@demo.gz", "bureau@demo.gz", "company@demo.gz", "company.ruixi@demo.gz", "company.pcb@demo.gz"].map(
      actor,
    ),
  );
  const seeded = await prisma.auction.findMany({ select: { resultId: true } });
  if (
    !seller ||
    !bureau ||
    !a ||
    !b ||
    !c ||
    (seeded.length > 0 &&
      !(await prisma.appSetting.findUnique({ where: { key: `${DEMO_AUCTIONS_MARKER_KEY}:started` } })))
  ) {
    await prisma.appSetting.create({
      data: { key: DEMO_AUCTIONS_MARKER_KEY, value: { status: "skipped", at: new Date().toISOString() } },
    });
    return false;
  }
  await prisma.appSetting.upsert({
    where: { key: `${DEMO_AUCTIONS_MARKER_KEY}:started` },
    create: { key: `${DEMO_AUCTIONS_MARKER_KEY}:started`, value: true },
    update: {},
  });
  const results = await prisma.result.findMany({
    where: { organizationId: seller.organizationId!, status: "published" },
    orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
    take: 5,
    select: { id: true },
  });
  if (results.length < 5) return false;
  const done = new Set(seeded.map((s) => s.resultId));
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms);
  const announced = async (input: AuctionCreateInput, createdAt: Date) => {
    const lot = await createAuction(seller, input, createdAt);
    await submitAuction(seller, lot.id);
    await reviewAuction(
      bureau,
      lot.id,
      { decision: "approve", note: "材料齐全，同意公告 / approved" },
      new Date(createdAt.getTime() + 60_000),
    );
    return lot.id;
  };
  const heldDeposit = async (who: Actor & { orgName: string }, lotId: string, when: Date) => {
    const { deposit } = await registerDeposit(who, lotId, "bank_transfer", { now: when });
    await confirmDeposit(bureau, deposit.id, {
      bankReference: `HX${deposit.reference.replace(/-/g, "")}`,
      payerName: who.orgName,
      amountFen: Number(deposit.amountFen),
      receivedAt: new Date(when.getTime() + 2 * HOUR),
    });
    return deposit;
  };
  const base = { contractType: "transfer" as const, incrementFen: 5_000_000, softCloseSeconds: 300 };

  // 1. sold ten days ago: announced 20 days ago, bidding 12 → 10 days ago
  if (!done.has(results[0]!.id)) {
    const id = await announced(
      {
        ...base,
        resultId: results[0]!.id,
        mode: "bidding",
        startPriceFen: 200_000_000,
        depositFen: 20_000_000,
        reservePriceFen: 240_000_000,
        biddingStartsAt: at(-12 * DAY),
        biddingEndsAt: at(-10 * DAY),
      },
      at(-20 * DAY),
    );
    const da = await heldDeposit(a, id, at(-15 * DAY));
    await heldDeposit(b, id, at(-14 * DAY));
    const ladder: Array<[Actor, number]> = [
      [a, 200_000_000],
      [b, 210_000_000],
      [a, 230_000_000],
      [b, 240_000_000],
      [a, 250_000_000],
      [b, 265_000_000],
      [a, 280_000_000],
    ];
    for (const [i, [who, amount]] of ladder.entries()) await placeBid(who, id, amount, at(-11 * DAY + i * 37 * 60_000));
    await advanceLot(id);
    await confirmWin(a, id, at(-9 * DAY));
    const loser = await prisma.auctionDeposit.findFirstOrThrow({ where: { auctionId: id, status: "refund_due" } });
    await refundDeposit(bureau, loser.id, `TK${loser.reference.replace(/-/g, "")}`);
    void da;
  }
  // 2. in bidding now, closing some hours after seeding (announced 9 days ago)
  if (!done.has(results[1]!.id)) {
    const id = await announced(
      {
        ...base,
        resultId: results[1]!.id,
        mode: "bidding",
        startPriceFen: 120_000_000,
        incrementFen: 2_000_000,
        depositFen: 12_000_000,
        biddingStartsAt: at(-DAY),
        biddingEndsAt: at(6 * HOUR),
      },
      at(-9 * DAY),
    );
    await heldDeposit(a, id, at(-2 * DAY));
    await heldDeposit(c, id, at(-2 * DAY));
    await placeBid(c, id, 120_000_000, at(-3 * HOUR));
    await placeBid(a, id, 126_000_000, at(-2 * HOUR));
    await registerDeposit(b, id, "bank_transfer");
  }
  // 3. announced: bidding opens in 8 days
  if (!done.has(results[2]!.id)) {
    await announced(
      {
        ...base,
        resultId: results[2]!.id,
        mode: "bidding",
        contractType: "license",
        licenseScope: "exclusive",
        licenseTermMonths: 60,
        startPriceFen: 80_000_000,
        depositFen: 8_000_000,
        biddingStartsAt: at(8 * DAY),
        biddingEndsAt: at(10 * DAY),
      },
      at(0),
    );
  }
  // 4. listing (挂牌) at a fixed price, applications from in 8 days for a week
  if (!done.has(results[3]!.id)) {
    await announced(
      {
        ...base,
        resultId: results[3]!.id,
        mode: "listing",
        startPriceFen: 50_000_000,
        incrementFen: 1_000_000,
        depositFen: 5_000_000,
        biddingStartsAt: at(8 * DAY),
        biddingEndsAt: at(15 * DAY),
      },
      at(0),
    );
  }
  // 5. notice (协议定价公示) of a price agreed with the demo company, 16 days
  if (!done.has(results[4]!.id)) {
    await announced(
      {
        resultId: results[4]!.id,
        mode: "notice",
        contractType: "transfer",
        startPriceFen: 35_000_000,
        buyerOrgId: a.organizationId!,
        buyerRelation: "none",
        noticeEndsAt: at(16 * DAY),
      },
      at(0),
    );
  }
  await prisma.appSetting.create({
    data: { key: DEMO_AUCTIONS_MARKER_KEY, value: { status: "seeded", at: new Date().toISOString() } },
  });
  log(
    "demo trading: a sold lot with its bids, deposits and contract draft; a lot in bidding; an announced, a listing and a notice lot",
  );
  return true;
}
