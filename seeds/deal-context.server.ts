// What the demo deal flow (contracts.server.ts) carries with it: the parties' ids and sessions,
// step counting with timings, bounded parallelism, and how many audit events an offer or contract
// already has (which says how many of its planned steps are done).
import { userSelect, type SessionUser } from "../app/auth/session.server.ts";
import { prisma } from "../app/db/db.server.ts";
import type { Role } from "../app/domain/catalog.ts";
import type { DemoDeals } from "./deal-shapes.ts";
import type { DemoData } from "./demo-shapes.ts";

/** A demo account as the backend's functions take their caller, found by email (null until seeded). */
export async function demoUser(email: string): Promise<SessionUser | null> {
  const u = await prisma.user.findUnique({ where: { email }, select: userSelect });
  if (!u) return null;
  // the stored locale as is: the seeds act as the account, they do not render pages for it
  const { localeChosen: _chosen, ...user } = u;
  return { ...user, role: user.role as Role };
}

export type Ctx = {
  org: (key: string) => string;
  user: (email: string) => SessionUser;
  listing: { result: (key: string) => string; need: (key: string) => string };
  steps: number;
};

/** A refusal from the backend, with its field messages, as a plain error naming the step. */
export async function run<T>(label: string, fn: () => Promise<T>): Promise<T> {
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
export async function settleAll<T extends readonly unknown[]>(
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
export async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
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
export async function auditCounts(entityType: "offer" | "contract", ids: string[]) {
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

export async function context(data: DemoData, deals: DemoDeals): Promise<Ctx> {
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
