// Look-alike organization names (docs/decisions/0019-organization-trust.md). Two names are the
// same when their keys are: the database function organization_name_key (NFKC, lower case, no
// spaces or invisible characters), kept in "Organization"."nameKey" by a trigger. It is the one
// home of that rule; this module only asks it.
import { ApiError } from "../api/api.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";

type Db = Tx | typeof prisma;

export type NamedOrganization = { id: string; name: string; creditCode: string; verifiedAt: Date | null };

/** The look-alike key of a name, as the database computes it. */
export async function organizationNameKey(name: string, db: Db = prisma): Promise<string> {
  const [row] = await db.$queryRaw<Array<{ key: string }>>`SELECT organization_name_key(${name}) AS key`;
  return row?.key ?? "";
}

/** Every organization whose name is a look-alike of `name`: verified first, then oldest. */
export async function organizationsNamedLike(name: string, db: Db = prisma): Promise<NamedOrganization[]> {
  return db.$queryRaw<NamedOrganization[]>`
    SELECT id, name, "creditCode", "verifiedAt" FROM "Organization"
    WHERE "nameKey" = organization_name_key(${name})
    ORDER BY "verifiedAt" IS NULL, "createdAt", id`;
}

/** A verified organization (other than `exceptId`) whose name is a look-alike of `name`, or null. */
export async function verifiedNamesake(name: string, db: Db = prisma, exceptId?: string) {
  const rows = await organizationsNamedLike(name, db);
  return rows.find((o) => o.verifiedAt && o.id !== exceptId) ?? null;
}

export const NAME_TAKEN_CODE = "organization_name_taken";

export function organizationNameTaken(namesake: { name: string }) {
  return new ApiError(
    409,
    NAME_TAKEN_CODE,
    `已有名称相同的已认证机构「${namesake.name}」（忽略空格、全角/半角和大小写）。如果您属于该机构，请申请加入；否则请使用营业执照上的完整名称 / A verified organization named “${namesake.name}” already exists (ignoring spaces, full-width forms and case). If you belong to it, ask to join it; otherwise use the full registered name`,
    {
      name: `与已认证机构「${namesake.name}」同名 / Same name as the verified organization “${namesake.name}”`,
    },
  );
}

/**
 * The bureau is about to verify `org`: refuse when a verified organization already has a look-alike
 * name (409 organization_name_taken on `name`), so two verified organizations never share one.
 * Staff resolve it by renaming one of them first. Serialised per name key (a transaction-scoped
 * advisory lock), so two look-alikes verified at the same moment cannot both pass.
 */
export async function assertNameFreeForVerification(tx: Tx, org: { id: string; name: string }) {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('organization-name:' || organization_name_key(${org.name})))::text`;
  const namesake = await verifiedNamesake(org.name, tx, org.id);
  if (!namesake) return;
  throw new ApiError(
    409,
    NAME_TAKEN_CODE,
    `已有名称相同的已认证机构「${namesake.name}」（统一社会信用代码 ${namesake.creditCode}；忽略空格、全角/半角和大小写），不能再认证一个同名机构。请核实是否为同一机构；如确为不同机构，先将其中一个更名为营业执照上的完整名称再认证 / A verified organization named “${namesake.name}” (credit code ${namesake.creditCode}) already exists, ignoring spaces, full-width forms and case: a second one with that name cannot be verified. Check whether they are the same organization; if not, rename one to its full registered name first`,
    {
      name: `与已认证机构「${namesake.name}」同名 / Same name as the verified organization “${namesake.name}”`,
    },
  );
}

/** Refuses a look-alike of a verified organization's name (409 organization_name_taken, field `name`). */
export async function assertNameAvailable(name: string, db: Db = prisma, exceptId?: string) {
  const namesake = await verifiedNamesake(name, db, exceptId);
  if (namesake) throw organizationNameTaken(namesake);
}

export type NameMatch =
  { kind: "found"; org: NamedOrganization } | { kind: "none" } | { kind: "ambiguous"; candidates: NamedOrganization[] };

/**
 * What a name given by an operator means: the one verified look-alike; without a verified one, the
 * only look-alike. Several verified ones, or several unverified ones and none verified, are
 * ambiguous: the caller names the candidates and asks for the credit code.
 */
export function pickNamed(rows: NamedOrganization[]): NameMatch {
  const verified = rows.filter((o) => o.verifiedAt);
  if (verified.length === 1) return { kind: "found", org: verified[0]! };
  if (verified.length > 1) return { kind: "ambiguous", candidates: verified };
  if (rows.length === 1) return { kind: "found", org: rows[0]! };
  if (rows.length > 1) return { kind: "ambiguous", candidates: rows };
  return { kind: "none" };
}

/** "名称（信用代码）; …", for an ambiguity message. */
export function describeCandidates(candidates: NamedOrganization[]) {
  return candidates.map((o) => `${o.name}（${o.creditCode}${o.verifiedAt ? "" : "，未认证 / unverified"}）`).join("; ");
}

export function ambiguousNameMessage(name: string, candidates: NamedOrganization[]) {
  return `有 ${candidates.length} 个机构名为「${name}」，请用统一社会信用代码（--org-credit-code）指定 / ${candidates.length} organizations are named “${name}”: give the credit code (--org-credit-code). 候选 / candidates: ${describeCandidates(candidates)}`;
}
