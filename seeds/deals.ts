// generateDemoDeals(data, { now }): the demo deal flow as a plan — plain objects, pure and
// deterministic (seeded PRNG) — that seeds/contracts.server.ts carries out through the backend's
// own functions (import, offers, contracts, review, amend, cancel, targets).
//
// - Last year (the Asia/Shanghai year before `now`'s): ~150 registered contracts, imported as
//   history with registration numbers (YY 36 07 PP SSSSSS), ≈10亿元 合同成交额, amounts skewed
//   (many 20–300万元, a few 1,000–5,000万元), over months, counties, types, fields and sellers
//   (Ganzhou, Nanchang and Greater Bay Area universities and institutes, some enterprises and
//   agencies). It holds one deliberate split deal and one deliberate year-end spike, so the
//   bureau's anomaly list shows what the rules are for.
// - This year: a full-year plan of ~90 contracts paced for the 12亿元 target, of which those
//   registered before `now` − 2 days are imported (back-dated registrations); then the live part,
//   carried out at seeding time: offers and negotiation threads between the demo accounts,
//   contracts from accepted offers and entered directly, submitted, registered, returned,
//   rejected, amended; one imported contract cancelled.
// - Targets: the city's 12亿元 this year and 10亿元 last year, and a few county targets.
//
// Keys, parties, titles, amounts and states depend only on the seed; dates follow `now`, and so
// does how much of this year's plan has already been registered.
import { isGanzhou } from "../app/domain/regions.ts";
import { Rng } from "./data/random.ts";
import type { DemoData } from "./demo-shapes.ts";
import { shanghaiDayString, shanghaiYearMonth } from "../app/domain/time.ts";
import { type DemoContractChange, type DemoDeals, type DemoFlagResolution, type DemoTarget } from "./deal-shapes.ts";
import { BUREAU, DAY, contractTitle, org, wan } from "./deal-space.ts";
import { type Draft, avoidSplits, capYearEnd, draftYear, fixedDraft, scale, toImported } from "./deal-years.ts";
import { liveContracts } from "./deal-live.ts";
import { liveOffers } from "./deal-offers.ts";

/** Back-dated registrations end this long before `now`; the live ones happen at `now`. */
const IMPORT_CUTOFF_DAYS = 2;

export const DEMO_CITY_TARGET_FEN = 120_000_000_000; // 12亿元
export const DEMO_LAST_YEAR_TARGET_FEN = 100_000_000_000; // 10亿元
/** Sum of last year's imported contracts (before rounding each amount). */
const LAST_YEAR_TOTAL_WAN = 100_000;
/** This year's full-year plan: a pace slightly above the target. */
const THIS_YEAR_PLAN_WAN = 120_000;
const LAST_YEAR_COUNT = 150;
const THIS_YEAR_PLAN_COUNT = 90;

// ------------------------------------------------------------------ the generator

