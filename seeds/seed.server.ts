// Demo data seeding. `npm start` calls seedDemoDataOnce on every start: it seeds the listings only
// when the AppSetting "demo_seeded" is absent, everything (marker included) in ONE transaction, so
// a crash leaves either nothing or everything; a transaction-scoped advisory lock taken before the
// marker is re-checked makes two processes starting at once seed exactly once. Then the demo deal
// flow (seeds/contracts.server.ts) unless "demo_contracts_seeded" says it is done: it runs through
// the backend's own functions and is resumable.
//
// The content comes from generateDemoData (seeds/generate.ts) and generateDemoDeals
// (seeds/deals.ts), pure and deterministic.
import { auditSnapshot, type AuditEntity } from "../app/audit/audit.server.ts";
import { hashPassword } from "../app/auth/password.server.ts";
import { prisma, type Prisma, type Tx } from "../app/db/db.server.ts";
import { DEMO_PASSWORD } from "./data/accounts.ts";
import { DEMO_SEED, generateDemoData, type DemoData } from "./generate.ts";
import { dealsMarkerValue, seedDemoContracts, type DealsMarker } from "./contracts.server.ts";

export { DEMO_SEED, DEMO_DATA_VERSION, demoMatches, generateDemoData } from "./generate.ts";
export { generateDemoDeals, seedDemoContracts } from "./contracts.server.ts";
export type { DemoData, DemoNeed, DemoOrganization, DemoResult, DemoUser } from "./generate.ts";

export const DEMO_MARKER_KEY = "demo_seeded";
/** The demo deal flow's marker: {status: "pending" | "done" | "skipped", …}. */
export const DEMO_CONTRACTS_MARKER_KEY = "demo_contracts_seeded";
/** pg_advisory_xact_lock key for seeding the listings (the audit chain uses 727001). */
export const SEED_LOCK_KEY = 727002;
/** pg_advisory_xact_lock key held for a whole seeding run, deal flow included. */
export const DEALS_LOCK_KEY = 727003;

type Client = typeof prisma;

export interface SeedSummary {
  organizations: number;
  /** organizations that already existed (same credit code or name) and were reused */
  reusedOrganizations: number;
  users: number;
  /** demo e-mail addresses that already had an account (left untouched) */
  skippedUsers: number;
  results: number;
  needs: number;
  auditEvents: number;
  ms: number;
}

export interface SeedOptions {
  /** defaults to generateDemoData(DEMO_SEED) at the current time */
  data?: DemoData;
  /** argon2 hash of DEMO_PASSWORD, computed when missing (pass it to keep hashing out of a transaction) */
  passwordHash?: string;
  /** one AuditEvent (action "seed") per organization, user and listing; default true */
  audit?: boolean;
}

// ------------------------------------------------------------------ set-based inserts
// Prisma's createMany costs ≈7 ms per row on this stack (JS query compiler + driver adapter):
// 2.4 s for the results alone. One INSERT … SELECT FROM jsonb_to_recordset($1) per table sends
// the rows as a single JSON parameter and takes milliseconds. Column names are checked against
// Prisma's generated input types; the SQL is built from these constants only.

type Column<T> = readonly [name: keyof T & string, sqlType: string];

const TS = "timestamp(3)"; // Prisma's DateTime columns: UTC wall-clock time without zone
const ORGANIZATION_COLUMNS: Column<Prisma.OrganizationCreateManyInput>[] = [
  ["id", "text"],
  ["name", "text"],
  ["kind", '"OrgKind"'],
  ["creditCode", "text"],
  ["regionCode", "varchar(6)"],
  ["zone", "text"],
  ["description", "text"],
  ["website", "text"],
  ["verifiedAt", TS],
  ["verifiedById", "text"],
  ["createdAt", TS],
  ["updatedAt", TS],
];
const USER_COLUMNS: Column<Prisma.UserCreateManyInput>[] = [
  ["id", "text"],
  ["email", "text"],
  ["name", "text"],
  ["role", '"Role"'],
  ["locale", "text"],
  ["organizationId", "text"],
  ["createdAt", TS],
  ["updatedAt", TS],
];
const PASSWORD_COLUMNS: Column<Prisma.PasswordCreateManyInput>[] = [
  ["userId", "text"],
  ["hash", "text"],
  ["updatedAt", TS],
];
const LISTING_COMMON = [
  ["contactName", "text"],
  ["contactPhone", "text"],
  ["contactEmail", "text"],
  ["status", '"ListingStatus"'],
  ["rejectionReason", "text"],
  ["submittedAt", TS],
  ["publishedAt", TS],
  ["withdrawnAt", TS],
  ["viewCount", "integer"],
  ["createdAt", TS],
  ["updatedAt", TS],
] as const;
const RESULT_COLUMNS: Column<Prisma.ResultCreateManyInput>[] = [
  ["id", "text"],
  ["organizationId", "text"],
  ["createdById", "text"],
  ["title", "text"],
  ["summary", "text"],
  ["keywords", "text[]"],
  ["field", "text"],
  ["maturity", "text"],
  ["ipDescription", "text"],
  ["patentNumbers", "text[]"],
  ["transferModes", "text[]"],
  ["priceFen", "bigint"],
  ...LISTING_COMMON,
];
const NEED_COLUMNS: Column<Prisma.NeedCreateManyInput>[] = [
  ["id", "text"],
  ["organizationId", "text"],
  ["createdById", "text"],
  ["title", "text"],
  ["description", "text"],
  ["targetIndicators", "text"],
  ["keywords", "text[]"],
  ["field", "text"],
  ["budgetFen", "bigint"],
  ["deadline", "date"],
  ["cooperationMode", "text"],
  ...LISTING_COMMON,
];
const AUDIT_COLUMNS: Column<Prisma.AuditEventCreateManyInput>[] = [
  ["entityType", "text"],
  ["entityId", "text"],
  ["action", "text"],
  ["actorId", "text"],
  ["before", "jsonb"],
  ["after", "jsonb"],
  ["createdAt", TS],
];

