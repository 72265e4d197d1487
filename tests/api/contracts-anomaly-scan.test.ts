// Imported contracts are not checked one by one; the background scan of the recent registration
// years flags them (app/server/background.server.ts), and scanning again changes nothing.
import { expect, test } from "vitest";
import { importContracts } from "../../app/contracts/import.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { makeCreditCode } from "../../app/domain/credit-code.ts";
import { backgroundJobs, scanRecentAnomalies } from "../../app/server/background.server.ts";
import { shanghaiYearMonth } from "../../app/domain/time.ts";

test("the scheduled anomaly scan flags imported contracts of this year between related parties", async () => {
  expect(backgroundJobs.find((j) => j.name === "anomaly-scan")).toMatchObject({ everyMs: 6 * 3_600_000 });
  // the same GB 11714 organization code inside both credit codes: related
  const parent = await prisma.organization.create({
    data: {
      name: "某稀土研究院",
      kind: "institute",
      regionCode: "360702",
      creditCode: makeCreditCode("12", "360702", "MC765432"),
      verifiedAt: new Date(),
    },
  });
  const twin = await prisma.organization.create({
    data: {
      name: "某稀土研究院科技公司",
      kind: "enterprise",
      regionCode: "360703",
      creditCode: makeCreditCode("91", "360703", "MC765432"),
      verifiedAt: new Date(),
    },
  });
  const { year } = shanghaiYearMonth(new Date());
  const yy = String(year % 100).padStart(2, "0");
  const { ids } = await importContracts(
    [1, 2].map((n) => ({
      registrationNumber: `${yy}360701${String(900_000 + n).padStart(6, "0")}`,
      registeredAt: new Date(Date.now() - n * 60_000).toISOString(),
      type: "development",
      title: `导入的关联方合同 ${n}`,
      sellerOrgId: parent.id,
      buyerOrgId: twin.id,
      contractAmountFen: 50_000_000,
      nonTechnicalCostsFen: 0,
      signedAt: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    })),
    null,
  );
  const flags = () => prisma.anomalyFlag.findMany({ where: { contractId: { in: ids }, kind: "related_parties" } });
  expect(await flags()).toHaveLength(0);

  const [, thisYear] = await scanRecentAnomalies();
  expect(thisYear!.year).toBe(year);
  expect((await flags()).map((f) => f.contractId).sort()).toEqual([...ids].sort());
  await scanRecentAnomalies();
  expect(await flags()).toHaveLength(2);
});
