// Seeding once (`npm start` on every start): the listings unless the "demo_seeded" marker exists, then
// the demo deal flow until its marker says it is done, under advisory locks (see seed.server.ts).
import { hashPassword } from "../app/auth/password.server.ts";
import { prisma } from "../app/db/db.server.ts";
import { DEMO_PASSWORD } from "./data/accounts.ts";
import type { DemoData } from "./demo-shapes.ts";
import { DEMO_SEED, generateDemoData } from "./generate.ts";
import { dealsMarkerValue, seedDemoContracts, type DealsMarker } from "./contracts.server.ts";
import {
  DEALS_LOCK_KEY,
  DEMO_CONTRACTS_MARKER_KEY,
  DEMO_MARKER_KEY,
  SEED_LOCK_KEY,
  type SeedSummary,
  seedDemoData,
} from "./seed.server.ts";

const DEALS_PENDING = (): DealsMarker => ({ status: "pending", since: new Date().toISOString() });

function dealsSettled(value: unknown) {
  const status = (value as { status?: string } | null)?.status;
  return status === "done" || status === "skipped";
}

/**
 * Seeds the demo data unless the "demo_seeded" marker exists, then the demo deal flow (offers,
 * contracts, registrations, targets: seeds/contracts.server.ts) unless "demo_contracts_seeded"
 * says it is done. Returns true when it seeded anything. Safe to call from several processes at
 * once: only the first to take the lock seeds; the others wait and return false.
 *
 * The listings, accounts and organizations go in ONE transaction (a crash leaves nothing), which
 * also writes the deal-flow marker as "pending". The deal flow runs through the backend's own
 * functions, which commit step by step; it is resumable (see contracts.server.ts), and a pending
 * marker makes the next start finish it. An outer transaction holds the advisory lock
 * DEALS_LOCK_KEY for the whole run and writes "done" last.
 */
export async function seedDemoDataOnce({ log }: { log: (m: string) => void }): Promise<boolean> {
  const started = performance.now();
  // cheap check first: on every start but the first, this is all that runs
  const markers = await prisma.appSetting.findMany({
    where: { key: { in: [DEMO_MARKER_KEY, DEMO_CONTRACTS_MARKER_KEY] } },
  });
  const dealsMarker = markers.find((m) => m.key === DEMO_CONTRACTS_MARKER_KEY);
  if (markers.some((m) => m.key === DEMO_MARKER_KEY) && dealsSettled(dealsMarker?.value ?? null)) return false;

  const hasDemo = markers.some((m) => m.key === DEMO_MARKER_KEY);
  const passwordHash = hasDemo ? "" : await hashPassword(DEMO_PASSWORD);
  const outcome = await prisma.$transaction(
    async (lockTx) => {
      // held until this transaction ends: a second process waits here, then finds the markers
      await lockTx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${DEALS_LOCK_KEY})`);
      const data = generateDemoData(DEMO_SEED);
      let listings: SeedSummary | null = null;
      if (!(await lockTx.appSetting.findUnique({ where: { key: DEMO_MARKER_KEY }, select: { key: true } }))) {
        listings = await seedListingsOnce(data, passwordHash || (await hashPassword(DEMO_PASSWORD)));
      }
      const marker = await lockTx.appSetting.findUnique({ where: { key: DEMO_CONTRACTS_MARKER_KEY } });
      if (dealsSettled(marker?.value ?? null)) return { listings, deals: null, skipped: null };
      if (!marker) {
        // A database seeded before the deal flow existed: add it only while nobody has entered
        // an offer, a contract or a target yet, never into real figures.
        const contracts = await lockTx.contract.count();
        const offers = await lockTx.offer.count();
        const targets = await lockTx.contractTarget.count();
        if (contracts + offers + targets > 0) {
          const reason = `the database already has ${contracts} contracts, ${offers} offers, ${targets} targets`;
          await lockTx.appSetting.create({
            data: {
              key: DEMO_CONTRACTS_MARKER_KEY,
              value: { status: "skipped", at: new Date().toISOString(), reason } satisfies DealsMarker,
            },
          });
          return { listings, deals: null, skipped: reason };
        }
        // committed at once (not in lockTx): a run that stops half way is resumed next time
        await prisma.appSetting.create({ data: { key: DEMO_CONTRACTS_MARKER_KEY, value: DEALS_PENDING() } });
      }
      const deals = await seedDemoContracts({ data });
      await lockTx.appSetting.upsert({
        where: { key: DEMO_CONTRACTS_MARKER_KEY },
        create: { key: DEMO_CONTRACTS_MARKER_KEY, value: dealsMarkerValue(deals, data.seed) },
        update: { value: dealsMarkerValue(deals, data.seed) },
      });
      return { listings, deals, skipped: null };
    },
    { timeout: 600_000, maxWait: 120_000 },
  );
  const { listings, deals, skipped } = outcome;
  if (!listings && !deals) {
    if (skipped) log(`demo deal flow not seeded: ${skipped}`);
    return false;
  }
  const parts: string[] = [];
  if (listings) {
    parts.push(
      `demo data: ${listings.organizations} organizations${listings.reusedOrganizations ? ` (+${listings.reusedOrganizations} existing)` : ""}, ` +
        `${listings.users} users, ${listings.results} results, ${listings.needs} needs, ${listings.auditEvents} audit events`,
    );
  }
  if (deals) {
    parts.push(
      `deal flow: ${deals.imported} registered contracts imported (${deals.lastYear}–${deals.thisYear}), ${deals.offers} offers, ` +
        `${deals.contracts} contracts through the workflow, ${deals.targets} targets, ${deals.flags} anomaly flags (${deals.steps} backend calls, ${deals.ms} ms)`,
    );
  }
  if (skipped) parts.push(`deal flow not seeded: ${skipped}`);
  log(
    `${parts.join("; ")} in ${Math.round(performance.now() - started)} ms (demo accounts: see seeds/README.md, password ${DEMO_PASSWORD})`,
  );
  return true;
}

/** The listings part: one transaction, its own lock, the "demo_seeded" marker and a pending deal flow. */
async function seedListingsOnce(data: DemoData, passwordHash: string): Promise<SeedSummary | null> {
  return prisma.$transaction(
    async (tx) => {
      // a constant key, no user input
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      // re-check under the lock: another process may have seeded while we waited
      if (await tx.appSetting.findUnique({ where: { key: DEMO_MARKER_KEY }, select: { key: true } })) return null;
      const result = await seedDemoData(tx, { data, passwordHash });
      await tx.appSetting.create({
        data: {
          key: DEMO_MARKER_KEY,
          value: {
            seededAt: new Date().toISOString(),
            seed: data.seed,
            version: data.version,
            organizations: result.organizations,
            users: result.users,
            results: result.results,
            needs: result.needs,
          },
        },
      });
      // the deal flow comes right after this commit; pending until it is done (or resumed)
      await tx.appSetting.upsert({
        where: { key: DEMO_CONTRACTS_MARKER_KEY },
        create: { key: DEMO_CONTRACTS_MARKER_KEY, value: DEALS_PENDING() },
        update: {},
      });
      return result;
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}
