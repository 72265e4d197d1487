// `npm run cli -- import results|needs --file F.jsonl [--org-name N | --org-credit-code C] [--publish]`:
// one JSON object per line with the API's fields (validated with the API's own schemas from
// app/listings/schemas.ts), plus an optional `organizationName` naming an existing organization
// (matched like --org-name: look-alikes too, the verified one first; docs/decisions/0019). All
// listings are written in one transaction, each with its audit event (import-listings-write.server.ts),
// while the lines are validated ahead of the writes; if any line is bad the transaction is rolled
// back, nothing is written and every bad line is reported.
import { prisma } from "../db/db.server.ts";
import { creditCodeSchema } from "../organizations/schemas.ts";
import {
  ambiguousNameMessage,
  organizationsNamedLike,
  pickNamed,
  type NamedOrganization,
} from "../organizations/names.server.ts";
import { needCreateSchema, resultCreateSchema } from "../listings/schemas.ts";
import { WRITE_CHUNK, writeListings, type WriteLine, type WritePhase } from "./import-listings-write.server.ts";

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
  /** 统一社会信用代码 of the default organization: exact, for when a name is ambiguous */
  orgCreditCode?: string;
  publish?: boolean;
  actorId?: string | null;
  onProgress?: (phase: "validate" | WritePhase, done: number, total: number) => void;
};

/**
 * Validates every line and passes the valid ones on, WRITE_CHUNK at a time, to `emit` (awaited: the
 * writer's pace). Stops emitting at the first problem but validates on to report every one; throws
 * ListingImportError with all of them at the end, or returns the number of lines emitted. The
 * validation yields to the event loop between chunks, so it runs ahead of the writes while the
 * database works (see importListings).
 */
