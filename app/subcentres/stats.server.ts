// A sub-centre's figures for a year (its public page and staff desk) and the annual 100-point
// scorecard with the ranking across sub-centres. Contracts count by registration year (the
// dashboard's rule); listings, matches and offers by the Asia/Shanghai year they happened in;
// "paid" is money confirmed on the platform that year (app/payments/).
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { exactSum, fenTotal } from "../domain/money.ts";
import { shanghaiYearRange } from "../domain/time.ts";
import { SCORE_CATEGORIES, SCORE_MAX, type ScoreCategory } from "./schemas.ts";
import { isSubcentreManager } from "./scope.server.ts";

const bp = (part: bigint, whole: bigint) => (whole > 0n ? Number((part * 10_000n) / whole) : null);

export async function subcentreStats(id: string, year: number) {
  const sc = await prisma.subcentre.findUnique({ where: { id }, select: { id: true, name: true, kind: true } });
  if (!sc) throw errors.notFound("分中心");
  const { start, end } = shanghaiYearRange(year);
  const [listings, offers, contracts, paid, city, target] = await Promise.all([
    prisma.$queryRaw<Array<{ needs: number; results: number; matches: number }>>`
      SELECT
        (SELECT count(*) FROM "Need" WHERE "subcentreId" = ${id} AND "createdAt" >= ${start} AND "createdAt" < ${end})::int AS needs,
        (SELECT count(*) FROM "Result" WHERE "subcentreId" = ${id} AND status = 'published' AND "publishedAt" >= ${start} AND "publishedAt" < ${end})::int AS results,
        (SELECT count(*) FROM "MatchAlert" m
          WHERE m."createdAt" >= ${start} AND m."createdAt" < ${end}
            AND (EXISTS (SELECT 1 FROM "Need" n WHERE n.id = m."needId" AND n."subcentreId" = ${id})
              OR EXISTS (SELECT 1 FROM "Result" r WHERE r.id = m."resultId" AND r."subcentreId" = ${id})))::int AS matches`,
    prisma.$queryRaw<Array<{ offers: number; accepted: number }>>`
      SELECT count(*)::int AS offers, (count(*) FILTER (WHERE o.status = 'accepted'))::int AS accepted
      FROM "Offer" o
        LEFT JOIN "Need" n ON n.id = o."needId"
        LEFT JOIN "Result" r ON r.id = o."resultId"
      WHERE o."createdAt" >= ${start} AND o."createdAt" < ${end} AND (n."subcentreId" = ${id} OR r."subcentreId" = ${id})`,
    prisma.$queryRaw<Array<{ count: number; amount: unknown; tech: unknown; bay: unknown }>>`
      SELECT count(*)::int AS count, sum("contractAmountFen") AS amount, sum("techTransactionAmountFen") AS tech,
        sum("contractAmountFen") FILTER (WHERE "bayArea") AS bay
      FROM "Contract" WHERE "subcentreId" = ${id} AND status = 'registered' AND "registeredYear" = ${year}`,
    prisma.$queryRaw<Array<{ paid: unknown }>>`
      SELECT sum(p."amountFen" - p."refundedFen") AS paid FROM "ContractPayment" p JOIN "Contract" c ON c.id = p."contractId"
      WHERE c."subcentreId" = ${id} AND p.status = 'confirmed' AND p."confirmedYear" = ${year}`,
    prisma.contractStat.findUnique({ where: { year_dim_key: { year, dim: "total", key: "" } } }),
    prisma.subcentreTarget.findUnique({ where: { subcentreId_year: { subcentreId: id, year } } }),
  ]);
  const l = listings[0]!;
  const c = contracts[0]!;
  const amount = exactSum(c.amount);
  const bay = exactSum(c.bay);
  const cityAmount = city?.contractAmountFen ?? 0n;
  return {
    subcentre: sc,
    year,
    needsCollected: l.needs,
    resultsPublished: l.results,
    matches: l.matches,
    offers: offers[0]!.offers,
    deals: offers[0]!.accepted,
    registeredContracts: c.count,
    registeredAmountFen: fenTotal(amount),
    techTransactionAmountFen: fenTotal(exactSum(c.tech)),
    paidFen: fenTotal(exactSum(paid[0]?.paid)),
    cityAmountFen: fenTotal(cityAmount),
    /** of the city's 技术合同成交额, basis points */
    shareOfCityBp: bp(amount, cityAmount),
    target: target ? { amountFen: fenTotal(target.amountFen), progressBp: bp(amount, target.amountFen) } : null,
    bayArea: { amountFen: fenTotal(bay), shareBp: bp(bay, amount) },
  };
}

type Row = {
  id: string;
  name: string;
  kind: string;
  count: number;
  amount: bigint;
  dispatches: number;
  onTime: number;
};

