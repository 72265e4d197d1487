// Every test file: console.error, console.warn and process warnings (Node's DeprecationWarning and
// friends) fail the test that caused them, unless it declared them with expectConsoleError /
// expectConsoleWarn (tests/support/console.ts). Output nobody reads hides real faults. There is
// no opt-out: a test that logs on purpose declares it (see CONTRIBUTING.md, "Test it").
import { afterAll, afterEach } from "vitest";
import { recordConsoleCall, takeConsoleProblems } from "../support/console.ts";

const original = { error: console.error, warn: console.warn, emitWarning: process.emitWarning };

console.error = (...args: unknown[]) => {
  if (!recordConsoleCall("error", args)) original.error.apply(console, args);
};
console.warn = (...args: unknown[]) => {
  if (!recordConsoleCall("warn", args)) original.warn.apply(console, args);
};
process.emitWarning = function emitWarning(this: unknown, warning: string | Error, ...rest: unknown[]) {
  const text =
    typeof warning === "string" ? `${typeof rest[0] === "string" ? rest[0] : "Warning"}: ${warning}` : String(warning);
  // where it came from: the first frames outside Node name the caller (e.g. who ran two queries at once)
  const where = (new Error().stack ?? "").split("\n").slice(2, 12).join("\n");
  if (recordConsoleCall("warn", [`${text}\n${where}`], "process warning")) return;
  return (original.emitWarning as (...a: unknown[]) => void).call(process, warning, ...rest);
} as typeof process.emitWarning;

function check(when: string) {
  const problems = takeConsoleProblems();
  if (problems.length) {
    throw new Error(
      `${when}: console output this test did not declare (use expectConsoleError/expectConsoleWarn from tests/support/console.ts, or fix the cause):\n${problems.join("\n")}`,
    );
  }
}

afterEach(() => check("After the test"));
afterAll(() => check("Outside any test (beforeAll/afterAll or module load)"));
