// Region names that need the national GB/T 2260 table (app/domain/gbt2260.server.ts), which
// never ships to the browser (decision 0030): loaders send the names their page shows with
// regionNamesOf, and server-side text (exports, summaries, form answers) names codes here.
import { nationalRegionName } from "./gbt2260.server.ts";
import { isKnownRegion, REGIONS, regionName, type RegionNames } from "./regions.ts";

/**
 * The national names of the codes a page shows that are not in the market's own list, for the
 * loader to return as `regionNames` (read by useRegionName in app/components/region-names.ts).
 */
export function regionNamesOf(codes: Iterable<string | null | undefined>): RegionNames {
  const names: RegionNames = {};
  for (const code of codes) {
    if (!code || code in REGIONS || code in names) continue;
    const name = nationalRegionName(code);
    if (name) names[code] = name;
  }
  return names;
}

/** A region's name on the server: the market's own label, else the national (Chinese) name. */
export function regionLabel(code: string, locale = "zh-CN") {
  return regionName(code, locale, regionNamesOf([code]));
}

/**
 * The full national name of a code ("江西省赣州市南康区"), for confirming a picked region: the
 * market's own short names ("南康区") are enough in lists but ambiguous on their own.
 */
export function regionFullName(code: string) {
  return nationalRegionName(code) ?? regionName(code);
}

/**
 * regionNamesOf for the codes anywhere in a loader's data: every `regionCode` string and every
 * `regions` list of codes, at any depth. One call per loader keeps a page from forgetting a code.
 */
export function regionNamesIn(data: unknown): RegionNames {
  const codes = new Set<string>();
  const seen = new Set<object>();
  const walk = (value: unknown) => {
    if (!value || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(walk);
    for (const [key, v] of Object.entries(value)) {
      if (key === "regionCode" && typeof v === "string") codes.add(v);
      else if (key === "regions" && Array.isArray(v)) v.forEach((c) => typeof c === "string" && codes.add(c));
      else walk(v);
    }
  };
  walk(data);
  return regionNamesOf(codes);
}

/**
 * A region code typed without JavaScript, named back in full ("江西省赣州市南康区（360703）") once it
 * is known to be valid; null otherwise. `value` is the form's raw field.
 */
export function typedRegionLabel(value: unknown): string | null {
  const code = typeof value === "string" ? value.trim() : "";
  return isKnownRegion(code) ? `${regionFullName(code)}（${code}）` : null;
}
