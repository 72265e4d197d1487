// Set-based inserts for seeding (seed.server.ts).
import { type AuditEntity } from "../app/audit/audit.server.ts";
import { type Prisma, type Tx } from "../app/db/db.server.ts";

// ------------------------------------------------------------------ set-based inserts
// Prisma's createMany costs ≈7 ms per row on this stack (JS query compiler + driver adapter):
// 2.4 s for the results alone. One INSERT … SELECT FROM jsonb_to_recordset($1) per table sends
// the rows as a single JSON parameter and takes milliseconds. Column names are checked against
// Prisma's generated input types; the SQL is built from these constants only.

type Column<T> = readonly [name: keyof T & string, sqlType: string];

const TS = "timestamp(3)"; // Prisma's DateTime columns: UTC wall-clock time without zone
export const ORGANIZATION_COLUMNS: Column<Prisma.OrganizationCreateManyInput>[] = [
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
export const USER_COLUMNS: Column<Prisma.UserCreateManyInput>[] = [
  ["id", "text"],
  ["email", "text"],
  ["name", "text"],
  ["role", '"Role"'],
  ["locale", "text"],
  ["organizationId", "text"],
  ["createdAt", TS],
  ["updatedAt", TS],
];
export const PASSWORD_COLUMNS: Column<Prisma.PasswordCreateManyInput>[] = [
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
export const RESULT_COLUMNS: Column<Prisma.ResultCreateManyInput>[] = [
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
export const NEED_COLUMNS: Column<Prisma.NeedCreateManyInput>[] = [
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
export const AUDIT_COLUMNS: Column<Prisma.AuditEventCreateManyInput>[] = [
  ["entityType", "text"],
  ["entityId", "text"],
  ["action", "text"],
  ["actorId", "text"],
  ["before", "jsonb"],
  ["after", "jsonb"],
  ["createdAt", TS],
];

export interface AuditRow {
  entityType: AuditEntity;
  entityId: string;
  action: string;
  actorId: string | null;
  before: null;
  after: unknown;
  createdAt: Date;
}

export async function bulkInsert<T>(tx: Tx, table: string, columns: Column<T>[], rows: object[]) {
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
