// CSV and XLSX export of any list and breakdown. One table shape — columns and rows —
// rendered either way: CSV with a UTF-8 BOM (Excel opens Chinese correctly) and cells that could
// start a formula neutralised; XLSX through exceljs with amounts as numbers in 元.
import ExcelJS from "exceljs";
import type { SessionUser } from "../auth/session.server.ts";
import { contractInclude, contractJson, contractListOrder, contractWhere } from "../contracts/contracts.server.ts";
import {
  CONTRACT_STATUS_NAMES,
  type ContractFilters,
  type ContractStatus,
  type GroupBy,
} from "../contracts/schemas.ts";
import { prisma } from "../db/db.server.ts";
import {
  CONTRACT_TYPE_NAMES,
  FIELD_NAMES,
  ORG_KIND_NAMES,
  type ContractType,
  type Field,
  type OrgKind,
} from "../domain/catalog.ts";
import { fenToYuanText } from "../domain/money.ts";
import { formatDateTime } from "../domain/time.ts";
import { ZONE_NAMES, type Zone } from "../domain/regions.ts";
import { regionLabel } from "../domain/regions.server.ts";
import type { ContractStats } from "./stats.server.ts";

export type Column = { key: string; zh: string; en: string; kind?: "text" | "int" | "yuan" };
export type Table = { title: string; columns: Column[]; rows: Array<Record<string, string | number | null>> };
export type ExportFormat = "csv" | "xlsx";

/** Rows beyond this are cut from an export (the list's own filters narrow it further). */
export const EXPORT_MAX_ROWS = 200_000;

const en = (locale: string) => locale.startsWith("en");
const header = (c: Column, locale: string) => (en(locale) ? c.en : c.zh);

