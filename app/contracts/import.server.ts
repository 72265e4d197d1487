// Historical import of registered contracts (the provincial system's export):
// all-or-nothing. Every line is validated first and every bad line reported (line number, field,
// why); duplicate registration numbers — within the file or against the database — refuse the
// whole import. Used by POST /api/v1/contracts/import and `npm run cli -- import contracts`.
import { ApiError } from "../api/api.server.ts";
import { auditSnapshot } from "../audit/audit.server.ts";
import { prisma } from "../db/db.server.ts";
import { registrationSnapshot, reserveRegistrationSerial } from "./registration.server.ts";
import { importLineSchema, type ImportLine } from "./schemas.ts";
import { dateFromDay, shanghaiYearMonth } from "../domain/time.ts";
import { parseRegistrationNumber } from "./registration-number.ts";

export type ImportProblem = { line: number; field: string; message: string };

export class ContractImportError extends Error {
  constructor(
    public problems: ImportProblem[],
    /** true when every problem is a duplicate registration number (→ 409) */
    public duplicatesOnly: boolean,
  ) {
    super(
      `导入被拒绝，${new Set(problems.map((p) => p.line)).size} 行有问题，未写入任何数据 / Import refused: ${new Set(problems.map((p) => p.line)).size} bad line(s), nothing was written`,
    );
  }
}

export type ImportOptions = {
  /** the file line of lines[0] (JSONL files skip blank lines; default 1) */
  lineNumbers?: number[];
  onProgress?: (done: number, total: number) => void;
};

const DUPLICATE = "duplicate";

/**
 * Validates and imports registered contracts. `lines` are parsed objects, or raw JSON strings
 * (one per line). Throws ContractImportError listing every bad line; writes nothing then.
 */
