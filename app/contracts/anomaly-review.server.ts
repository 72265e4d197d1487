// The bureau's review of anomaly flags (the flags themselves: anomalies.server.ts): the queue
// and the recorded conclusion.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AnomalyKind } from "./anomaly-schemas.ts";
import { anomalyFlagJson } from "./contract-json.server.ts";

export async function listAnomalies(query: {
  status?: "open" | "resolved" | "all";
  kind?: AnomalyKind;
  year?: number;
  page: number;
  pageSize: number;
}) {
  const where: Prisma.AnomalyFlagWhereInput = {
    ...(query.status === "resolved"
      ? { resolvedAt: { not: null } }
      : query.status === "all"
        ? {}
        : { resolvedAt: null }),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.year ? { contract: { registeredYear: query.year } } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.anomalyFlag.findMany({
      where,
      include: {
        contract: {
          select: {
            id: true,
            title: true,
            status: true,
            registrationNumber: true,
            contractAmountFen: true,
            techTransactionAmountFen: true,
            sellerOrg: { select: { id: true, name: true } },
            buyerOrg: { select: { id: true, name: true } },
          },
        },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.anomalyFlag.count({ where }),
  ]);
  return {
    items: rows.map((f) => ({
      ...anomalyFlagJson(f),
      contract: {
        id: f.contract.id,
        title: f.contract.title,
        status: f.contract.status,
        registrationNumber: f.contract.registrationNumber,
        contractAmountFen: Number(f.contract.contractAmountFen),
        techTransactionAmountFen: Number(f.contract.techTransactionAmountFen),
        seller: f.contract.sellerOrg,
        buyer: f.contract.buyerOrg,
      },
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The bureau records its conclusion; the flag leaves the open list (audited on the contract). */
export async function resolveAnomaly(id: string, resolution: string, user: SessionUser) {
  return prisma.$transaction(async (tx) => {
    const flag = await tx.anomalyFlag.findUnique({ where: { id } });
    if (!flag) throw errors.notFound("异常标记");
    const now = new Date();
    const changed = await tx.anomalyFlag.updateMany({
      where: { id, resolvedAt: null },
      data: { resolvedAt: now, resolvedById: user.id, resolution },
    });
    if (changed.count !== 1) throw errors.conflict("该异常标记已处理 / This flag is already resolved", "invalid_state");
    const after = await tx.anomalyFlag.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, {
      entityType: "contract",
      entityId: flag.contractId,
      action: "anomaly.resolve",
      actorId: user.id,
      before: { flagId: id, kind: flag.kind, resolvedAt: null },
      after: { flagId: id, kind: flag.kind, resolvedAt: now, resolution },
    });
    return {
      id: after.id,
      contractId: after.contractId,
      kind: after.kind,
      detail: after.detail,
      createdAt: after.createdAt.toISOString(),
      resolvedAt: after.resolvedAt?.toISOString() ?? null,
      resolvedById: after.resolvedById,
      resolution: after.resolution,
    };
  });
}
