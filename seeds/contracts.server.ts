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
// way (crash, kill) is completed by the next run; nothing is done twice. seed.server.ts runs it
// under an advisory lock and marks it done with the AppSetting "demo_contracts_seeded".
import { userSelect, type SessionUser } from "../app/auth/session.server.ts";
import { scanAnomalies } from "../app/contracts/anomalies.server.ts";
import { resolveAnomaly } from "../app/contracts/anomaly-review.server.ts";
import {
  amendContract,
  cancelContract,
  createContract,
  reviewContract,
  submitContract,
} from "../app/contracts/contracts.server.ts";
import { importContracts } from "../app/contracts/import.server.ts";
import { missingParties, needsConsent, recordConfirmations } from "../app/contracts/consent.server.ts";
import { recordAudit } from "../app/audit/audit.server.ts";
import { can } from "../app/auth/permissions.ts";
import { amendSchema, cancelSchema, contractCreateSchema, reviewSchema } from "../app/contracts/schemas.ts";
import { prisma } from "../app/db/db.server.ts";
import { closeOffer, createOffer, postOfferMessage } from "../app/offers/offers.server.ts";
import { offerCreateSchema, offerMessageSchema } from "../app/offers/schemas.ts";
import { setTarget } from "../app/stats/stats.server.ts";
import { targetSchema } from "../app/stats/schemas.ts";
import {
  generateDemoDeals,
  type DemoContractStep,
  type DemoDeals,
  type DemoLiveContract,
  type DemoOffer,
} from "./deals.ts";
import { DEMO_SEED, generateDemoData, type DemoData } from "./generate.ts";

export { generateDemoDeals } from "./deals.ts";
export type { DemoDeals } from "./deals.ts";

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

type Ctx = {
  org: (key: string) => string;
  user: (email: string) => SessionUser;
  listing: { result: (key: string) => string; need: (key: string) => string };
  steps: number;
};

/** A refusal from the backend, with its field messages, as a plain error naming the step. */
async function run<T>(label: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const e = error as { message?: string; fields?: unknown; status?: number };
    throw new Error(
      `demo deal flow: ${label}: ${e.message ?? String(error)}${e.fields ? ` ${JSON.stringify(e.fields)}` : ""}`,
      {
        cause: error,
      },
    );
  }
}

/** Promise.all that lets every promise finish before throwing the first failure. */
async function settleAll<T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

/** Runs fn over items, `limit` at a time; waits for all, then throws the first failure. */
async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const errors: unknown[] = [];
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        try {
          await fn(item);
        } catch (error) {
          errors.push(error);
        }
      }
    }),
  );
  if (errors.length) throw errors[0];
}

/**
 * How many audit events each entity has, written by the steps of a plan (creation or import
 * included; a bureau's flag resolution is not a step): one query for all of them.
 */
async function auditCounts(entityType: "offer" | "contract", ids: string[]) {
  const counts = new Map<string, number>();
  if (!ids.length) return counts;
  const rows = await prisma.auditEvent.groupBy({
    by: ["entityId"],
    // the parties' confirmations before a submission are not steps of the plan (confirmParties)
    where: { entityType, entityId: { in: ids }, action: { notIn: ["anomaly.resolve", "confirm"] } },
    _count: { _all: true },
  });
  for (const r of rows) counts.set(r.entityId, r._count._all);
  return counts;
}

async function context(data: DemoData, deals: DemoDeals): Promise<Ctx> {
  // organizations by name: seedDemoData reuses organizations that existed under the same name or
  // credit code, so the generated ids are not always theirs
  const wantedOrgs = new Map(data.organizations.map((o) => [o.key, o]));
  const orgRows = await prisma.organization.findMany({
    where: {
      OR: [
        { name: { in: data.organizations.map((o) => o.name) } },
        { creditCode: { in: data.organizations.map((o) => o.creditCode) } },
      ],
    },
    select: { id: true, name: true, creditCode: true },
  });
  const orgIds = new Map<string, string>();
  for (const [key, o] of wantedOrgs) {
    const row = orgRows.find((r) => r.creditCode === o.creditCode) ?? orgRows.find((r) => r.name === o.name);
    if (row) orgIds.set(key, row.id);
  }
  const emails = new Set<string>();
  for (const o of deals.offers) [o.by, ...o.steps.map((s) => s.by)].forEach((e) => emails.add(e));
  for (const c of deals.contracts) [c.by, ...c.steps.map((s) => s.by)].forEach((e) => emails.add(e));
  for (const c of deals.changes) c.steps.forEach((s) => emails.add(s.by));
  for (const r of deals.resolutions) emails.add(r.by);
  emails.add("bureau@demo.gz");
  const users = new Map(
    (await prisma.user.findMany({ where: { email: { in: [...emails] } }, select: userSelect })).map((u) => [
      u.email,
      u as SessionUser,
    ]),
  );
  const results = new Map(data.results.map((r) => [r.key, r.id]));
  const needs = new Map(data.needs.map((n) => [n.key, n.id]));
  const need = <T>(map: Map<string, T>, key: string, what: string) => {
    const v = map.get(key);
    if (v === undefined) throw new Error(`demo deal flow: unknown ${what} ${key}`);
    return v;
  };
  return {
    org: (key) => need(orgIds, key, "organization"),
    user: (email) => need(users, email, "demo account"),
    listing: { result: (key) => need(results, key, "result"), need: (key) => need(needs, key, "need") },
    steps: 0,
  };
}