export async function importContracts(lines: unknown[], actor: { id: string } | null, options: ImportOptions = {}) {
  const lineNo = (i: number) => options.lineNumbers?.[i] ?? i + 1;
  const problems: Array<ImportProblem & { kind?: string }> = [];
  const valid: Array<{ index: number; line: ImportLine }> = [];

  lines.forEach((raw, index) => {
    let value = raw;
    if (typeof raw === "string") {
      try {
        value = JSON.parse(raw);
      } catch {
        problems.push({ line: lineNo(index), field: "_", message: "不是有效的 JSON / Not valid JSON" });
        return;
      }
    }
    const parsed = importLineSchema.safeParse(value);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = issue.path.length ? issue.path.join(".") : "_";
        if (seen.has(field)) continue;
        seen.add(field);
        problems.push({ line: lineNo(index), field, message: issue.message });
      }
      return;
    }
    const line = parsed.data;
    const number = parseRegistrationNumber(line.registrationNumber)!;
    const { year } = shanghaiYearMonth(new Date(line.registeredAt));
    if (number.year2 !== year % 100) {
      problems.push({
        line: lineNo(index),
        field: "registrationNumber",
        message: `登记号前两位（${String(number.year2).padStart(2, "0")}）应为登记年份 ${year} 的后两位 / The number's first two digits must be the registration year (${year})`,
      });
      return;
    }
    valid.push({ index, line });
  });

  // duplicates within the file
  const firstLine = new Map<string, number>();
  for (const { index, line } of valid) {
    const earlier = firstLine.get(line.registrationNumber);
    if (earlier !== undefined) {
      problems.push({
        line: lineNo(index),
        field: "registrationNumber",
        message: `登记号 ${line.registrationNumber} 与第 ${earlier} 行重复 / Registration number repeats line ${earlier}`,
        kind: DUPLICATE,
      });
    } else {
      firstLine.set(line.registrationNumber, lineNo(index));
    }
  }
  // duplicates against the database, and unknown organizations
  const numbers = [...firstLine.keys()];
  const existing = new Set<string>();
  for (let i = 0; i < numbers.length; i += 5000) {
    const rows = await prisma.contract.findMany({
      where: { registrationNumber: { in: numbers.slice(i, i + 5000) } },
      select: { registrationNumber: true },
    });
    rows.forEach((r) => existing.add(r.registrationNumber!));
  }
  const orgIds = [
    ...new Set(
      valid.flatMap(({ line }) =>
        [line.sellerOrgId, line.buyerOrgId, line.brokerOrgId].filter((x): x is string => !!x),
      ),
    ),
  ];
  const orgs = new Map(
    (
      await prisma.organization.findMany({
        where: { id: { in: orgIds } },
        select: { id: true, regionCode: true, zone: true, kind: true },
      })
    ).map((o) => [o.id, o]),
  );
  for (const { index, line } of valid) {
    if (existing.has(line.registrationNumber) && firstLine.get(line.registrationNumber) === lineNo(index)) {
      problems.push({
        line: lineNo(index),
        field: "registrationNumber",
        message: `登记号 ${line.registrationNumber} 已存在 / Registration number ${line.registrationNumber} already exists`,
        kind: DUPLICATE,
      });
    }
    for (const key of ["sellerOrgId", "buyerOrgId", "brokerOrgId"] as const) {
      const id = line[key];
      if (id && !orgs.has(id))
        problems.push({ line: lineNo(index), field: key, message: `单位不存在：${id} / Unknown organization` });
    }
  }
  if (problems.length) {
    problems.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
    throw new ContractImportError(
      problems.map(({ kind: _k, ...p }) => p),
      problems.every((p) => p.kind === DUPLICATE),
    );
  }

  // Serials first: registrations lock the serial row before the statistics rows, and so do we.
  const maxSerial = new Map<string, { year: number; point: string; serial: number }>();
  for (const { line } of valid) {
    const number = parseRegistrationNumber(line.registrationNumber)!;
    const { year } = shanghaiYearMonth(new Date(line.registeredAt));
    const key = `${year}:${number.point}`;
    const current = maxSerial.get(key);
    if (!current || current.serial < number.serial)
      maxSerial.set(key, { year, point: number.point, serial: number.serial });
  }

  const total = valid.length;
  const ids = await prisma.$transaction(
    async (tx) => {
      for (const s of [...maxSerial.values()].sort((a, b) => a.year - b.year || a.point.localeCompare(b.point))) {
        await reserveRegistrationSerial(tx, s.year, s.point, s.serial);
      }
      const created: string[] = [];
      for (let i = 0; i < valid.length; i += 1000) {
        const chunk = valid.slice(i, i + 1000).map(({ line }) => {
          const at = new Date(line.registeredAt);
          const { year, month } = shanghaiYearMonth(at);
          const amount = BigInt(line.contractAmountFen);
          const costs = BigInt(line.nonTechnicalCostsFen);
          return {
            type: line.type,
            subtype: line.subtype ?? null,
            title: line.title,
            sellerOrgId: line.sellerOrgId,
            buyerOrgId: line.buyerOrgId,
            brokerOrgId: line.brokerOrgId ?? null,
            contractAmountFen: amount,
            nonTechnicalCostsFen: costs,
            techTransactionAmountFen: amount - costs,
            signedAt: dateFromDay(line.signedAt),
            validUntil: line.validUntil ? dateFromDay(line.validUntil) : null,
            ipType: line.ipType ?? null,
            status: "registered",
            registrationNumber: line.registrationNumber,
            registrationPoint: parseRegistrationNumber(line.registrationNumber)!.point,
            registeredAt: at,
            registeredById: actor?.id ?? null,
            registeredYear: year,
            registeredMonth: month,
            imported: true,
            createdById: actor?.id ?? null,
            ...registrationSnapshot(orgs.get(line.sellerOrgId)!, orgs.get(line.buyerOrgId)!, line.field ?? null),
          };
        });
        const rows = await tx.contract.createManyAndReturn({ data: chunk });
        await tx.contractVersion.createMany({
          data: rows.map((r) => ({
            contractId: r.id,
            version: 1,
            contractAmountFen: r.contractAmountFen,
            nonTechnicalCostsFen: r.nonTechnicalCostsFen,
            techTransactionAmountFen: r.techTransactionAmountFen,
            reason: "历史数据导入 / imported",
            createdById: actor?.id ?? null,
          })),
        });
        await tx.auditEvent.createMany({
          data: rows.map((r) => {
            const { createdAt: _c, updatedAt: _u, ...fields } = r;
            return {
              entityType: "contract",
              entityId: r.id,
              action: "import",
              actorId: actor?.id ?? null,
              before: auditSnapshot(null),
              after: auditSnapshot(fields),
            };
          }),
        });
        created.push(...rows.map((r) => r.id));
        options.onProgress?.(created.length, total);
      }
      return created;
    },
    { maxWait: 30_000, timeout: 600_000 },
  );
  return { imported: ids.length, ids };
}

/** The API's answer to a refused import: 409 when only duplicates, else 400; fields per line. */
export function importErrorToApi(error: ContractImportError) {
  const fields: Record<string, string> = {};
  for (const p of error.problems) {
    const key = `contracts.${p.line - 1}.${p.field}`;
    fields[key] ??= `第 ${p.line} 行 / line ${p.line}: ${p.message}`;
  }
  const lines = [...new Set(error.problems.map((p) => p.line))];
  const message = `${error.message}（${lines
    .slice(0, 20)
    .map((l) => `第 ${l} 行`)
    .join("、")}${lines.length > 20 ? "…" : ""}）`;
  return error.duplicatesOnly
    ? new ApiError(409, "duplicate_registration_number", message, fields)
    : new ApiError(400, "invalid_input", message, fields);
}
