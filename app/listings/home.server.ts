// The home page's figures and latest listings.
import { prisma } from "../db/db.server.ts";
import { FIELDS } from "../domain/catalog.ts";
import { BAY_AREA_CITIES } from "../domain/regions.ts";
import { currentShanghaiYear } from "../domain/time.ts";
import { needCard, resultCard } from "./pages.server.ts";

export async function homeData() {
  const year = currentShanghaiYear();
  const bayAreaCodes = Object.keys(BAY_AREA_CITIES);
  const [results, needs, organizations, bayArea, contracts, byField, latestResults, latestNeeds] = await Promise.all([
    prisma.result.count({ where: { status: "published" } }),
    prisma.need.count({ where: { status: "published" } }),
    prisma.organization.count({ where: { verifiedAt: { not: null } } }),
    prisma.organization.count({
      where: { regionCode: { in: bayAreaCodes }, kind: { in: ["university", "institute"] }, verifiedAt: { not: null } },
    }),
    prisma.contract.aggregate({
      where: { status: "registered", registeredYear: year },
      _count: { _all: true },
      _sum: { contractAmountFen: true, techTransactionAmountFen: true },
    }),
    prisma.result.groupBy({ by: ["field"], where: { status: "published" }, _count: { _all: true } }),
    prisma.result.findMany({
      where: { status: "published" },
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      take: 6,
      include: { organization: { select: { id: true, name: true, regionCode: true, kind: true } } },
    }),
    prisma.need.findMany({
      where: { status: "published" },
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      take: 6,
      include: { organization: { select: { id: true, name: true, regionCode: true, kind: true } } },
    }),
  ]);
  const fieldCounts = Object.fromEntries(byField.map((g) => [g.field, g._count._all])) as Record<string, number>;
  return {
    year,
    figures: {
      results,
      needs,
      organizations,
      bayArea,
      contractCount: contracts._count._all,
      contractAmountFen: Number(contracts._sum.contractAmountFen ?? 0),
      techTransactionAmountFen: Number(contracts._sum.techTransactionAmountFen ?? 0),
    },
    industries: FIELDS.map((field) => ({ field, count: fieldCounts[field] ?? 0 })),
    latestResults: latestResults.map(resultCard),
    latestNeeds: latestNeeds.map(needCard),
  };
}