export function generateDemoDeals(data: DemoData, options: { now?: Date } = {}): DemoDeals {
  const now = options.now ?? data.now;
  const seed = data.seed;
  const thisYear = shanghaiYearMonth(now).year;
  const lastYear = thisYear - 1;
  const cutoff = new Date(now.getTime() - IMPORT_CUTOFF_DAYS * DAY);

  // ---------------------------------------------------------------- last year
  const rngLast = new Rng(`${seed}:deals:last-year`);
  const lastFixed: Draft[] = [
    // the demo company's history with the demo researcher's university
    fixedDraft(rngLast, "deal-last-jinci-1", lastYear, [5, 14], {
      field: "rare_earth",
      seller: "jxust",
      buyer: "jinci",
      type: "license",
      subtype: "patent",
      ipType: "patent",
      title: contractTitle("钕铁硼磁体表面防护涂层及其制备方法", "license", "patent"),
      wan: 45,
      costShare: 0,
    }),
    fixedDraft(rngLast, "deal-last-jinci-2", lastYear, [10, 22], {
      field: "rare_earth",
      seller: "jxust",
      buyer: "jinci",
      type: "service",
      subtype: "service",
      ipType: "none",
      title: "烧结钕铁硼磁钢生产工艺诊断技术服务合同",
      wan: 18,
      costShare: 0,
    }),
    // a split deal: two contracts just under the 500万元 expert-review threshold, 45 days apart
    fixedDraft(rngLast, "deal-last-split-1", lastYear, [8, 20], {
      field: "tungsten",
      seller: "jxust",
      buyer: "hongwu",
      type: "development",
      subtype: "commissioned",
      ipType: "patent_application",
      title: "钨冶炼离子交换废水零排放技术开发合同（一期：工艺小试与方案设计）",
      wan: 520,
      costShare: 60 / 520,
      signLagDays: 17,
    }),
    fixedDraft(rngLast, "deal-last-split-2", lastYear, [10, 9], {
      field: "tungsten",
      seller: "jxust",
      buyer: "hongwu",
      type: "development",
      subtype: "commissioned",
      ipType: "patent_application",
      title: "钨冶炼离子交换废水零排放技术开发合同（二期：工程化验证）",
      wan: 480,
      costShare: 50 / 480,
      signLagDays: 22,
    }),
    // a year-end spike: one institute registers four contracts in the last two weeks of December
    ...(
      [
        [[12, 21], "service", "service", "废硬质合金锌熔法再生工艺", 36],
        [[12, 24], "transfer", "know_how", "高切削铈基稀土抛光粉生产工艺", 88],
        [[12, 28], "consulting", "consulting", "钨冶炼渣无害化处置技术", 24],
        [[12, 30], "service", "training", "仲钨酸铵还原制备超细钨粉工艺", 15],
      ] as const
    ).map(([date, type, subtype, subject, wan], i) =>
      fixedDraft(rngLast, `deal-last-yearend-${i + 1}`, lastYear, [...date], {
        field: subject.includes("抛光") ? "rare_earth" : "tungsten",
        seller: "gzyjs",
        buyer: (["wufeng", "jinghuan", "hongwu", "ruifeng"] as const)[i]!,
        type,
        subtype,
        ipType: type === "transfer" ? "know_how" : "none",
        title: contractTitle(subject, type, subtype),
        wan,
        costShare: 0,
      }),
    ),
  ];
  const last = draftYear(data, {
    rng: rngLast,
    year: lastYear,
    count: LAST_YEAR_COUNT,
    keyPrefix: "deal-last",
    tiers: [0.6, 0.28, 0.12],
    largeMaxWan: 5000,
    fixed: lastFixed,
  });
  capYearEnd(last, lastYear, rngLast, "gzyjs");
  scale(last, LAST_YEAR_TOTAL_WAN);

  // ---------------------------------------------------------------- this year (full-year plan)
  const rngThis = new Rng(`${seed}:deals:this-year`);
  const thisFixed: Draft[] = [
    fixedDraft(rngThis, "deal-this-jinci-1", thisYear, [3, 12], {
      field: "rare_earth",
      seller: "jxust",
      buyer: "jinci",
      type: "service",
      subtype: "training",
      ipType: "none",
      title: "烧结钕铁硼晶界扩散工艺技术培训合同",
      wan: 8.6,
      costShare: 0,
    }),
  ];
  const plan = draftYear(data, {
    rng: rngThis,
    year: thisYear,
    count: THIS_YEAR_PLAN_COUNT,
    keyPrefix: "deal-this",
    tiers: [0.36, 0.36, 0.28],
    largeMaxWan: 5500,
    fixed: thisFixed,
  });
  capYearEnd(plan, thisYear, rngThis, null);
  scale(plan, THIS_YEAR_PLAN_WAN);
  avoidSplits([...last, ...plan]);
  scale(last, LAST_YEAR_TOTAL_WAN); // back to the year's figure (a change below 1 %)
  scale(plan, THIS_YEAR_PLAN_WAN);
  const thisImported = plan.filter((d) => d.registeredAt.getTime() <= cutoff.getTime());

  const imported = [...toImported(last, lastYear), ...toImported(thisImported, thisYear)];

  // ---------------------------------------------------------------- targets
  // County targets (技术输出, by the seller's county) for the three Ganzhou counties that sell the
  // most in this year's plan: the plan's figure plus 5 %, in steps of 500万元.
  const byCounty = new Map<string, number>();
  for (const d of plan) {
    const region = org(d.seller).regionCode;
    if (isGanzhou(region)) byCounty.set(region, (byCounty.get(region) ?? 0) + d.wan);
  }
  const countyTargets = [...byCounty.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([regionCode, planned]) => {
      const step = planned >= 5000 ? 500 : 50;
      return { year: thisYear, regionCode, amountFen: Math.ceil((planned * 1.05) / step) * wan(step) };
    });
  const targets: DemoTarget[] = [
    { year: lastYear, regionCode: "", amountFen: DEMO_LAST_YEAR_TARGET_FEN },
    { year: thisYear, regionCode: "", amountFen: DEMO_CITY_TARGET_FEN },
    ...countyTargets,
  ];

  // ---------------------------------------------------------------- the live part
  const today = shanghaiDayString(now);
  const offers = liveOffers();
  const contracts = liveContracts(today);

  // one of this year's registrations is cancelled (注销) by the bureau
  const thisYearImported = imported.filter((c) =>
    c.registrationNumber.startsWith(String(thisYear % 100).padStart(2, "0")),
  );
  const cancelled =
    thisYearImported.find((c) => c.sellerKey !== "jxust" && c.contractAmountFen <= wan(200) && c.type === "service") ??
    thisYearImported.find((c) => c.sellerKey !== "jxust");
  const changes: DemoContractChange[] = cancelled
    ? [
        {
          registrationNumber: cancelled.registrationNumber,
          steps: [
            {
              do: "cancel",
              by: BUREAU,
              reason:
                "合同双方协商一致解除合同，卖方提交解除协议并申请注销登记。/ Both parties terminated the contract; the seller applied for cancellation.",
            },
          ],
        },
      ]
    : [];

  // the bureau looked into last year's year-end spike and accepted it
  const spike = imported.filter((c) => c.key.startsWith("deal-last-yearend-")).map((c) => c.registrationNumber);
  const resolutions: DemoFlagResolution[] = [
    {
      kind: "year_end_spike",
      registrationNumbers: spike,
      by: BUREAU,
      resolution: "经核查，四份合同均于年内签订并履行，年底集中办理登记系单位财务结算安排，交易真实，予以确认。",
    },
  ];

  return { seed, now, lastYear, thisYear, targets, imported, offers, contracts, changes, resolutions };
}