/**
 * The annual scorecard. Service results (30) come from the registered contracts (half on their
 * count, half on their amount, relative to the best sub-centre); management (20) from dispatched
 * needs visited by their due date, when there were any; the rest — and management without
 * dispatches — from the bureau's entries with their notes.
 */
export async function scorecard(year: number) {
  const rows = await prisma.$queryRaw<
    Array<{
      id: string;
      name: string;
      kind: string;
      count: number;
      amount: unknown;
      dispatches: number;
      on_time: number;
    }>
  >`
    SELECT s.id, s.name, s.kind,
      (SELECT count(*) FROM "Contract" c WHERE c."subcentreId" = s.id AND c.status = 'registered' AND c."registeredYear" = ${year})::int AS count,
      (SELECT sum(c."contractAmountFen") FROM "Contract" c WHERE c."subcentreId" = s.id AND c.status = 'registered' AND c."registeredYear" = ${year}) AS amount,
      (SELECT count(*) FROM "NeedDispatch" d WHERE d."subcentreId" = s.id AND extract(year FROM d."dueAt" AT TIME ZONE 'Asia/Shanghai') = ${year})::int AS dispatches,
      (SELECT count(*) FROM "NeedDispatch" d WHERE d."subcentreId" = s.id AND extract(year FROM d."dueAt" AT TIME ZONE 'Asia/Shanghai') = ${year}
        AND EXISTS (SELECT 1 FROM "DispatchVisit" v WHERE v."dispatchId" = d.id AND v."visitedAt" <= d."dueAt"))::int AS on_time
    FROM "Subcentre" s WHERE s.kind <> 'city_centre'`;
  const data: Row[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    count: r.count,
    amount: exactSum(r.amount),
    dispatches: r.dispatches,
    onTime: r.on_time,
  }));
  const entries = await prisma.subcentreScore.findMany({ where: { year } });
  const entered = new Map(entries.map((e) => [`${e.subcentreId}:${e.category}`, e]));
  const maxCount = Math.max(0, ...data.map((d) => d.count));
  const maxAmount = data.reduce((m, d) => (d.amount > m ? d.amount : m), 0n);
  const tenth = (v: number) => Math.floor(v * 10) / 10;
  const items = data.map((d) => {
    const categories = Object.fromEntries(
      SCORE_CATEGORIES.map((cat) => {
        const e = entered.get(`${d.id}:${cat}`);
        let computed: number | null = null;
        if (cat === "service" && (maxCount > 0 || maxAmount > 0n)) {
          const byCount = maxCount ? (15 * d.count) / maxCount : 0;
          const byAmount = maxAmount > 0n ? Number((d.amount * 15_000n) / maxAmount) / 1000 : 0;
          computed = tenth(byCount + byAmount);
        }
        if (cat === "management" && d.dispatches > 0) computed = tenth((20 * d.onTime) / d.dispatches);
        const points = computed ?? e?.points ?? 0;
        return [
          cat,
          {
            points,
            max: SCORE_MAX[cat],
            source: computed !== null ? "computed" : e ? "entered" : "missing",
            note: computed !== null ? null : (e?.note ?? null),
          },
        ];
      }),
    ) as Record<ScoreCategory, { points: number; max: number; source: string; note: string | null }>;
    const total = tenth(SCORE_CATEGORIES.reduce((s, cat) => s + categories[cat].points, 0));
    return {
      subcentreId: d.id,
      name: d.name,
      kind: d.kind,
      total,
      categories,
      registeredContracts: d.count,
      registeredAmountFen: fenTotal(d.amount),
    };
  });
  items.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  return { year, items: items.map((it, i) => ({ rank: i + 1, ...it })) };
}

/** The bureau enters a category where the platform has no data, with a note. */
export async function enterScore(
  subcentreId: string,
  input: { year: number; category: ScoreCategory; points: number; note: string },
  user: SessionUser,
) {
  if (!isSubcentreManager(user)) throw errors.forbidden();
  if (!(await prisma.subcentre.findUnique({ where: { id: subcentreId }, select: { id: true } })))
    throw errors.notFound("分中心");
  return prisma.$transaction(async (tx) => {
    const key = { subcentreId_year_category: { subcentreId, year: input.year, category: input.category } };
    const before = await tx.subcentreScore.findUnique({ where: key });
    const row = await tx.subcentreScore.upsert({
      where: key,
      create: {
        subcentreId,
        year: input.year,
        category: input.category,
        points: input.points,
        note: input.note,
        enteredById: user.id,
      },
      update: { points: input.points, note: input.note, enteredById: user.id },
    });
    await recordAudit(tx, {
      entityType: "subcentre",
      entityId: subcentreId,
      action: "score",
      actorId: user.id,
      before: before ? { points: before.points, note: before.note } : null,
      after: { year: input.year, category: input.category, points: input.points, note: input.note },
    });
    return { subcentreId, year: row.year, category: row.category, points: row.points, note: row.note };
  });
}
