// `npx tsx tests/bench/search-inproc.bench.ts`: CPU per request of the uncached search stream in
// one process, without HTTP — the list API's own work (`listItemsJson`: the in-process index's
// search, the page's JSON rows from PostgreSQL, highlights) — on the data `npm run bench:search-cpu`
// imported into BENCH_DATA_DIR (run that first with the same BENCH_DOCS). 1,200 other distinct
// queries warm it, then the stream (BENCH_STREAM, 2,400) runs one query after another. Prints the
// process's CPU ms per request and a hash of every page (ids, total, the items' JSON with
// highlights): two runs of different code on the same data must print the same hash.
// BENCH_HASHES=<file> writes one hash per query, to find which query differs.
// Run with `node --cpu-prof --cpu-prof-dir=<dir> --import tsx …` for a profile.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { startEmbeddedPostgres } from "../../app/db/embedded-postgres.server.ts";
import { machineLine } from "./bench-db.ts";
import { generateQueryStream } from "./search-data.ts";

const DATA_DIR = process.env.BENCH_DATA_DIR ?? "/tmp/bench-search-cpu";
const STREAM = Number(process.env.BENCH_STREAM ?? 2_400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);

const handle = await startEmbeddedPostgres({ dataDir: DATA_DIR, database: "market" });
process.env.DATABASE_URL = handle.url;
process.env.SEARCH_CACHE = "0";
const { memoryIndexReady, memoryIndexStatus } = await import("../../search/memory-sync.server.ts");
const { listItemsJson } = await import("../../app/listings/list-json.server.ts");
const { listScope } = await import("../../app/listings/list.server.ts");
const { parseListingQuery } = await import("../../app/listings/query.ts");

console.log(`search-inproc — ${machineLine()}`);
const t0 = Date.now();
if (!(await memoryIndexReady())) throw new Error("the in-process index is off or could not be built");
console.log(`index built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
// the index's memory (with its list API items unless SEARCH_MEMORY_ITEMS=0); run with
// `NODE_OPTIONS=--expose-gc` for figures without the build's garbage
(globalThis as { gc?: () => void }).gc?.();
{
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  const m = process.memoryUsage();
  const status = memoryIndexStatus();
  const items = status.ready ? status.result.items + status.need.items : 0;
  console.log(
    `memory: heap ${mb(m.heapUsed)}, external + array buffers ${mb(m.external + m.arrayBuffers)}, RSS ${mb(m.rss)}; items held ${mb(items)}`,
  );
}

async function page(q: string) {
  const parsed = parseListingQuery(new URLSearchParams(`pageSize=20&${q}`), "fen");
  if (!parsed.ok) throw new Error(`bad query ${q}`);
  const list = await listItemsJson("result", parsed.query, listScope(null, parsed.query));
  return `${list.total}|${list.totalExact}|${list.ids.join(",")}|${list.items.join(",")}`;
}

for (const q of generateQueryStream(1200, 7)) await page(q);
const queries = generateQueryStream(STREAM);
const perQuery: string[] = [];
const all = createHash("sha256");
for (let round = 0; round < ROUNDS; round++) {
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  for (const q of queries) {
    const text = await page(q);
    if (round === 0) {
      const h = createHash("sha256").update(text).digest("hex").slice(0, 16);
      perQuery.push(`${h} ${q}`);
      all.update(h);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - w0;
  console.log(
    `round ${round + 1}: ${queries.length} queries, CPU ${((cpu.user + cpu.system) / 1000 / queries.length).toFixed(3)} ms/request, wall ${(wall / queries.length).toFixed(3)} ms/request`,
  );
}
console.log(`pages hash ${all.digest("hex").slice(0, 16)}; ${machineLine()}`);
if (process.env.BENCH_HASHES) fs.writeFileSync(process.env.BENCH_HASHES, perQuery.join("\n") + "\n");
await handle.stop();
process.exit(0);
