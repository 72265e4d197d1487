// What the browser gets instead of the national region table (app/domain/gbt2260.server.ts,
// ~216 KB of JSON): nothing. package.json maps `#region-table` here under the "browser"
// condition, so the shared form schemas (regionCodeSchema) check only the code's shape in the
// browser and the server, which has the table, refuses a code that does not exist
// (decision 0030). Names of national codes reach the page from loaders (regionNamesOf).

/** In the browser: a six-digit code; whether it exists is the server's check. */
export function isNationalRegionCode(code: string) {
  return /^\d{6}$/.test(code);
}
