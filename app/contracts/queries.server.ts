// Reading contracts: one contract with its versions and audit trail, and the paged list with the
// exact totals of everything its filters match.
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { exactSum, fenTotal } from "../domain/money.ts";
import { auditHistory } from "../audit/audit.server.ts";
import {
  contractListOrder,
  contractPermissions,
  contractSqlWhere,
  contractWhere,
  isStaff,
  loadVisible,
} from "./access.server.ts";
import { anomalyFlagJson, auditEventJson, contractInclude, contractJson } from "./contract-json.server.ts";
import type { ContractFilters } from "./schemas.ts";
import { consentStatus } from "./consent.server.ts";

const n = (v: bigint) => Number(v);

/** GET /api/v1/contracts/:id: parties, broker, bureau and admins; others 404. */
export async function getContract(id: string, user: SessionUser) {
  const c = await loadVisible(id, user);
  const staff = isStaff(user);
  const [versions, trail, flags] = await Promise.all([
    prisma.contractVersion.findMany({ where: { contractId: id }, orderBy: { version: "asc" } }),
    auditHistory("contract", id),
    staff
      ? prisma.anomalyFlag.findMany({ where: { contractId: id }, orderBy: { createdAt: "asc" } })
      : Promise.resolve(null),
  ]);
  return {
    ...contractJson(c),
    versions: versions.map((v) => ({
      version: v.version,
      current: v.version === c.version,
      contractAmountFen: n(v.contractAmountFen),
      nonTechnicalCostsFen: n(v.nonTechnicalCostsFen),
      techTransactionAmountFen: n(v.techTransactionAmountFen),
      reason: v.reason,
      createdById: v.createdById,
      createdAt: v.createdAt.toISOString(),
    })),
    auditTrail: trail.map(auditEventJson),
    // anomaly flags are for the bureau's review only
    ...(flags ? { flags: flags.map(anomalyFlagJson) } : {}),
    permissions: contractPermissions(c, user),
    // whether both parties' confirmation is needed, whose is missing, and whether the viewer can give it
    consent: consentStatus(c, user),
  };
}

export async function listContracts(query: ContractFilters & { page: number; pageSize: number }, user: SessionUser) {
  const where = contractWhere(query, user);
  const [rows, sums] = await Promise.all([
    prisma.contract.findMany({
      where,
      include: contractInclude,
      orderBy: contractListOrder,
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    // numeric sums, never cast to bigint: a thousand drafts at the ceiling must not overflow
    prisma.$queryRaw<Array<{ count: number; amount: string | null; tech: string | null }>>`
      SELECT count(*)::int AS count, sum("contractAmountFen")::text AS amount, sum("techTransactionAmountFen")::text AS tech
      FROM "Contract" WHERE ${contractSqlWhere(query, user)}`,
  ]);
  const sum = sums[0] ?? { count: 0, amount: null, tech: null };
  return {
    items: rows.map(contractJson),
    total: sum.count,
    page: query.page,
    pageSize: query.pageSize,
    // the sums of everything the filters match (all pages): equal to the dashboard's figure
    // exact: beyond 2^53 a bigint, which apiJson writes as an exact integer and pages format
    totals: {
      count: sum.count,
      contractAmountFen: fenTotal(exactSum(sum.amount)),
      techTransactionAmountFen: fenTotal(exactSum(sum.tech)),
    },
  };
}