function csvCell(value: string | number | null | undefined) {
  if (value === null || value === undefined) return "";
  let s = String(value);
  // A cell starting with = + - @ (or tab/CR) would run as a formula in a spreadsheet.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(table: Table, locale = "zh-CN") {
  const lines = [table.columns.map((c) => csvCell(header(c, locale))).join(",")];
  for (const row of table.rows) {
    lines.push(
      table.columns
        .map((c) => {
          const v = row[c.key];
          return csvCell(c.kind === "yuan" && typeof v === "number" ? fenToYuanText(v) : v);
        })
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function toXlsx(table: Table, locale = "zh-CN"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "赣州科技大市场";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, " ") || "Sheet1");
  sheet.columns = table.columns.map((c) => ({
    header: header(c, locale),
    key: c.key,
    width: c.kind === "yuan" ? 18 : c.kind === "int" ? 10 : Math.max(12, Math.min(40, header(c, locale).length * 2)),
    style: c.kind === "yuan" ? { numFmt: "#,##0.00" } : undefined,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const row of table.rows) {
    const values: Record<string, string | number | null> = {};
    for (const c of table.columns) {
      const v = row[c.key] ?? null;
      values[c.key] = c.kind === "yuan" && typeof v === "number" ? v / 100 : v;
    }
    sheet.addRow(values);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function renderTable(table: Table, format: ExportFormat, locale = "zh-CN") {
  return format === "csv" ? toCsv(table, locale) : toXlsx(table, locale);
}

/** A download Response; the file name is ASCII plus an RFC 5987 UTF-8 name. */
export async function exportResponse(table: Table, format: ExportFormat, fileBase: string, locale = "zh-CN") {
  const body = await renderTable(table, format, locale);
  const type =
    format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const ascii = fileBase.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(fileBase)}.${format}`,
      "Cache-Control": "no-store",
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Labels of the dashboard keys

/**
 * A group key in words. Sub-centres are data, not a vocabulary: their key is an id and their
 * label the `name` contractStats() returns with each group (or subcentreNames()); without a name
 * the id is shown rather than nothing.
 */
export function groupLabel(groupBy: GroupBy, key: string, locale = "zh-CN", name?: string | null) {
  const pick = (n: { zh: string; en: string } | undefined) => (n ? (en(locale) ? n.en : n.zh) : key);
  if (key === "none") return en(locale) ? "Not given" : "未填写";
  switch (groupBy) {
    case "type":
      return pick(CONTRACT_TYPE_NAMES[key as ContractType]);
    case "sellerRegion":
    case "buyerRegion":
      return regionLabel(key, locale);
    case "zone":
      return pick(ZONE_NAMES[key as Zone]);
    case "field":
      return pick(FIELD_NAMES[key as Field]);
    case "month":
      return en(locale) ? `Month ${Number(key)}` : `${Number(key)}月`;
    case "sellerKind":
    case "buyerKind":
      return pick(ORG_KIND_NAMES[key as OrgKind]);
    case "bayArea":
      return key === "yes" ? (en(locale) ? "With Bay Area parties" : "涉大湾区") : en(locale) ? "Other" : "其他";
    case "subcentre":
      return name ?? key;
  }
}

const GROUP_HEADERS: Record<GroupBy, { zh: string; en: string }> = {
  subcentre: { zh: "分中心", en: "Sub-centre" },
  type: { zh: "合同类型", en: "Contract type" },
  sellerRegion: { zh: "卖方地区（技术输出）", en: "Seller region (outflow)" },
  buyerRegion: { zh: "买方地区（技术吸纳）", en: "Buyer region (inflow)" },
  zone: { zh: "功能区", en: "Functional zone" },
  field: { zh: "技术领域", en: "Technical field" },
  month: { zh: "登记月份", en: "Month" },
  sellerKind: { zh: "卖方单位类型", en: "Seller kind" },
  buyerKind: { zh: "买方单位类型", en: "Buyer kind" },
  bayArea: { zh: "大湾区", en: "Greater Bay Area" },
};

const FIGURE_COLUMNS: Column[] = [
  { key: "count", zh: "合同数（项）", en: "Contracts", kind: "int" },
  { key: "contractAmountFen", zh: "合同成交额（元）", en: "Contract amount (CNY)", kind: "yuan" },
  { key: "techTransactionAmountFen", zh: "技术交易额（元）", en: "Technology transaction amount (CNY)", kind: "yuan" },
];

/** A breakdown as a table: one row per group and a total row. */
export function statsTable(stats: ContractStats, locale = "zh-CN"): Table {
  const g = GROUP_HEADERS[stats.groupBy];
  return {
    title: `${stats.year} ${en(locale) ? g.en : g.zh}`,
    columns: [
      { key: "key", zh: "代码", en: "Key" },
      { key: "label", zh: g.zh, en: g.en },
      ...FIGURE_COLUMNS,
      { key: "share", zh: "成交额占比", en: "Share of amount" },
    ],
    rows: [
      ...stats.groups.map((row) => ({
        key: row.key,
        label: groupLabel(stats.groupBy, row.key, locale, row.name),
        count: row.count,
        contractAmountFen: row.contractAmountFen,
        techTransactionAmountFen: row.techTransactionAmountFen,
        share:
          stats.totals.contractAmountFen > 0
            ? `${((row.contractAmountFen / stats.totals.contractAmountFen) * 100).toFixed(2)}%`
            : "",
      })),
      {
        key: "total",
        label: en(locale) ? "Total" : "合计",
        count: stats.totals.count,
        contractAmountFen: stats.totals.contractAmountFen,
        techTransactionAmountFen: stats.totals.techTransactionAmountFen,
        share: stats.totals.count ? "100.00%" : "",
      },
    ],
  };
}

const CONTRACT_COLUMNS: Column[] = [
  { key: "registrationNumber", zh: "登记号", en: "Registration number" },
  { key: "registeredAt", zh: "登记时间", en: "Registered at" },
  { key: "status", zh: "状态", en: "Status" },
  { key: "title", zh: "合同名称", en: "Title" },
  { key: "type", zh: "合同类型", en: "Type" },
  { key: "field", zh: "技术领域", en: "Field" },
  { key: "seller", zh: "卖方（技术输出方）", en: "Seller" },
  { key: "sellerRegion", zh: "卖方地区", en: "Seller region" },
  { key: "buyer", zh: "买方（技术吸纳方）", en: "Buyer" },
  { key: "buyerRegion", zh: "买方地区", en: "Buyer region" },
  { key: "broker", zh: "技术经纪方", en: "Broker" },
  ...FIGURE_COLUMNS.filter((c) => c.key !== "count"),
  { key: "nonTechnicalCostsFen", zh: "非技术性费用（元）", en: "Non-technical costs (CNY)", kind: "yuan" },
  { key: "signedAt", zh: "签订日期", en: "Signed" },
  { key: "version", zh: "版本", en: "Version", kind: "int" },
  { key: "id", zh: "系统编号", en: "Id" },
];

/** The contracts list (same filters and visibility as GET /api/v1/contracts), all pages. */
export async function contractsTable(filters: ContractFilters, user: SessionUser, locale = "zh-CN"): Promise<Table> {
  const where = contractWhere(filters, user);
  const rows: Table["rows"] = [];
  for (let skip = 0; skip < EXPORT_MAX_ROWS; skip += 5000) {
    const batch = await prisma.contract.findMany({
      where,
      include: contractInclude,
      orderBy: contractListOrder,
      skip,
      take: 5000,
    });
    for (const raw of batch) {
      const c = contractJson(raw);
      rows.push({
        registrationNumber: c.registrationNumber,
        registeredAt: raw.registeredAt ? formatDateTime(raw.registeredAt, { seconds: true }) : null,
        status: en(locale)
          ? (CONTRACT_STATUS_NAMES[c.status as ContractStatus]?.en ?? c.status)
          : (CONTRACT_STATUS_NAMES[c.status as ContractStatus]?.zh ?? c.status),
        title: c.title,
        type: groupLabel("type", c.type, locale),
        field: c.field ? groupLabel("field", c.field, locale) : "",
        seller: c.seller.name,
        sellerRegion: regionLabel(c.sellerRegion ?? c.seller.regionCode, locale),
        buyer: c.buyer.name,
        buyerRegion: regionLabel(c.buyerRegion ?? c.buyer.regionCode, locale),
        broker: c.broker?.name ?? "",
        contractAmountFen: c.contractAmountFen,
        techTransactionAmountFen: c.techTransactionAmountFen,
        nonTechnicalCostsFen: c.nonTechnicalCostsFen,
        signedAt: c.signedAt,
        version: c.version,
        id: c.id,
      });
    }
    if (batch.length < 5000) break;
  }
  return { title: en(locale) ? "Technology contracts" : "技术合同", columns: CONTRACT_COLUMNS, rows };
}
