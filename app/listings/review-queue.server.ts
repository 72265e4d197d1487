// The bureau's review queue at scale: pending results and needs in one list, searched, filtered
// (kind, field, organization, age), sorted and paged on the server from the URL, and the bulk
// approval (each item in its own transaction: one failure never undoes or blocks the others;
// see docs/decisions/0025-review-queue-and-phones.md).
import { Prisma } from "../generated/prisma/client.ts";
import { ApiError, userMessage } from "../api/api.server.ts";
import { prisma } from "../db/db.server.ts";
import { pickMessage } from "../i18n/i18n.ts";
import type { Actor, ListingKind } from "./workflow.server.ts";
import { reviewNeed } from "./needs.server.ts";
import { reviewResult } from "./results.server.ts";

import { BULK_MAX, QUEUE_PAGE_SIZE, type BulkOutcome, type QueueQuery, type QueueSort } from "./review-queue.ts";

export type QueueItem = {
  kind: ListingKind;
  id: string;
  title: string;
  field: string;
  moneyFen: number | null;
  text: string;
  submittedAt: string | null;
  organization: { id: string; name: string; regionCode: string };
};

type Row = {
  kind: ListingKind;
  id: string;
  title: string;
  field: string;
  money: bigint | null;
  text: string;
  submittedAt: Date | null;
  orgId: string;
  orgName: string;
  regionCode: string;
};

function likePattern(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** WHERE conditions shared by both tables (alias l = listing, o = organization). */
function conditions(query: QueueQuery, now: Date) {
  const parts: Prisma.Sql[] = [Prisma.sql`l.status = 'pending_review'`];
  if (query.q) {
    const p = likePattern(query.q);
    parts.push(Prisma.sql`(l.title ILIKE ${p} ESCAPE '\\' OR o.name ILIKE ${p} ESCAPE '\\')`);
  }
  if (query.field) parts.push(Prisma.sql`l.field = ${query.field}`);
  if (query.organizationId) parts.push(Prisma.sql`l."organizationId" = ${query.organizationId}`);
  if (query.minAgeDays) {
    const before = new Date(now.getTime() - query.minAgeDays * 86_400_000);
    parts.push(Prisma.sql`COALESCE(l."submittedAt", l."updatedAt") <= ${before}`);
  }
  return Prisma.join(parts, " AND ");
}

function selects(query: QueueQuery, now: Date) {
  const where = conditions(query, now);
  const result = Prisma.sql`SELECT 'result' AS kind, l.id, l.title, l.field, l."priceFen" AS money,
      LEFT(l.summary, 200) AS text, COALESCE(l."submittedAt", l."updatedAt") AS "submittedAt",
      o.id AS "orgId", o.name AS "orgName", o."regionCode"
    FROM "Result" l JOIN "Organization" o ON o.id = l."organizationId" WHERE ${where}`;
  const need = Prisma.sql`SELECT 'need' AS kind, l.id, l.title, l.field, l."budgetFen" AS money,
      LEFT(l.description, 200) AS text, COALESCE(l."submittedAt", l."updatedAt") AS "submittedAt",
      o.id AS "orgId", o.name AS "orgName", o."regionCode"
    FROM "Need" l JOIN "Organization" o ON o.id = l."organizationId" WHERE ${where}`;
  if (query.kind === "result") return result;
  if (query.kind === "need") return need;
  return Prisma.sql`${result} UNION ALL ${need}`;
}

const ORDER: Record<QueueSort, Prisma.Sql> = {
  // first come, first served by default
  oldest: Prisma.sql`ORDER BY "submittedAt" ASC, id ASC`,
  newest: Prisma.sql`ORDER BY "submittedAt" DESC, id DESC`,
  title: Prisma.sql`ORDER BY title ASC, id ASC`,
};

/** One page of the queue, its total, and the organizations that have something waiting. */
export async function reviewQueuePage(query: QueueQuery, now = new Date()) {
  const from = selects(query, now);
  const [counted] = await prisma.$queryRaw<Array<{ n: bigint }>>`SELECT COUNT(*) AS n FROM (${from}) q`;
  const total = Number(counted?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const rows = await prisma.$queryRaw<Row[]>`SELECT * FROM (${from}) q ${ORDER[query.sort]}
    LIMIT ${QUEUE_PAGE_SIZE} OFFSET ${(page - 1) * QUEUE_PAGE_SIZE}`;
  const items: QueueItem[] = rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    title: r.title,
    field: r.field,
    moneyFen: r.money === null ? null : Number(r.money),
    text: r.text.replace(/\s+/g, " ").trim(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    organization: { id: r.orgId, name: r.orgName, regionCode: r.regionCode },
  }));
  // the organization filter offers only organizations with something pending (with their count)
  const organizations = await prisma.$queryRaw<Array<{ id: string; name: string; n: bigint }>>`
    SELECT o.id, o.name, COUNT(*) AS n FROM (
      SELECT "organizationId" FROM "Result" WHERE status = 'pending_review'
      UNION ALL SELECT "organizationId" FROM "Need" WHERE status = 'pending_review'
    ) p JOIN "Organization" o ON o.id = p."organizationId"
    GROUP BY o.id, o.name ORDER BY o.name LIMIT 500`;
  return {
    query: { ...query, page },
    items,
    total,
    page,
    pages,
    pageSize: QUEUE_PAGE_SIZE,
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, count: Number(o.n) })),
  };
}

