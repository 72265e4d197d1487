// Demo data seeding. `npm start` calls seedDemoDataOnce (seed-once.server.ts) on every start: it
// seeds the listings only when the AppSetting "demo_seeded" is absent, everything (marker included) in ONE transaction, so
// a crash leaves either nothing or everything; a transaction-scoped advisory lock taken before the
// marker is re-checked makes two processes starting at once seed exactly once. Then the demo deal
// flow (seeds/contracts.server.ts) unless "demo_contracts_seeded" says it is done: it runs through
// the backend's own functions and is resumable.
//
// The content comes from generateDemoData (seeds/generate.ts) and generateDemoDeals
// (seeds/deals.ts), pure and deterministic.
import { auditSnapshot, type AuditEntity } from "../app/audit/audit.server.ts";
import { hashPassword } from "../app/auth/password.server.ts";
import { type prisma, type Tx } from "../app/db/db.server.ts";
import { DEMO_PASSWORD } from "./data/accounts.ts";
import type { DemoData } from "./demo-shapes.ts";
import { DEMO_SEED, generateDemoData } from "./generate.ts";
import {
  AUDIT_COLUMNS,
  type AuditRow,
  NEED_COLUMNS,
  ORGANIZATION_COLUMNS,
  PASSWORD_COLUMNS,
  RESULT_COLUMNS,
  USER_COLUMNS,
  bulkInsert,
} from "./bulk-insert.server.ts";

export { DEMO_SEED, DEMO_DATA_VERSION, demoMatches, generateDemoData } from "./generate.ts";
export { generateDemoDeals, seedDemoContracts } from "./contracts.server.ts";
export type { DemoData, DemoNeed, DemoOrganization, DemoResult, DemoUser } from "./demo-shapes.ts";

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