// ------------------------------------------------------------------ targets and history

async function seedTargets(ctx: Ctx, deals: DemoDeals) {
  const bureau = ctx.user("bureau@demo.gz");
  let set = 0;
  for (const t of deals.targets) {
    const existing = await prisma.contractTarget.findUnique({
      where: { year_regionCode: { year: t.year, regionCode: t.regionCode } },
    });
    if (existing) continue; // a target somebody already set stays
    await run(`target ${t.year}/${t.regionCode || "city"}`, () =>
      setTarget(t.year, targetSchema.parse({ amountFen: t.amountFen, regionCode: t.regionCode }), bureau),
    );
    ctx.steps++;
    set++;
  }
  return set;
}

async function seedImport(ctx: Ctx, deals: DemoDeals) {
  const numbers = deals.imported.map((c) => c.registrationNumber);
  const existing = new Set(
    (
      await prisma.contract.findMany({
        where: { registrationNumber: { in: numbers } },
        select: { registrationNumber: true },
      })
    ).map((c) => c.registrationNumber),
  );
  const lines = deals.imported
    .filter((c) => !existing.has(c.registrationNumber))
    .map((c) => ({
      registrationNumber: c.registrationNumber,
      registeredAt: c.registeredAt.toISOString(),
      type: c.type,
      subtype: c.subtype,
      title: c.title,
      sellerOrgId: ctx.org(c.sellerKey),
      buyerOrgId: ctx.org(c.buyerKey),
      brokerOrgId: c.brokerKey ? ctx.org(c.brokerKey) : null,
      contractAmountFen: c.contractAmountFen,
      nonTechnicalCostsFen: c.nonTechnicalCostsFen,
      signedAt: c.signedAt,
      validUntil: c.validUntil,
      field: c.field,
      ipType: c.ipType,
    }));
  if (!lines.length) return 0;
  const { imported } = await run("import", () => importContracts(lines, { id: ctx.user("bureau@demo.gz").id }));
  ctx.steps++;
  return imported;
}

// ------------------------------------------------------------------ offers

