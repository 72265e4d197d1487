// `import results|needs|contracts --file F.jsonl`: all or nothing, every bad line reported.
import fs from "node:fs";
import path from "node:path";
import { badInput, CliError, EXIT_FAILURE, log, required, usage, type Values } from "./args.ts";
import { closeDatabase, openDatabase } from "./database.ts";

function readFileArg(values: Values) {
  const file = path.resolve(String(values.file));
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw badInput(
      `无法读取文件 / Cannot read the file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/**
 * A progress printer: a line with rows/s and the estimated time left at most every 500 ms while
 * work advances, and at least every 2 s while a long step runs (call stop() when done).
 */
export function progress(label: string) {
  // from the first report (the step's start), not from when the printer was made
  let started = 0;
  let last = 0;
  let state = { done: 0, total: 0 };
  const print = () => {
    last = Date.now();
    const { done, total } = state;
    const seconds = (last - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 && done < total ? `, ETA ${Math.ceil((total - done) / rate)} s` : "";
    log(
      `${label} ${done}/${total} (${total ? Math.floor((done / total) * 100) : 100}%) ${Math.round(rate)} rows/s${eta}, ${seconds.toFixed(1)} s`,
    );
  };
  const timer = setInterval(() => {
    // every second while a step runs without reporting: a busy machine may delay the timer, and
    // the operator should still see a line at least every 2 s
    if (state.total && Date.now() - last >= 1_000) print();
  }, 500);
  timer.unref();
  const update = (done: number, total: number) => {
    started ||= Date.now();
    state = { done, total };
    if (done === total || Date.now() - last > 500) print();
    if (done === total) clearInterval(timer);
  };
  update.stop = () => clearInterval(timer);
  return update;
}

function printProblems(problems: Array<{ line: number; field: string; message: string }>) {
  for (const p of problems) {
    const where =
      p.line === 0 ? p.field : `第 ${p.line} 行 / line ${p.line}${p.field && p.field !== "_" ? ` [${p.field}]` : ""}`;
    log(`  ${where}: ${p.message}`);
  }
}

export async function importCommand(values: Values, positionals: string[]) {
  const what = positionals[0];
  if (!what || !["results", "needs", "contracts"].includes(what)) {
    throw usage("import: 请指定 results、needs 或 contracts / give results, needs or contracts");
  }
  required(values, ["file"], `import ${what}`);
  if (
    what === "contracts" &&
    (values["org-name"] !== undefined || values["org-credit-code"] !== undefined || values.publish !== undefined)
  ) {
    throw usage(
      "import contracts: --org-name、--org-credit-code 和 --publish 只用于 results/needs / --org-name, --org-credit-code and --publish apply to results and needs only",
    );
  }
  const text = readFileArg(values);
  const db = await openDatabase();
  try {
    if (what === "contracts") {
      const { importContracts, ContractImportError } = await import("../contracts/import.server.ts");
      const lines: string[] = [];
      const lineNumbers: number[] = [];
      text.split(/\r?\n/).forEach((l, i) => {
        if (l.trim()) {
          lines.push(l);
          lineNumbers.push(i + 1);
        }
      });
      if (!lines.length) throw badInput("文件中没有数据行 / The file has no lines");
      try {
        const result = await importContracts(lines, null, { lineNumbers, onProgress: progress("写入 / writing") });
        process.stdout.write(`已导入合同 / Contracts imported: ${result.imported}\n`);
      } catch (error) {
        if (error instanceof ContractImportError) {
          log(error.message);
          printProblems(error.problems);
          throw new CliError(EXIT_FAILURE, "");
        }
        throw error;
      }
      return;
    }
    const { importListings, ListingImportError } = await import("./import-listings.server.ts");
    const printers = {
      validate: progress("校验 / validating"),
      write: progress("写入 / writing"),
      analyze: progress("统计 / analyzing"),
      audit: progress("审计记录 / audit events"),
      commit: progress("提交 / committing"),
    };
    try {
      const result = await importListings(what as "results" | "needs", text, {
        orgName: typeof values["org-name"] === "string" ? values["org-name"] : undefined,
        orgCreditCode: typeof values["org-credit-code"] === "string" ? values["org-credit-code"] : undefined,
        publish: values.publish === true,
        onProgress: (phase, done, total) => printers[phase](done, total),
      });
      const label = what === "results" ? "科技成果 / results" : "技术需求 / needs";
      const status = result.status === "published" ? "已发布 / published" : "草稿 / drafts";
      process.stdout.write(`已导入${label}: ${result.imported} (${status})\n`);
    } catch (error) {
      for (const p of Object.values(printers)) p.stop();
      if (error instanceof ListingImportError) {
        log(error.message);
        printProblems(error.problems);
        throw new CliError(EXIT_FAILURE, "");
      }
      throw error;
    }
  } finally {
    await closeDatabase(db);
  }
}
