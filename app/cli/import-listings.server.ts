// `npm run cli -- import results|needs --file F.jsonl [--org-name N] [--publish]`: one JSON object
// per line with the API's fields (validated with the API's own schemas from app/listings/schemas.ts),
// plus an optional `organizationName` naming an existing organization. Everything is validated
// first; if any line is bad nothing is written and every bad line is reported. Then all listings
// are written in one transaction, each with its audit event (import-listings-write.server.ts).
import { prisma } from "../db/db.server.ts";
import {
  needCreateSchema,
  resultCreateSchema,
  type NeedCreateInput,
  type ResultCreateInput,
} from "../listings/schemas.ts";
import { writeListings } from "./import-listings-write.server.ts";

export type ListingImportKind = "results" | "needs";
/** line 0 is the command line (e.g. a wrong --org-name) */
export type ImportProblem = { line: number; field: string; message: string };

export class ListingImportError extends Error {
  constructor(public problems: ImportProblem[]) {
    const lines = new Set(problems.map((p) => p.line)).size;
    super(`导入被拒绝：${lines} 处有问题，未写入任何数据 / Import refused: ${lines} bad line(s), nothing was written`);
  }
}

export type ListingImportOptions = {
  orgName?: string;
  publish?: boolean;
  actorId?: string | null;
  onProgress?: (phase: "validate" | "write" | "commit", done: number, total: number) => void;
};

type ParsedLine =
  | { kind: "results"; line: number; organizationName: string; input: ResultCreateInput }
  | { kind: "needs"; line: number; organizationName: string; input: NeedCreateInput };

/** Validates every line; throws ListingImportError with every problem, or returns the parsed lines. */
export async function validateListingImport(kind: ListingImportKind, text: string, options: ListingImportOptions = {}) {
  const problems: ImportProblem[] = [];
  const parsed: ParsedLine[] = [];
  const schema = kind === "results" ? resultCreateSchema : needCreateSchema;
  const rawLines = text.split(/\r?\n/);
  const total = rawLines.filter((l) => l.trim()).length;
  if (total === 0)
    throw new ListingImportError([{ line: 0, field: "--file", message: "文件中没有数据行 / The file has no lines" }]);
  const defaultOrg = options.orgName?.trim() || "";

  let seen = 0;
  options.onProgress?.("validate", 0, total);
  rawLines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    seen++;
    if (seen % 1000 === 0) options.onProgress?.("validate", seen, total);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({
        line,
        field: "_",
        message: `不是有效的 JSON / Not valid JSON (${(error as Error).message.slice(0, 80)})`,
      });
      return;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      problems.push({ line, field: "_", message: "每行应为一个 JSON 对象 / Each line must be one JSON object" });
      return;
    }
    const { organizationName, ...fields } = value as Record<string, unknown>;
    let orgName = defaultOrg;
    if (organizationName !== undefined) {
      if (typeof organizationName !== "string" || !organizationName.trim() || organizationName.length > 200) {
        problems.push({
          line,
          field: "organizationName",
          message: "organizationName 应为机构名称字符串 / organizationName must be an organization's name",
        });
        return;
      }
      orgName = organizationName.trim();
    }
    if (!orgName) {
      problems.push({
        line,
        field: "organizationName",
        message:
          "没有指定机构：请在该行写 organizationName，或使用 --org-name / No organization: give organizationName on the line or --org-name",
      });
    }
    if ("organizationId" in fields || "submit" in fields) {
      const key = "organizationId" in fields ? "organizationId" : "submit";
      problems.push({
        line,
        field: key,
        message: `导入文件不支持 ${key}：机构用 organizationName 或 --org-name，发布用 --publish / ${key} is not accepted in imports: use organizationName or --org-name, and --publish`,
      });
      return;
    }
    const result = schema.safeParse(fields);
    if (!result.success) {
      const fieldsSeen = new Set<string>();
      for (const issue of result.error.issues) {
        const field = issue.path.length ? issue.path.join(".") : "_";
        if (fieldsSeen.has(field)) continue;
        fieldsSeen.add(field);
        problems.push({ line, field, message: issue.message });
      }
      return;
    }
    if (orgName) parsed.push({ kind, line, organizationName: orgName, input: result.data } as ParsedLine);
  });
  options.onProgress?.("validate", total, total);

  // Organizations, by exact name: they must exist, be unambiguous, and be verified to publish.
  const names = [...new Set([...parsed.map((p) => p.organizationName), ...(defaultOrg ? [defaultOrg] : [])])];
  const orgs = await prisma.organization.findMany({
    where: { name: { in: names } },
    select: { id: true, name: true, verifiedAt: true },
  });
  const byName = new Map<string, typeof orgs>();
  for (const org of orgs) byName.set(org.name, [...(byName.get(org.name) ?? []), org]);
  if (defaultOrg && !byName.has(defaultOrg)) {
    problems.push({
      line: 0,
      field: "--org-name",
      message: `机构不存在：${defaultOrg} / No organization named “${defaultOrg}”`,
    });
  }
  const resolved: Array<ParsedLine & { organizationId: string }> = [];
  for (const p of parsed) {
    const matches = byName.get(p.organizationName) ?? [];
    if (matches.length === 0) {
      if (p.organizationName !== defaultOrg) {
        problems.push({
          line: p.line,
          field: "organizationName",
          message: `机构不存在：${p.organizationName} / No organization named “${p.organizationName}”`,
        });
      }
      continue;
    }
    if (matches.length > 1) {
      problems.push({
        line: p.line,
        field: "organizationName",
        message: `有 ${matches.length} 个机构名为“${p.organizationName}”，无法确定 / ${matches.length} organizations have this name`,
      });
      continue;
    }
    const org = matches[0]!;
    if (options.publish && !org.verifiedAt) {
      problems.push({
        line: p.line,
        field: "organizationName",
        message: `机构“${org.name}”尚未认证，不能发布（去掉 --publish 可导入为草稿）/ “${org.name}” is not verified, so its listings cannot be published (import as drafts without --publish)`,
      });
      continue;
    }
    resolved.push({ ...p, organizationId: org.id });
  }
  if (problems.length) {
    problems.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
    throw new ListingImportError(problems);
  }
  return resolved;
}

/** Validates, then writes everything in one transaction (or nothing). */
export async function importListings(kind: ListingImportKind, text: string, options: ListingImportOptions = {}) {
  const lines = await validateListingImport(kind, text, options);
  const ids = await writeListings(kind, lines, {
    publish: options.publish,
    actorId: options.actorId,
    onProgress: (phase, done, total) => options.onProgress?.(phase, done, total),
  });
  return { imported: ids.length, ids, status: options.publish ? ("published" as const) : ("draft" as const) };
}