/** The planned offers that exist already (from an interrupted run), with their step counts. */
async function existingOffers(ctx: Ctx, deals: DemoDeals) {
  const actors = [...new Set(deals.offers.map((o) => ctx.user(o.by).id))];
  const rows = await prisma.offer.findMany({
    where: { createdById: { in: actors } },
    select: { id: true, fromOrgId: true, createdById: true, resultId: true, needId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const counts = await auditCounts(
    "offer",
    rows.map((r) => r.id),
  );
  const found = new Map<string, { id: string; done: number }>();
  for (const plan of deals.offers) {
    const by = ctx.user(plan.by);
    const resultId = plan.resultKey ? ctx.listing.result(plan.resultKey) : null;
    const needId = plan.needKey ? ctx.listing.need(plan.needKey) : null;
    const row = rows.find(
      (r) =>
        r.createdById === by.id && r.fromOrgId === by.organizationId && r.resultId === resultId && r.needId === needId,
    );
    // one audit event per step: "create", then one per message, counter-offer and closing
    if (row) found.set(plan.key, { id: row.id, done: (counts.get(row.id) ?? 1) - 1 });
  }
  return found;
}

async function seedOffer(ctx: Ctx, plan: DemoOffer, existing: { id: string; done: number } | undefined) {
  let id = existing?.id;
  const done = existing?.done ?? 0;
  if (!id) {
    const input = offerCreateSchema.parse({
      ...(plan.resultKey
        ? { resultId: ctx.listing.result(plan.resultKey) }
        : { needId: ctx.listing.need(plan.needKey!) }),
      amountFen: plan.amountFen,
      mode: plan.mode,
      message: plan.message,
    });
    id = (await run(`offer ${plan.key}`, () => createOffer(input, ctx.user(plan.by)))).id;
    ctx.steps++;
  }
  const offerId = id;
  for (const [i, step] of plan.steps.entries()) {
    if (i < done) continue;
    const user = ctx.user(step.by);
    if (step.do === "message") {
      const input = offerMessageSchema.parse({
        body: step.body,
        ...(step.counterAmountFen !== undefined ? { counterAmountFen: step.counterAmountFen } : {}),
      });
      await run(`offer ${plan.key} message ${i + 1}`, () => postOfferMessage(offerId, input, user));
    } else {
      await run(`offer ${plan.key} ${step.do}`, () => closeOffer(offerId, step.do, user));
    }
    ctx.steps++;
  }
  return offerId;
}

// ------------------------------------------------------------------ contracts

type Phase = "submit" | "review" | "later";
const PHASE_OF: Record<DemoContractStep["do"], Phase> = {
  submit: "submit",
  review: "review",
  amend: "later",
  cancel: "later",
};
const PHASES: Phase[] = ["submit", "review", "later"];

/**
 * The demo's buyers have no accounts: before a party-submitted contract goes to the bureau, the
 * parties that have not confirmed it are recorded as confirmed — by a member where the
 * organization has one, else on record without a user, as the migration's backfill does for
 * contracts older than the consent rule (docs/decisions/0018-contract-consent.md).
 */
async function confirmParties(id: string) {
  const c = await prisma.contract.findUniqueOrThrow({ where: { id } });
  if (!needsConsent(c)) return;
  await prisma.$transaction(async (tx) => {
    for (const party of await missingParties(tx, id)) {
      const orgId = party === "seller" ? c.sellerOrgId : c.buyerOrgId;
      const member = await tx.user.findFirst({
        where: { organizationId: orgId, role: { in: ["researcher", "company", "broker"] } },
        orderBy: { createdAt: "asc" },
        select: { id: true },
      });
      for (const row of await recordConfirmations(tx, id, [party], member?.id ?? null)) {
        await recordAudit(tx, {
          entityType: "contract",
          entityId: id,
          action: "confirm",
          actorId: member?.id ?? null,
          before: null,
          after: row,
        });
      }
    }
  });
}

async function runContractStep(ctx: Ctx, id: string, step: DemoContractStep, label: string) {
  const user = ctx.user(step.by);
  switch (step.do) {
    case "submit":
      if (!can(user, "review:contract:any")) await confirmParties(id);
      await run(`${label} submit`, () => submitContract(id, user));
      break;
    case "review": {
      const input = reviewSchema.parse({ decision: step.decision, ...(step.note ? { note: step.note } : {}) });
      await run(`${label} ${step.decision}`, () => reviewContract(id, input, user));
      break;
    }
    case "amend": {
      const { do: _d, by: _b, ...body } = step;
      await run(`${label} amend`, () => amendContract(id, amendSchema.parse(body), user));
      break;
    }
    case "cancel":
      await run(`${label} cancel`, () => cancelContract(id, cancelSchema.parse({ reason: step.reason }), user));
      break;
  }
  ctx.steps++;
}

/** A contract of the plan: its id and how many of its steps are done. */
type Tracked = { id: string; done: number; steps: DemoContractStep[]; label: string };

/** Runs the not-yet-done steps of the contract up to and including `phase`. */
async function advance(ctx: Ctx, c: Tracked, phase: Phase) {
  while (c.done < c.steps.length) {
    const step = c.steps[c.done]!;
    if (PHASES.indexOf(PHASE_OF[step.do]) > PHASES.indexOf(phase)) break;
    await runContractStep(ctx, c.id, step, c.label);
    c.done++;
  }
}

/** The planned contracts that exist already (from an interrupted run), with their step counts. */
async function existingContracts(ctx: Ctx, deals: DemoDeals, offerIds: Map<string, string>) {
  const rows = await prisma.contract.findMany({
    where: {
      imported: false,
      OR: [{ offerId: { in: [...offerIds.values()] } }, { title: { in: deals.contracts.map((c) => c.title) } }],
    },
    select: { id: true, offerId: true, title: true, sellerOrgId: true, buyerOrgId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const counts = await auditCounts(
    "contract",
    rows.map((r) => r.id),
  );
  const found = new Map<string, { id: string; done: number }>();
  for (const plan of deals.contracts) {
    const row = plan.offerKey
      ? rows.find((r) => r.offerId === offerIds.get(plan.offerKey!))
      : rows.find(
          (r) =>
            r.title === plan.title &&
            r.sellerOrgId === ctx.org(plan.sellerKey!) &&
            r.buyerOrgId === ctx.org(plan.buyerKey!),
        );
    // "create" is the first audit event, then one per step
    if (row) found.set(plan.key, { id: row.id, done: (counts.get(row.id) ?? 1) - 1 });
  }
  return found;
}

async function createPlanned(ctx: Ctx, plan: DemoLiveContract, offerIds: Map<string, string>) {
  const input = contractCreateSchema.parse({
    type: plan.type,
    subtype: plan.subtype,
    title: plan.title,
    nonTechnicalCostsFen: plan.nonTechnicalCostsFen,
    signedAt: plan.signedAt,
    validUntil: plan.validUntil,
    ipType: plan.ipType,
    ...(plan.offerKey
      ? { offerId: offerIds.get(plan.offerKey)! }
      : {
          sellerOrgId: ctx.org(plan.sellerKey!),
          buyerOrgId: ctx.org(plan.buyerKey!),
          contractAmountFen: plan.contractAmountFen,
          ...(plan.brokerKey ? { brokerOrgId: ctx.org(plan.brokerKey) } : {}),
          ...(plan.resultKey ? { resultId: ctx.listing.result(plan.resultKey) } : {}),
          ...(plan.needKey ? { needId: ctx.listing.need(plan.needKey) } : {}),
          ...(plan.field ? { field: plan.field } : {}),
        }),
  });
  const created = await run(`contract ${plan.key}`, () => createContract(input, ctx.user(plan.by)));
  ctx.steps++;
  return created.id;
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
