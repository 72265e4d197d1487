// Demo deal flow (offers, technology contracts, registrations, targets), carried out through the
// backend's own functions — importContracts, createOffer/postOfferMessage/closeOffer,
// createContract/submitContract/reviewContract/amendContract/cancelContract, setTarget,
// scanAnomalies/resolveAnomaly — so registration numbers, the statistics rollup, audit events,
// notifications and anomaly flags are exactly what the application itself produces.
//
// Those functions open their own transactions on the shared client, so the deal flow cannot sit
// inside the demo data's seeding transaction. Instead it is RESUMABLE: every planned offer and
// contract is found again by its parties and listing (or title, or registration number), and the
// number of audit events it already has says how many of its planned steps are done (each step
// writes exactly one audit event in the same transaction as its change). A run that stops half
// way (crash, kill) is completed by the next run; nothing is done twice. seed-once.server.ts runs it
// under an advisory lock and marks it done with the AppSetting "demo_contracts_seeded".
import { scanAnomalies } from "../app/contracts/anomalies.server.ts";
import { resolveAnomaly } from "../app/contracts/anomaly-review.server.ts";
import { prisma } from "../app/db/db.server.ts";
import { generateDemoDeals } from "./deals.ts";
import type { DemoDeals, DemoLiveContract } from "./deal-shapes.ts";
import type { DemoData } from "./demo-shapes.ts";
import { DEMO_SEED, generateDemoData } from "./generate.ts";
import { auditCounts, context, eachLimit, run, settleAll } from "./deal-context.server.ts";
import {
  type Tracked,
  advance,
  createPlanned,
  existingContracts,
  existingOffers,
  seedImport,
  seedOffer,
  seedTargets,
} from "./deal-steps.server.ts";

export { generateDemoDeals } from "./deals.ts";
export type { DemoDeals } from "./deal-shapes.ts";

export interface DealsSummary {
  lastYear: number;
  thisYear: number;
  targets: number;
  imported: number;
  offers: number;
  contracts: number;
  /** backend calls made by this run (0 when everything was already there) */
  steps: number;
  flags: number;
  ms: number;
  /** milliseconds per phase: entry (targets, import, offers, contracts entered and submitted), reviews, later changes, anomalies */
  phases: Record<string, number>;
}

export interface DealsOptions {
  data?: DemoData;
  deals?: DemoDeals;
  /** parallel offer threads / contracts (registrations themselves run one by one, in plan order) */
  concurrency?: number;
}

// ------------------------------------------------------------------ the whole flow

/**
 * Carries out the demo deal flow (or what is left of it). Needs the demo data (organizations,
 * accounts, listings) in place. Not guarded: use seedDemoDataOnce, which runs it once.
 */
export async function seedDemoContracts(options: DealsOptions = {}): Promise<DealsSummary> {
  const started = performance.now();
  const data = options.data ?? generateDemoData(DEMO_SEED);
  const deals = options.deals ?? generateDemoDeals(data);
  const concurrency = options.concurrency ?? 4;
  const ctx = await context(data, deals);
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    phases[name] = Math.round(t - mark);
    mark = t;
  };

  // Targets, the import, the offer threads (then the contracts made from them) and the contracts
  // entered directly are independent: they run side by side. Every backend call ends with its
  // audit event, so they queue only briefly on the audit chain.
  const offersFound = await existingOffers(ctx, deals);
  const contractsFound = await existingContracts(ctx, deals, new Map([...offersFound].map(([key, o]) => [key, o.id])));
  const offerIds = new Map<string, string>();
  const tracked: Tracked[] = new Array(deals.contracts.length);
  const enter = async ([index, plan]: [number, DemoLiveContract]) => {
    const found = contractsFound.get(plan.key);
    const c: Tracked = {
      id: found?.id ?? (await createPlanned(ctx, plan, offerIds)),
      done: found?.done ?? 0,
      steps: plan.steps,
      label: `contract ${plan.key}`,
    };
    tracked[index] = c;
    await advance(ctx, c, "submit");
  };
  const planned = [...deals.contracts.entries()];
  const [targets, imported] = await settleAll([
    seedTargets(ctx, deals),
    seedImport(ctx, deals),
    eachLimit(deals.offers, concurrency, async (o) => {
      offerIds.set(o.key, await seedOffer(ctx, o, offersFound.get(o.key)));
    }).then(() =>
      eachLimit(
        planned.filter(([, p]) => p.offerKey),
        concurrency,
        enter,
      ),
    ),
    eachLimit(
      planned.filter(([, p]) => !p.offerKey),
      Math.max(1, concurrency >> 1),
      enter,
    ),
  ] as const);
  lap("entry");

  // reviews one by one in plan order (after the import: its numbers come first), so the live
  // registration numbers follow the plan; then amendments and cancellations
  for (const c of tracked) await advance(ctx, c, "review");
  lap("reviews");
  for (const c of tracked) await advance(ctx, c, "later");
  const changed = await prisma.contract.findMany({
    where: { registrationNumber: { in: deals.changes.map((c) => c.registrationNumber) } },
    select: { id: true, registrationNumber: true },
  });
  const changedCounts = await auditCounts(
    "contract",
    changed.map((c) => c.id),
  );
  for (const change of deals.changes) {
    const row = changed.find((c) => c.registrationNumber === change.registrationNumber);
    if (!row) throw new Error(`demo deal flow: imported contract ${change.registrationNumber} is missing`);
    // "import" is the first audit event
    await advance(
      ctx,
      {
        id: row.id,
        done: (changedCounts.get(row.id) ?? 1) - 1,
        steps: change.steps,
        label: `contract ${change.registrationNumber}`,
      },
      "later",
    );
  }

  lap("later");
  // the bureau's "re-check" over both years: flags for the imported history too
  await settleAll(
    [deals.lastYear, deals.thisYear].map((year) => run(`anomaly scan ${year}`, () => scanAnomalies(year))),
  );
  ctx.steps += 2;
  for (const r of deals.resolutions) {
    const flags = await prisma.anomalyFlag.findMany({
      where: { kind: r.kind, resolvedAt: null, contract: { registrationNumber: { in: r.registrationNumbers } } },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    for (const f of flags) {
      await run(`resolve ${r.kind}`, () => resolveAnomaly(f.id, r.resolution, ctx.user(r.by)));
      ctx.steps++;
    }
  }

  lap("anomalies");
  return {
    lastYear: deals.lastYear,
    thisYear: deals.thisYear,
    targets,
    imported,
    offers: deals.offers.length,
    contracts: deals.contracts.length,
    steps: ctx.steps,
    flags: await prisma.anomalyFlag.count(),
    ms: Math.round(performance.now() - started),
    phases,
  };
}

/** What the deal-flow marker records (AppSetting "demo_contracts_seeded"). */
export type DealsMarker =
  | { status: "pending"; since: string }
  | {
      status: "done";
      seededAt: string;
      seed: number;
      lastYear: number;
      thisYear: number;
      imported: number;
      offers: number;
      contracts: number;
    }
  | { status: "skipped"; at: string; reason: string };

export function dealsMarkerValue(summary: DealsSummary, seed: number): DealsMarker {
  return {
    status: "done",
    seededAt: new Date().toISOString(),
    seed,
    lastYear: summary.lastYear,
    thisYear: summary.thisYear,
    imported: summary.imported,
    offers: summary.offers,
    contracts: summary.contracts,
  };
}