/** "result:<id>" / "need:<id>" values of the bulk form's checkboxes. */
export function parseQueueRefs(values: string[]): Array<{ kind: ListingKind; id: string }> {
  const seen = new Set<string>();
  const refs: Array<{ kind: ListingKind; id: string }> = [];
  for (const value of values) {
    const [kind, id, extra] = value.split(":");
    if ((kind !== "result" && kind !== "need") || !id || extra !== undefined || id.length > 64) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    refs.push({ kind, id });
  }
  return refs;
}

/**
 * Approves each item in its own transaction, one after the other (the same path as a single
 * approval: row lock, state check, audit, notification; match alerts after each commit). An item
 * that fails (already decided by someone else, withdrawn meanwhile…) is reported with the
 * reason in the reader's language; the others stay approved.
 */
export async function bulkApprove(
  actor: Actor,
  refs: Array<{ kind: ListingKind; id: string }>,
  locale: string,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const ref of refs.slice(0, BULK_MAX)) {
    try {
      const row =
        ref.kind === "result"
          ? await reviewResult(actor, ref.id, { decision: "approve" })
          : await reviewNeed(actor, ref.id, { decision: "approve" });
      outcomes.push({ ...ref, title: row.title, ok: true });
    } catch (error) {
      if (!(error instanceof ApiError)) console.error("bulk approval failed", ref, error);
      const title =
        ref.kind === "result"
          ? await prisma.result.findUnique({ where: { id: ref.id }, select: { title: true } })
          : await prisma.need.findUnique({ where: { id: ref.id }, select: { title: true } });
      outcomes.push({
        ...ref,
        title: title?.title ?? ref.id,
        ok: false,
        error:
          error instanceof ApiError
            ? userMessage(error, locale)
            : pickMessage("处理失败，请稍后重试 / Something went wrong; please try again", locale),
      });
    }
  }
  return outcomes;
}

/** The confirmation step of a bulk approval: the selected items that are still pending, with their titles. */
export async function pendingTitles(refs: Array<{ kind: ListingKind; id: string }>) {
  const ids = (kind: ListingKind) => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const [results, needs] = await Promise.all([
    prisma.result.findMany({
      where: { id: { in: ids("result") }, status: "pending_review" },
      select: { id: true, title: true },
    }),
    prisma.need.findMany({
      where: { id: { in: ids("need") }, status: "pending_review" },
      select: { id: true, title: true },
    }),
  ]);
  return [
    ...results.map((r) => ({ ref: `result:${r.id}`, title: r.title })),
    ...needs.map((n) => ({ ref: `need:${n.id}`, title: n.title })),
  ];
}
