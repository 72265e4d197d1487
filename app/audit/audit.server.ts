// Every change to a listing, organization, offer, contract or target goes through here, inside
// the same transaction as the change. The database trigger chains the hashes (see migration).
import { Prisma } from "../generated/prisma/client.ts";
import { prisma, type Tx } from "../db/db.server.ts";

export type AuditEntity =
  | "result"
  | "need"
  | "organization"
  | "offer"
  | "contract"
  | "target"
  | "user"
  | "event"
  | "payment"
  | "payment_schedule"
  | "broker"
  | "lead"
  | "subcentre"
  | "subsidy_programme"
  | "subsidy_application"
  | "auction"
  | "deposit"
  | "objection"
  | "calendar";

// JSON-safe copy: BigInt → number, Date → ISO string.
export function auditSnapshot(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  if (value === null || value === undefined) return Prisma.JsonNull;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? Number(v) : v))) as Prisma.InputJsonValue;
}

/** Only the keys whose values differ, so an event shows what changed. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const x = JSON.stringify(before[key], (_k, v) => (typeof v === "bigint" ? Number(v) : v));
    const y = JSON.stringify(after[key], (_k, v) => (typeof v === "bigint" ? Number(v) : v));
    if (x !== y) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

export async function recordAudit(
  tx: Tx,
  event: {
    entityType: AuditEntity;
    entityId: string;
    action: string;
    actorId?: string | null;
    before?: unknown;
    after?: unknown;
  },
) {
  await tx.auditEvent.create({
    data: {
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      actorId: event.actorId ?? null,
      before: auditSnapshot(event.before),
      after: auditSnapshot(event.after),
    },
  });
}

export async function auditHistory(entityType: AuditEntity, entityId: string) {
  return prisma.auditEvent.findMany({
    where: { entityType, entityId },
    orderBy: { seq: "asc" },
  });
}

/**
 * Re-walks the chain in one set-based query: each row's hash must match its payload and its
 * prevHash must equal the hash of the row before it.
 */
export async function verifyAuditChain(): Promise<
  { ok: true; events: number } | { ok: false; events: number; firstBrokenEventId: string }
> {
  const rows = await prisma.$queryRaw<Array<{ events: bigint; first_broken: bigint | null }>>`
    WITH walked AS (
      SELECT e.seq, e.hash, e."prevHash",
        lag(e.hash) OVER (ORDER BY e.seq) AS expected_prev,
        encode(sha256(convert_to(e."prevHash" || '|' || audit_event_payload(e), 'UTF8')), 'hex') AS expected_hash
      FROM "AuditEvent" e
    )
    SELECT count(*) AS events,
      min(seq) FILTER (WHERE hash <> expected_hash OR "prevHash" <> coalesce(expected_prev, '')) AS first_broken
    FROM walked`;
  const events = Number(rows[0]?.events ?? 0);
  const broken = rows[0]?.first_broken;
  if (broken !== null && broken !== undefined) return { ok: false, events, firstBrokenEventId: String(broken) };
  return { ok: true, events };
}
