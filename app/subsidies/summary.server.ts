// The bureau's view of one programme's year: budget, committed, disbursed, remaining, and the
// applications by status, by sub-centre and by region (the buyer's region at registration); and
// the applications as a CSV/XLSX table through the shared export (app/stats/export.server.ts).
import { errors } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { exactSum, fenTotal } from "../domain/money.ts";
import { formatDateTime } from "../domain/time.ts";
import { regionLabel } from "../domain/regions.server.ts";
import { parseQuery } from "../api/http.server.ts";
import type { Table } from "../stats/export.server.ts";
import type { ExportSpec } from "../stats/export-route.server.ts";
import { listApplications } from "./applications.server.ts";
import { programmeJson } from "./programmes.server.ts";
import {
  applicationListQuerySchema,
  ROLE_NAMES,
  STATUS_NAMES,
  type ApplicationListQuery,
  type ApplicationStatus,
  type SubsidyRole,
} from "./schemas.ts";
import { currentShanghaiYear } from "../domain/time.ts";

export function requireSubsidyStaff(user: SessionUser) {
  if (!can(user, "manage:subsidy:any")) throw errors.forbidden();
}

/** GET /api/v1/subsidies/programmes/:code/summary?year= (bureau, admin) */
export async function programmeSummary(code: string, year: number | undefined, user: SessionUser) {
  requireSubsidyStaff(user);
  const y = year ?? currentShanghaiYear();
  const versions = await prisma.subsidyProgramme.findMany({
    where: { code, year: y },
    include: { rules: true },
    orderBy: { validFrom: "desc" },
  });
  const programme = versions[0];
  if (!programme) throw errors.notFound("奖补项目");
  const ids = versions.map((v) => v.id);
  const [byStatus, bySub, byRegion] = await Promise.all([
    prisma.$queryRaw<Array<{ status: string; count: bigint; amount: unknown }>>`
      SELECT status, count(*) AS count, sum("amountFen") AS amount FROM "SubsidyApplication"
      WHERE "programmeId" = ANY(${ids}::text[]) GROUP BY status ORDER BY status`,
    prisma.$queryRaw<Array<{ subcentreId: string | null; name: string | null; count: bigint; amount: unknown }>>`
      SELECT c."subcentreId", s.name, count(*) AS count, sum(a."amountFen") AS amount
      FROM "SubsidyApplication" a JOIN "Contract" c ON c.id = a."contractId"
      LEFT JOIN "Subcentre" s ON s.id = c."subcentreId"
      WHERE a."programmeId" = ANY(${ids}::text[]) AND a.status <> 'rejected'
      GROUP BY c."subcentreId", s.name ORDER BY amount DESC`,
    prisma.$queryRaw<Array<{ region: string | null; count: bigint; amount: unknown }>>`
      SELECT c."buyerRegion" AS region, count(*) AS count, sum(a."amountFen") AS amount
      FROM "SubsidyApplication" a JOIN "Contract" c ON c.id = a."contractId"
      WHERE a."programmeId" = ANY(${ids}::text[]) AND a.status <> 'rejected'
      GROUP BY c."buyerRegion" ORDER BY amount DESC`,
  ]);
  const sumOf = (...statuses: string[]) =>
    byStatus.filter((r) => statuses.includes(r.status)).reduce((a, r) => a + exactSum(r.amount), 0n);
  const committed = sumOf("approved", "disbursed", "review_required");
  return {
    programme: programmeJson(programme),
    budgetFen: Number(programme.budgetFen),
    committedFen: fenTotal(committed),
    disbursedFen: fenTotal(sumOf("disbursed")),
    pendingFen: fenTotal(sumOf("pending")),
    remainingFen: Number(programme.budgetFen - committed),
    byStatus: byStatus.map((r) => ({
      status: r.status as ApplicationStatus,
      count: Number(r.count),
      amountFen: fenTotal(exactSum(r.amount)),
    })),
    bySubcentre: bySub.map((r) => ({
      subcentreId: r.subcentreId,
      name: r.name,
      count: Number(r.count),
      amountFen: fenTotal(exactSum(r.amount)),
    })),
    byRegion: byRegion.map((r) => ({
      regionCode: r.region,
      count: Number(r.count),
      amountFen: fenTotal(exactSum(r.amount)),
    })),
  };
}

/** The applications (same filters and visibility as the list) as an export table. */
export async function applicationsTable(
  query: ApplicationListQuery,
  user: SessionUser,
  locale: string,
): Promise<Table> {
  const en = locale.startsWith("en");
  const pick = (n: { zh: string; en: string }) => (en ? n.en : n.zh);
  const { items } = await listApplications(query, user);
  const regions = new Map(
    (
      await prisma.contract.findMany({
        where: { id: { in: items.map((i) => i.contractId) } },
        select: { id: true, buyerRegion: true },
      })
    ).map((c) => [c.id, c.buyerRegion]),
  );
  return {
    title: en ? "Subsidy applications" : "奖补申请",
    columns: [
      { key: "programme", zh: "项目", en: "Programme" },
      { key: "registrationNumber", zh: "登记号", en: "Registration number" },
      { key: "contract", zh: "合同名称", en: "Contract" },
      { key: "org", zh: "受补单位", en: "Recipient" },
      { key: "role", zh: "角色", en: "Role" },
      { key: "region", zh: "买方地区", en: "Buyer region" },
      { key: "basisFen", zh: "计算基数（元）", en: "Basis (CNY)", kind: "yuan" },
      { key: "rate", zh: "比例", en: "Rate" },
      { key: "amountFen", zh: "奖补金额（元）", en: "Amount (CNY)", kind: "yuan" },
      { key: "cappedBy", zh: "封顶", en: "Capped by" },
      { key: "status", zh: "状态", en: "Status" },
      { key: "auto", zh: "免申即享", en: "Automatic" },
      { key: "createdAt", zh: "申请时间", en: "Applied at" },
      { key: "disbursedAt", zh: "拨付时间", en: "Disbursed at" },
      { key: "bankReference", zh: "银行流水号", en: "Bank reference" },
      { key: "note", zh: "审核意见 / 复核原因", en: "Decision note / review reason" },
    ],
    rows: items.map((i) => {
      const region = regions.get(i.contractId) ?? null;
      return {
        programme: i.programme,
        registrationNumber: i.contract?.registrationNumber ?? "",
        contract: i.contract?.title ?? "",
        org: i.org?.name ?? i.orgId,
        role: pick(ROLE_NAMES[i.role as SubsidyRole]),
        region: region ? `${region} ${regionLabel(region, locale)}` : "",
        basisFen: i.basisFen,
        rate: `${(i.rateBp / 100).toFixed(2)}%`,
        amountFen: i.amountFen,
        cappedBy: i.cappedBy ?? "",
        status: pick(STATUS_NAMES[i.status as ApplicationStatus]),
        auto: i.auto ? (en ? "yes" : "是") : "",
        createdAt: formatDateTime(i.createdAt, { seconds: true }),
        disbursedAt: i.disbursedAt ? formatDateTime(i.disbursedAt) : "",
        bankReference: i.bankReference ?? "",
        note: i.reviewReason ?? i.decisionNote ?? "",
      };
    }),
  };
}

/** The applications list as a CSV/XLSX export (GET /api/v1/subsidies/applications.csv|.xlsx). */
export const applicationsExport: ExportSpec = async (request, user, locale) => {
  const query = parseQuery(request, applicationListQuerySchema);
  const table = await applicationsTable(query, user, locale);
  return { table, fileBase: `subsidy-applications${query.programme ? `-${query.programme}` : ""}` };
};