interface AuditRow {
  entityType: AuditEntity;
  entityId: string;
  action: string;
  actorId: string | null;
  before: null;
  after: unknown;
  createdAt: Date;
}

async function bulkInsert<T>(tx: Tx, table: string, columns: Column<T>[], rows: object[]) {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  // a JSON null for "before"/"after" stays JSON null (as recordAudit writes it), not SQL NULL
  const select = columns
    .map(([name, type]) => (type === "jsonb" ? `coalesce(x."${name}", 'null'::jsonb)` : `x."${name}"`))
    .join(", ");
  const types = columns.map(([name, type]) => `"${name}" ${type}`).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM jsonb_to_recordset($1::jsonb) AS x(${types})`;
  const inserted = await tx.$executeRawUnsafe(sql, JSON.stringify(rows));
  if (inserted !== rows.length) throw new Error(`seed: inserted ${inserted} of ${rows.length} rows into ${table}`);
}

function isClient(db: Tx | Client): db is Client {
  return typeof (db as { $transaction?: unknown }).$transaction === "function";
}

/**
 * Writes the demo data set. Given the Prisma client it opens its own transaction; given a
 * transaction client it writes inside it (the caller decides about commit). Does not look at or
 * write the "demo_seeded" marker: use seedDemoDataOnce for that.
 */
export async function seedDemoData(db: Tx | Client, options: SeedOptions = {}): Promise<SeedSummary> {
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  if (isClient(db)) {
    return db.$transaction((tx) => seedDemoData(tx, { ...options, passwordHash }), {
      timeout: 120_000,
      maxWait: 30_000,
    });
  }
  const tx = db;
  const started = performance.now();
  const data = options.data ?? generateDemoData(DEMO_SEED);
  const audit = options.audit ?? true;

  // ---------------------------------------------------------------- organizations
  // Reuse an organization that is already there under the same credit code or name (e.g. created
  // through the CLI before the first seeded start) instead of failing on the unique credit code.
  const existingOrgs = await tx.organization.findMany({
    where: {
      OR: [
        { creditCode: { in: data.organizations.map((o) => o.creditCode) } },
        { name: { in: data.organizations.map((o) => o.name) } },
      ],
    },
    select: { id: true, name: true, creditCode: true },
  });
  const orgId = new Map<string, string>();
  const newOrgs = data.organizations.filter((o) => {
    const found = existingOrgs.find((e) => e.creditCode === o.creditCode || e.name === o.name);
    orgId.set(o.key, found?.id ?? o.id);
    return !found;
  });

  // ---------------------------------------------------------------- users
  const existingUsers = await tx.user.findMany({
    where: { email: { in: data.users.map((u) => u.email) } },
    select: { id: true, email: true, organizationId: true },
  });
  const newUsers = data.users.filter((u) => !existingUsers.some((e) => e.email === u.email));
  /** the user id to record as a listing's creator: only someone who belongs to that organization */
  const creatorId = new Map<string, { id: string; orgId: string | null }>();
  for (const u of data.users) {
    const existing = existingUsers.find((e) => e.email === u.email);
    creatorId.set(
      u.key,
      existing
        ? { id: existing.id, orgId: existing.organizationId }
        : { id: u.id, orgId: u.orgKey ? orgId.get(u.orgKey)! : null },
    );
  }
  const creatorFor = (userKey: string | null, orgKey: string) => {
    const c = userKey ? creatorId.get(userKey) : undefined;
    return c && c.orgId === orgId.get(orgKey) ? c.id : null;
  };
  const bureau = data.users.find((u) => u.role === "bureau");
  const verifierId = bureau ? creatorId.get(bureau.key)!.id : null;

  const orgRows = newOrgs.map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    creditCode: o.creditCode,
    regionCode: o.regionCode,
    zone: o.zone,
    description: o.description,
    website: o.website,
    verifiedAt: o.verifiedAt,
    verifiedById: verifierId,
    createdAt: o.createdAt,
    updatedAt: o.verifiedAt,
  }));
  await bulkInsert(tx, "Organization", ORGANIZATION_COLUMNS, orgRows);
  await bulkInsert(
    tx,
    "User",
    USER_COLUMNS,
    newUsers.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      locale: "zh-CN",
      organizationId: u.orgKey ? orgId.get(u.orgKey)! : null,
      createdAt: u.createdAt,
      updatedAt: u.createdAt,
    })),
  );
  await bulkInsert(
    tx,
    "Password",
    PASSWORD_COLUMNS,
    newUsers.map((u) => ({ userId: u.id, hash: passwordHash, updatedAt: u.createdAt })),
  );

  // ---------------------------------------------------------------- listings
  await bulkInsert(
    tx,
    "Result",
    RESULT_COLUMNS,
    data.results.map((r) => ({
      id: r.id,
      organizationId: orgId.get(r.orgKey)!,
      createdById: creatorFor(r.createdByKey, r.orgKey),
      title: r.title,
      summary: r.summary,
      keywords: r.keywords,
      field: r.field,
      maturity: r.maturity,
      ipDescription: r.ipDescription,
      patentNumbers: r.patentNumbers,
      transferModes: r.transferModes,
      priceFen: r.priceFen,
      contactName: r.contactName,
      contactPhone: r.contactPhone,
      contactEmail: r.contactEmail,
      status: r.status,
      rejectionReason: r.rejectionReason,
      submittedAt: r.submittedAt,
      publishedAt: r.publishedAt,
      withdrawnAt: r.withdrawnAt,
      viewCount: r.viewCount,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    })),
  );
  await bulkInsert(
    tx,
    "Need",
    NEED_COLUMNS,
    data.needs.map((n) => ({
      id: n.id,
      organizationId: orgId.get(n.orgKey)!,
      createdById: creatorFor(n.createdByKey, n.orgKey),
      title: n.title,
      description: n.description,
      targetIndicators: n.targetIndicators,
      keywords: n.keywords,
      field: n.field,
      budgetFen: n.budgetFen,
      deadline: n.deadline,
      cooperationMode: n.cooperationMode,
      contactName: n.contactName,
      contactPhone: n.contactPhone,
      contactEmail: n.contactEmail,
      status: n.status,
      rejectionReason: n.rejectionReason,
      submittedAt: n.submittedAt,
      publishedAt: n.publishedAt,
      withdrawnAt: n.withdrawnAt,
      viewCount: n.viewCount,
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
    })),
  );

  // ---------------------------------------------------------------- history
  // One "seed" event per organization, user and listing, shaped like recordAudit's (before is
  // JSON null, after a JSON snapshot). Written in one INSERT … SELECT: the chain trigger still
  // runs per row, in order. recordAudit per event was measured at ≈12 ms each here (≈7 s for
  // the whole set), which is why this does not loop over it.
  const events: AuditRow[] = [];
  if (audit) {
    const at = new Date();
    const event = (entityType: AuditEntity, entityId: string, actorId: string | null, after: unknown): AuditRow => ({
      entityType,
      entityId,
      action: "seed",
      actorId,
      before: null,
      after: auditSnapshot(after),
      createdAt: at,
    });
    for (const o of newOrgs) {
      events.push(
        event("organization", o.id, null, {
          demoKey: o.key,
          name: o.name,
          kind: o.kind,
          creditCode: o.creditCode,
          regionCode: o.regionCode,
          zone: o.zone,
          verifiedAt: o.verifiedAt,
        }),
      );
    }
    for (const u of newUsers) {
      events.push(
        event("user", u.id, null, {
          email: u.email,
          role: u.role,
          organizationId: u.orgKey ? orgId.get(u.orgKey) : null,
        }),
      );
    }
    for (const r of data.results) {
      const actor = creatorFor(r.createdByKey, r.orgKey);
      events.push(
        event("result", r.id, actor, {
          demoKey: r.key,
          title: r.title,
          field: r.field,
          status: r.status,
          organizationId: orgId.get(r.orgKey),
        }),
      );
    }
    for (const n of data.needs) {
      const actor = creatorFor(n.createdByKey, n.orgKey);
      events.push(
        event("need", n.id, actor, {
          demoKey: n.key,
          title: n.title,
          field: n.field,
          status: n.status,
          organizationId: orgId.get(n.orgKey),
        }),
      );
    }
    await bulkInsert(tx, "AuditEvent", AUDIT_COLUMNS, events);
  }
  const auditEvents = events.length;

  return {
    organizations: newOrgs.length,
    reusedOrganizations: data.organizations.length - newOrgs.length,
    users: newUsers.length,
    skippedUsers: data.users.length - newUsers.length,
    results: data.results.length,
    needs: data.needs.length,
    auditEvents,
    ms: Math.round(performance.now() - started),
  };
}

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
