// The demo deal flow's steps (run in order by contracts.server.ts): targets and imported history,
// offer threads, and contracts taken through their planned steps by phase; each step is found
// again when it is already done.
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
import type { DemoContractStep, DemoDeals, DemoLiveContract, DemoOffer } from "./deal-shapes.ts";
import { type Ctx, auditCounts, run } from "./deal-context.server.ts";

// ------------------------------------------------------------------ targets and history

export async function seedTargets(ctx: Ctx, deals: DemoDeals) {
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

export async function seedImport(ctx: Ctx, deals: DemoDeals) {
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
export async function existingOffers(ctx: Ctx, deals: DemoDeals) {
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

export async function seedOffer(ctx: Ctx, plan: DemoOffer, existing: { id: string; done: number } | undefined) {
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
export type Tracked = { id: string; done: number; steps: DemoContractStep[]; label: string };

/** Runs the not-yet-done steps of the contract up to and including `phase`. */
export async function advance(ctx: Ctx, c: Tracked, phase: Phase) {
  while (c.done < c.steps.length) {
    const step = c.steps[c.done]!;
    if (PHASES.indexOf(PHASE_OF[step.do]) > PHASES.indexOf(phase)) break;
    await runContractStep(ctx, c.id, step, c.label);
    c.done++;
  }
}

/** The planned contracts that exist already (from an interrupted run), with their step counts. */
export async function existingContracts(ctx: Ctx, deals: DemoDeals, offerIds: Map<string, string>) {
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

export async function createPlanned(ctx: Ctx, plan: DemoLiveContract, offerIds: Map<string, string>) {
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
