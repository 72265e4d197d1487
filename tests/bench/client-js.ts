// The JavaScript each measured page loads on first view, from the client build's manifest: the
// entry, then every route module of the page (root first) with the chunks it imports, each file
// once, gzip-compressed as compression() serves it. Deterministic, unlike Lighthouse's timings
// (docs/decisions/0030). Charts loaded on demand are listed apart: they load once a chart is on
// screen. Run after `npx react-router build`: npx tsx tests/bench/client-js.ts
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

type Entry = { module: string; imports?: string[] };
type Route = Entry & { id: string; parentId?: string };

const dir = path.resolve("build/client");
const manifestFile = readdirSync(path.join(dir, "assets")).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("no client build: run `npx react-router build` first");
const source = readFileSync(path.join(dir, "assets", manifestFile), "utf8");
const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as {
  entry: Entry;
  routes: Record<string, Route>;
};

const PAGES: Array<[string, string]> = [
  ["/", "routes/_index"],
  ["/results", "routes/results._index"],
  ["/search?q=稀土", "routes/search"],
  ["a result page", "routes/results.$id"],
  ["/needs", "routes/needs._index"],
  ["/events", "routes/events._index"],
  ["/market-stats", "routes/market-stats"],
  ["/bureau", "routes/bureau._index"],
];

const gz = (file: string) => gzipSync(readFileSync(path.join(dir, file))).length;

function filesOf(routeId: string) {
  const chain: Route[] = [];
  for (let r: Route | undefined = manifest.routes[routeId]; r; r = r.parentId ? manifest.routes[r.parentId] : undefined)
    chain.unshift(r);
  if (!chain.length) throw new Error(`no route ${routeId} in the manifest`);
  const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const r of chain) for (const f of [r.module, ...(r.imports ?? [])]) files.add(f);
  return [...files];
}

const lazyCharts = readdirSync(path.join(dir, "assets"))
  .filter((f) => f.startsWith("chart-drawing-") && f.endsWith(".js"))
  .reduce((sum, f) => sum + gz(`assets/${f}`), 0);

console.log("| page | JS files | JS KB (gzip) |\n| --- | --- | --- |");
for (const [page, id] of PAGES) {
  const files = filesOf(id);
  const kb = files.reduce((sum, f) => sum + gz(f), 0) / 1024;
  console.log(`| \`${page}\` | ${files.length} | ${kb.toFixed(0)} |`);
}
if (lazyCharts) console.log(`\ncharts, loaded when one is on screen: ${(lazyCharts / 1024).toFixed(0)} KB (gzip)`);
