// Tests fail on console.error, console.warn and process warnings they did not declare
// (tests/setup/console.ts installs the watch). A test that logs on purpose says so first:
//
//   const consoleError = expectConsoleError(/match alerts failed/);
//   … the code under test …
//   expect(consoleError.calls[0]).toContain("match alerts failed");
//
// Matching calls are swallowed (not printed) and counted; by the end of the test at least
// `atLeast` (default 1) must have happened, so the expectation cannot silently go stale.
import { format } from "node:util";

export type ConsoleKind = "error" | "warn";

export type ConsoleExpectation = {
  kind: ConsoleKind;
  match?: RegExp;
  atLeast: number;
  /** each matching call, formatted as it would have been printed */
  calls: string[];
};

type Unexpected = { kind: ConsoleKind | "process warning"; text: string };

const state = { expectations: [] as ConsoleExpectation[], unexpected: [] as Unexpected[] };

function expect(kind: ConsoleKind, opts: RegExp | { match?: RegExp; atLeast?: number } = {}) {
  const o = opts instanceof RegExp ? { match: opts } : opts;
  const expectation: ConsoleExpectation = { kind, match: o.match, atLeast: o.atLeast ?? 1, calls: [] };
  state.expectations.push(expectation);
  return expectation;
}

/** This test logs console.error (matching `match`, if given) on purpose. */
export function expectConsoleError(opts?: RegExp | { match?: RegExp; atLeast?: number }) {
  return expect("error", opts);
}

/** This test logs console.warn or emits a process warning (matching `match`, if given) on purpose. */
export function expectConsoleWarn(opts?: RegExp | { match?: RegExp; atLeast?: number }) {
  return expect("warn", opts);
}

/** Called by the watch: true when an expectation took the call (and it should not be printed). */
export function recordConsoleCall(kind: ConsoleKind, args: unknown[], origin: Unexpected["kind"] = kind) {
  const text = format(...args);
  const expectation = state.expectations.find((e) => e.kind === kind && (!e.match || e.match.test(text)));
  if (expectation) {
    expectation.calls.push(text);
    return true;
  }
  state.unexpected.push({ kind: origin, text });
  return false;
}

/** The problems since the last check (unexpected calls, unmet expectations), then a fresh start. */
export function takeConsoleProblems() {
  const problems = state.unexpected.map((u) => `unexpected ${u.kind}: ${u.text.slice(0, 2000)}`);
  for (const e of state.expectations) {
    if (e.calls.length < e.atLeast) {
      problems.push(
        `expected console.${e.kind}${e.match ? ` matching ${e.match}` : ""} at least ${e.atLeast} time(s), got ${e.calls.length}`,
      );
    }
  }
  state.unexpected = [];
  state.expectations = [];
  return problems;
}
