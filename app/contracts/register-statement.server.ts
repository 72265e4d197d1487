// The registration's statements: serial and contract row (statistics by trigger), then the audit event.
import { auditSnapshot } from "../audit/audit.server.ts";
import type { Tx } from "../db/db.server.ts";
import { formatRegistrationNumber } from "./registration.server.ts";
import { registrationNumberPrefix } from "./registration-number.ts";

const utcTimestamp = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

/**
 * The part of a registration that takes shared locks, right before the commit so parallel
 * registrations hold them briefly, and in the one order every contract change uses: the year's
 * serial row, the statistics rows (by the statement's AFTER trigger, in key order), then the
 * audit chain (a second statement: in one statement the audit insert's lock came before the
 * trigger's statistics rows, the reverse of amendments and cancellations — a deadlock).
 * Returns the registration number, or undefined when the contract is no longer submitted.
 */
export async function registerInOneStatement(
  tx: Tx,
  id: string,
  data: {
    registrationPoint: string;
    registeredAt: Date;
    registeredById: string;
    registeredYear: number;
    registeredMonth: number;
    reviewNote: string | null;
    sellerRegion: string;
    buyerRegion: string;
    sellerZone: string | null;
    sellerKind: string;
    buyerKind: string;
    bayArea: boolean;
    field: string | null;
  },
  diff: { before: Record<string, unknown>; after: Record<string, unknown> },
  actorId: string,
) {
  const prefix = registrationNumberPrefix(data.registeredYear, data.registrationPoint);
  const { registrationNumber: _n, ...afterWithoutNumber } = diff.after;
  const before = JSON.stringify(auditSnapshot(diff.before));
  const after = JSON.stringify(auditSnapshot(afterWithoutNumber));
  const at = utcTimestamp(data.registeredAt);
  const rows = await tx.$queryRaw<Array<{ registrationNumber: string | null; serial: number }>>`
    WITH serial AS (
      INSERT INTO "RegistrationSerial" (year, point, last) VALUES (${data.registeredYear}, ${data.registrationPoint}, 1)
      ON CONFLICT (year, point) DO UPDATE SET last = "RegistrationSerial".last + 1
      RETURNING last
    ), updated AS (
      UPDATE "Contract" SET
        status = 'registered',
        "registrationNumber" = CASE WHEN serial.last <= 999999 THEN ${prefix} || lpad(serial.last::text, 6, '0') END,
        "registrationPoint" = ${data.registrationPoint}, "registeredAt" = ${at}::timestamp, "registeredById" = ${data.registeredById},
        "registeredYear" = ${data.registeredYear}, "registeredMonth" = ${data.registeredMonth}, "reviewNote" = ${data.reviewNote},
        "sellerRegion" = ${data.sellerRegion}, "buyerRegion" = ${data.buyerRegion}, "sellerZone" = ${data.sellerZone},
        "sellerKind" = ${data.sellerKind}, "buyerKind" = ${data.buyerKind}, "bayArea" = ${data.bayArea}, field = ${data.field},
        "updatedAt" = ${at}::timestamp
      FROM serial
      WHERE id = ${id} AND status = 'submitted'
      RETURNING "registrationNumber", serial.last AS serial
    )
    SELECT "registrationNumber", serial FROM updated`;
  const row = rows[0];
  if (!row) return undefined;
  if (!row.registrationNumber)
    formatRegistrationNumber(data.registeredYear, data.registrationPoint, Number(row.serial)); // throws: exhausted
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("entityType", "entityId", action, "actorId", before, after)
    VALUES ('contract', ${id}, 'register', ${actorId}, ${before}::jsonb, ${after}::jsonb || jsonb_build_object('registrationNumber', ${row.registrationNumber}::text))`;
  return row.registrationNumber!;
}
