// The filters and facet counts of a search from the in-process index (memory-engine.server.ts):
// pg-plan's filterConditions as allowed codes per facet dimension (bitsets in the index) and
// predicates for the rest, and the facet counts, each dimension counted with every filter except
// its own.
import type { SearchParams } from "./types.ts";
import { andInto, forEachBit, popcount } from "./bitset.ts";
import { FACET_DIMS, type Codes, type FacetDim, type MemoryIndex } from "./memory-index.ts";
import { emptyFacets } from "./pg-facets.server.ts";
import { regionPatterns } from "./pg-plan.server.ts";

type Pred = (slot: number) => boolean;

/** Per facet dimension, the codes (MemoryIndex.codes) a filter lets through (1) or not (0). */
type Allow = Partial<Record<FacetDim, Uint8Array>>;

function allowed(codes: Codes, ok: (value: string) => boolean) {
  const out = new Uint8Array(codes.values.length);
  codes.values.forEach((v, c) => (out[c] = ok(v) ? 1 : 0));
  return out;
}

/** The filters of pg-plan's filterConditions: allowed codes per facet dimension, and the rest. */
export function filterPredicates(params: SearchParams, ix: MemoryIndex) {
  const f = params.filters ?? {};
  const allow: Allow = {};
  const other: Pred[] = [];
  const list = (v?: string[]) => (v && v.length ? new Set(v.slice(0, 50).map(String)) : null);
  const field = list(f.field);
  if (field) allow.field = allowed(ix.codes.field, (v) => field.has(v));
  const maturity = list(f.maturity);
  if (maturity && params.kind === "result") allow.maturity = allowed(ix.codes.maturity, (v) => maturity.has(v));
  if (f.regionCode && f.regionCode.length) {
    const patterns = regionPatterns(f.regionCode.slice(0, 50).map(String));
    const exact = new Set(patterns.filter((p) => !p.endsWith("%")));
    const prefixes = patterns.filter((p) => p.endsWith("%")).map((p) => p.slice(0, -1));
    allow.regionCode = allowed(ix.codes.regionCode, (r) => exact.has(r) || prefixes.some((p) => r.startsWith(p)));
  }
  const orgKind = list(f.orgKind);
  if (orgKind) allow.orgKind = allowed(ix.codes.orgKind, (v) => orgKind.has(v));
  const modes = list(f.transferMode);
  if (modes) allow.transferMode = allowed(ix.codes.transferMode, (v) => modes.has(v));
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) : null);
  const min = num(f.priceMinFen);
  if (min !== null) other.push((s) => ix.price[s]! >= min); // NaN (no price) is never in range
  const max = num(f.priceMaxFen);
  if (max !== null) other.push((s) => ix.price[s]! <= max);
  if (f.organizationId) {
    const org = String(f.organizationId);
    other.push((s) => ix.org[s] === org);
  }
  return { allow, other };
}

type Filters = ReturnType<typeof filterPredicates>;

function anyAllowed(codes: number[], allow: Uint8Array) {
  for (const c of codes) if (allow[c]) return true;
  return false;
}

/** Which dimension's filter a slot fails: -1 none, 0..4 that one (FACET_DIMS order), 5 several. */
function failedDim(ix: MemoryIndex, s: number, f: Filters) {
  for (const p of f.other) if (!p(s)) return 5;
  const { field, maturity, regionCode, orgKind, transferMode } = f.allow;
  let failed = -1;
  const fail = (d: number) => (failed = failed === -1 ? d : 5);
  if (field && !field[ix.fieldC[s]!]) fail(0);
  if (maturity && !(ix.maturityC[s]! >= 0 && maturity[ix.maturityC[s]!])) fail(1);
  if (regionCode && !regionCode[ix.regionC[s]!]) fail(2);
  if (orgKind && !orgKind[ix.orgKindC[s]!]) fail(3);
  if (transferMode && !anyAllowed(ix.modeC[s]!, transferMode)) fail(4);
  return failed;
}

/**
 * Facet counts over the live slots of `recall` (every live slot without a query): each dimension
 * counted with every filter except its own. Counted by code into typed arrays, in slot order
 * straight from the bitset's words (counts need no order).
 */
export function countFacets(params: SearchParams, ix: MemoryIndex, recall: Uint32Array | null, f: Filters) {
  const facets = emptyFacets(params);
  const withMaturity = "maturity" in facets;
  const n = {
    field: new Int32Array(ix.codes.field.values.length),
    maturity: new Int32Array(ix.codes.maturity.values.length),
    regionCode: new Int32Array(ix.codes.regionCode.values.length),
    orgKind: new Int32Array(ix.codes.orgKind.values.length),
    transferMode: new Int32Array(ix.codes.transferMode.values.length),
  };
  const { alive, fieldC, maturityC, regionC, orgKindC, modeC } = ix;
  const filtered = f.other.length > 0 || Object.keys(f.allow).length > 0;
  const visit = (s: number) => {
    if (!alive[s]) return;
    const failed = filtered ? failedDim(ix, s, f) : -1;
    if (failed === 5) return;
    if (failed === -1 || failed === 0) n.field[fieldC[s]!]!++;
    if (withMaturity && (failed === -1 || failed === 1) && maturityC[s]! >= 0) n.maturity[maturityC[s]!]!++;
    if (failed === -1 || failed === 2) n.regionCode[regionC[s]!]!++;
    if (failed === -1 || failed === 3) n.orgKind[orgKindC[s]!]!++;
    if (failed === -1 || failed === 4) for (const c of modeC[s]!) n.transferMode[c]!++;
  };
  if (recall) forEachBit(recall, visit);
  else for (let s = 0; s < ix.slots; s++) visit(s);
  for (const d of FACET_DIMS) {
    const out = facets[d];
    if (!out) continue;
    const counts = n[d];
    const values = ix.codes[d].values;
    for (let c = 0; c < counts.length; c++) if (counts[c]) out[values[c]!] = counts[c]!;
  }
  return facets;
}

/**
 * The live slots of `recall` (every live slot without a query text) that pass the filters, as a
 * bitset with its count: word-wise ANDs with the live slots and each filtered dimension's allowed
 * values (MemoryIndex.andAllowed), then the price and organization tests over what is left only.
 */
export function hitBits(ix: MemoryIndex, recall: Uint32Array | null, preds: Filters) {
  const bits = ix.aliveSet();
  if (recall) andInto(bits, recall);
  for (const d of FACET_DIMS) {
    const allow = preds.allow[d];
    if (allow) ix.andAllowed(bits, d, allow);
  }
  if (preds.other.length) {
    forEachBit(bits, (s) => {
      for (const p of preds.other) if (!p(s)) return void (bits[s >>> 5]! &= ~(1 << (s & 31)));
    });
  }
  return { bits, count: popcount(bits) };
}