async function validateInChunks(
  kind: ListingImportKind,
  text: string,
  options: ListingImportOptions,
  emit: (lines: WriteLine[]) => void,
) {
  const problems: ImportProblem[] = [];
  const schema = kind === "results" ? resultCreateSchema : needCreateSchema;
  const rawLines = text.split(/\r?\n/);
  const total = rawLines.filter((l) => l.trim()).length;
  if (total === 0)
    throw new ListingImportError([{ line: 0, field: "--file", message: "文件中没有数据行 / The file has no lines" }]);
  const defaultOrg = options.orgName?.trim() || "";
  const defaultCode = options.orgCreditCode?.trim() || "";

  // Organizations: the default one (--org-credit-code exactly, else --org-name) first, and each
  // line's organizationName when first met. A name matches look-alikes too and picks the verified
  // one; a name that is still ambiguous is refused with the candidates' credit codes.
  type Resolution = { org: NamedOrganization } | { problem: string };
  const byName = async (name: string): Promise<Resolution> => {
    const match = pickNamed(await organizationsNamedLike(name));
    if (match.kind === "found") return { org: match.org };
    if (match.kind === "ambiguous") return { problem: ambiguousNameMessage(name, match.candidates) };
    return { problem: `机构不存在：${name} / No organization named “${name}”` };
  };
  let fallback: Resolution | null = null;
  let fallbackField = "--org-name";
  if (defaultCode) {
    fallbackField = "--org-credit-code";
    const code = creditCodeSchema.safeParse(defaultCode);
    const org = code.success
      ? await prisma.organization.findUnique({
          where: { creditCode: code.data },
          select: { id: true, name: true, creditCode: true, verifiedAt: true },
        })
      : null;
    if (!code.success) fallback = { problem: code.error.issues[0]!.message };
    else if (!org)
      fallback = {
        problem: `没有该统一社会信用代码的机构：${code.data} / No organization has the credit code ${code.data}`,
      };
    else if (defaultOrg && !(await organizationsNamedLike(defaultOrg)).some((o) => o.id === org.id)) {
      fallback = {
        problem: `--org-name「${defaultOrg}」与信用代码 ${code.data} 的机构「${org.name}」不符 / --org-name “${defaultOrg}” does not match “${org.name}”, the organization with credit code ${code.data}`,
      };
    } else fallback = { org };
  } else if (defaultOrg) {
    fallback = await byName(defaultOrg);
  }
  if (fallback && "problem" in fallback) problems.push({ line: 0, field: fallbackField, message: fallback.problem });
  const named = new Map<string, Resolution>();

  let seen = 0;
  let emitted = 0;
  let block: WriteLine[] = [];
  options.onProgress?.("validate", 0, total);
  for (let index = 0; index < rawLines.length; index++) {
    const raw = rawLines[index]!;
    const line = index + 1;
    if (!raw.trim()) continue;
    seen++;
    if (seen % 1000 === 0) options.onProgress?.("validate", seen, total);
    if (seen % WRITE_CHUNK === 0) {
      if (!problems.length && block.length) {
        emit(block);
        emitted += block.length;
      }
      block = [];
      // let the database's replies and the writer in between chunks
      await new Promise((resolve) => setImmediate(resolve));
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({
        line,
        field: "_",
        message: `不是有效的 JSON / Not valid JSON (${(error as Error).message.slice(0, 80)})`,
      });
      continue;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      problems.push({ line, field: "_", message: "每行应为一个 JSON 对象 / Each line must be one JSON object" });
      continue;
    }
    const { organizationName, ...fields } = value as Record<string, unknown>;
    // "" = the default organization (--org-name or --org-credit-code)
    let orgName = "";
    if (organizationName !== undefined) {
      if (typeof organizationName !== "string" || !organizationName.trim() || organizationName.length > 200) {
        problems.push({
          line,
          field: "organizationName",
          message: "organizationName 应为机构名称字符串 / organizationName must be an organization's name",
        });
        continue;
      }
      orgName = organizationName.trim();
    }
    if (!orgName && !defaultOrg && !defaultCode) {
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
      continue;
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
      continue;
    }
    if (!orgName && !defaultOrg && !defaultCode) continue;
    let resolution = fallback;
    if (orgName) {
      if (!named.has(orgName)) named.set(orgName, await byName(orgName));
      resolution = named.get(orgName)!;
    }
    if (!resolution || "problem" in resolution) {
      // the default organization's problem is reported once, on the command line
      if (resolution && orgName) problems.push({ line, field: "organizationName", message: resolution.problem });
      continue;
    }
    const org = resolution.org;
    if (options.publish && !org.verifiedAt) {
      problems.push({
        line,
        field: "organizationName",
        message: `机构“${org.name}”尚未认证，不能发布（去掉 --publish 可导入为草稿）/ “${org.name}” is not verified, so its listings cannot be published (import as drafts without --publish)`,
      });
      continue;
    }
    block.push({ line, organizationId: org.id, input: result.data });
  }
  options.onProgress?.("validate", total, total);
  if (problems.length) {
    problems.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
    throw new ListingImportError(problems);
  }
  if (block.length) emit(block);
  return emitted + block.length;
}

/**
 * Validates and writes in one transaction (or nothing). The first chunk is written as soon as it
 * is validated: the validation of the rest (JSON, zod, organizations: ≈ 2 s of CPU per 100,000
 * lines) runs on this process's core while the database writes, instead of before the first
 * statement. It runs ahead of the writer, so a bad line anywhere stops the import within
 * seconds; the writer then rolls back, having committed nothing, and every bad line is reported.
 */
export async function importListings(kind: ListingImportKind, text: string, options: ListingImportOptions = {}) {
  const total = text.split(/\r?\n/).filter((l) => l.trim()).length;
  const ready: WriteLine[][] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const signal = () => {
    wake?.();
    wake = null;
  };
  const validation = validateInChunks(kind, text, options, (lines) => {
    ready.push(lines);
    signal();
  }).finally(() => {
    finished = true;
    signal();
  });
  // rejected validations are thrown to the writer (below); never unhandled meanwhile
  validation.catch(() => {});
  async function* chunks() {
    for (;;) {
      if (ready.length) yield ready.shift()!;
      else if (finished) {
        await validation; // throws ListingImportError: the writer rolls back
        return;
      } else await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  let ids: string[];
  try {
    ids = await writeListings(kind, chunks(), total, {
      publish: options.publish,
      actorId: options.actorId,
      onProgress: (phase, done, all) => options.onProgress?.(phase, done, all),
    });
  } catch (error) {
    // the validation's problems, if any, over a write error they caused
    await validation;
    throw error;
  }
  return { imported: ids.length, ids, status: options.publish ? ("published" as const) : ("draft" as const) };
}
