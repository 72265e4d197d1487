import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import { parseListingQuery } from "./query.ts";
import { needCreateSchema, resultCreateSchema, resultUpdateSchema, reviewSchema } from "./schemas.ts";
import { isCalendarDate } from "../domain/time.ts";
import { needFormSchema, resultFormSchema } from "./form-schemas.ts";
import { organizationCreateSchema } from "../organizations/schemas.ts";

const result = { title: "标题", summary: "简介", field: "tungsten", maturity: "pilot", transferModes: ["license"] };

function fieldsOf(r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join(".") || "_", i.message]));
}

describe("result schema (API)", () => {
  test("accepts the minimum and applies no hidden defaults", () => {
    expect(resultCreateSchema.parse(result)).toEqual(result);
  });
  test("trims, dedupes keywords case-insensitively and keeps HTML as text", () => {
    const v = resultCreateSchema.parse({
      ...result,
      title: "  <b>钨</b>  ",
      keywords: ["NdFeB", "ndfeb", " 永磁 ", ""],
    });
    expect(v.title).toBe("<b>钨</b>");
    expect(v.keywords).toEqual(["NdFeB", "永磁"]);
  });
  test.each([
    [{ priceFen: "100万" }, "priceFen", /整数/],
    [{ priceFen: 1.5 }, "priceFen", /小数/],
    [{ priceFen: -1 }, "priceFen", /负数/],
    [{ priceFen: 1e15 }, "priceFen", /上限/],
    [{ priceFen: Number.NaN }, "priceFen", /整数/],
    [{ field: "Rare_Earth" }, "field", /请从列表中选择技术领域：“Rare_Earth”/],
    [{ maturity: undefined }, "maturity", /请选择成熟度/],
    [{ title: "x".repeat(121) }, "title", /120/],
    [{ title: "a\nb" }, "title", /换行/],
    [{ summary: "" }, "summary", /请填写成果简介/],
    [{ keywords: Array.from({ length: 13 }, (_, i) => `k${i}`) }, "keywords", /12/],
    [{ keywords: ["钨".repeat(31)] }, "keywords", /30/],
    [{ patentNumbers: ["ZL<script>"] }, "patentNumbers", /专利号/],
    [{ contact: { phone: "call me" } }, "contact.phone", /电话/],
    [{ contact: { fax: "1" } }, "contact", /fax/],
    [{ transferModes: "license" }, "transferModes", /转化方式/],
    [{ extra: 1 }, "_", /extra/],
  ])("refuses %j", (patch, field, message) => {
    const r = resultCreateSchema.safeParse({ ...result, ...patch });
    expect(r.success).toBe(false);
    expect(fieldsOf(r)[field]).toMatch(message);
    expect(fieldsOf(r)[field]).toContain(" / ");
  });
  test("update accepts any subset, null price, and refuses read-only fields", () => {
    expect(resultUpdateSchema.parse({ priceFen: null })).toEqual({ priceFen: null });
    expect(resultUpdateSchema.safeParse({ status: "published" }).success).toBe(false);
    expect(resultUpdateSchema.safeParse({ id: "x" }).success).toBe(false);
  });
});

describe("need schema (API)", () => {
  const need = { title: "需求", description: "描述", field: "agriculture" };
  test("deadline must be a real calendar day", () => {
    expect(needCreateSchema.parse({ ...need, deadline: "2028-02-29" }).deadline).toBe("2028-02-29");
    for (const bad of ["2027-02-29", "2025-13-01", "2025-00-10", "25-01-01", "2025-1-1", "1999-12-31"]) {
      expect(needCreateSchema.safeParse({ ...need, deadline: bad }).success, bad).toBe(false);
    }
    expect(needCreateSchema.parse({ ...need, deadline: null }).deadline).toBeNull();
    expect(isCalendarDate("2024-02-29")).toBe(true);
  });
  test("cooperation mode is one of the transfer modes or null", () => {
    expect(needCreateSchema.parse({ ...need, cooperationMode: "service" }).cooperationMode).toBe("service");
    expect(needCreateSchema.safeParse({ ...need, cooperationMode: "gift" }).success).toBe(false);
  });
});

describe("organization schema", () => {
  const org = { name: "赣州有色冶金研究所", kind: "institute", creditCode: "91350100m000100y43", regionCode: "360702" };
  test("upper-cases the credit code and checks both check characters", () => {
    expect(organizationCreateSchema.parse(org).creditCode).toBe("91350100M000100Y43");
    expect(
      fieldsOf(organizationCreateSchema.safeParse({ ...org, creditCode: "91350100M000100Y42" })).creditCode,
    ).toMatch(/校验位不正确/);
    expect(
      fieldsOf(organizationCreateSchema.safeParse({ ...org, creditCode: "91350100M000101Y43" })).creditCode,
    ).toMatch(/组织机构代码/);
  });
  test("regions: Ganzhou counties, Bay Area cities, provinces; zones only inside Ganzhou", () => {
    for (const code of ["360783", "810000", "440300", "110000"])
      expect(organizationCreateSchema.safeParse({ ...org, regionCode: code }).success).toBe(true);
    expect(organizationCreateSchema.safeParse({ ...org, regionCode: "360799" }).success).toBe(false);
    expect(organizationCreateSchema.safeParse({ ...org, regionCode: "360783", zone: "longnan_etdz" }).success).toBe(
      true,
    );
    expect(
      fieldsOf(organizationCreateSchema.safeParse({ ...org, regionCode: "810000", zone: "longnan_etdz" })).zone,
    ).toMatch(/赣州/);
  });
});

describe("review schema", () => {
  test("reject needs a reason; approve does not", () => {
    expect(reviewSchema.safeParse({ decision: "approve" }).success).toBe(true);
    expect(fieldsOf(reviewSchema.safeParse({ decision: "reject", reason: "  " })).reason).toMatch(/理由/);
    expect(reviewSchema.safeParse({ decision: "publish" }).success).toBe(false);
  });
});

describe("form schemas (conform)", () => {
  function form(entries: Array<[string, string]>) {
    const fd = new FormData();
    for (const [k, v] of entries) fd.append(k, v);
    return fd;
  }
  test("result form: 万元 → fen exactly, keywords from one line, patents one per line, contact fields", () => {
    const s = parseWithZod(
      form([
        ["title", "硬质合金刀具PVD涂层"],
        ["summary", "简介"],
        ["field", "tungsten"],
        ["maturity", "industrial"],
        ["transferModes", "license"],
        ["transferModes", "service"],
        ["priceWan", "12.34"],
        ["keywords", "钨钢, 刀具，涂层、刀具"],
        ["patentNumbers", "ZL1\r\nZL2\n"],
        ["contactEmail", "a@b.cn"],
      ]),
      { schema: resultFormSchema },
    );
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value).toMatchObject({
      priceFen: 12_340_000,
      keywords: ["钨钢", "刀具", "涂层"],
      patentNumbers: ["ZL1", "ZL2"],
      transferModes: ["license", "service"],
      contact: { name: "", phone: "", email: "a@b.cn" },
    });
  });
  test("result form: empty price is 面议, a price with units is refused on its field", () => {
    const base: Array<[string, string]> = [
      ["title", "t"],
      ["summary", "s"],
      ["field", "other"],
      ["maturity", "lab"],
      ["transferModes", "license"],
    ];
    const ok = parseWithZod(form([...base, ["priceWan", ""]]), { schema: resultFormSchema });
    expect(ok.status === "success" && ok.value.priceFen).toBeNull();
    const bad = parseWithZod(form([...base, ["priceWan", "100万"]]), { schema: resultFormSchema });
    expect(bad.status).toBe("error");
    expect(bad.status === "error" && bad.error?.priceWan?.[0]).toMatch(/万元/);
  });
  test("need form: date input and empty optional fields", () => {
    const s = parseWithZod(
      form([
        ["title", "t"],
        ["description", "d"],
        ["field", "other"],
        ["deadline", "2030-01-31"],
        ["budgetWan", "5"],
        ["cooperationMode", ""],
      ]),
      { schema: needFormSchema },
    );
    expect(s.status === "success" && s.value).toMatchObject({
      deadline: "2030-01-31",
      budgetFen: 5_000_000,
      cooperationMode: null,
    });
  });
  test("a price above the one money ceiling is refused in words", () => {
    const base: Array<[string, string]> = [
      ["title", "t"],
      ["summary", "s"],
      ["field", "other"],
      ["maturity", "lab"],
      ["transferModes", "license"],
    ];
    const big = parseWithZod(form([...base, ["priceWan", "1000001"]]), { schema: resultFormSchema });
    expect(big.status === "error" && big.error?.priceWan?.[0]).toMatch(/100 亿元/);
  });
});

describe("list query", () => {
  const p = (s: string) => parseListingQuery(new URLSearchParams(s));
  test("defaults, repeated and comma-separated values, region groups", () => {
    const q = p("field=tungsten,rare_earth&field=software&regionCode=bay_area");
    expect(q.ok && q.query).toMatchObject({ page: 1, pageSize: 20, field: ["tungsten", "rare_earth", "software"] });
    expect(q.ok && q.query.regionCode).toContain("810000");
  });
  test.each([
    ["pageSize=101", "pageSize"],
    ["pageSize=0", "pageSize"],
    ["page=0", "page"],
    ["page=1.5", "page"],
    ["page=abc", "page"],
    ["field=x", "field"],
    ["maturity=x", "maturity"],
    ["transferMode=x", "transferMode"],
    ["orgKind=x", "orgKind"],
    ["regionCode=000000", "regionCode"],
    ["sort=x", "sort"],
    ["status=live", "status"],
    ["priceMinFen=-1", "priceMinFen"],
    ["priceMinFen=10&priceMaxFen=5", "priceMaxFen"],
  ])("%s → 400 naming %s", (query, field) => {
    const q = p(query);
    expect(q.ok).toBe(false);
    if (!q.ok) expect(Object.keys(q.fields)).toContain(field);
  });
  test("pages take money in 万元", () => {
    const q = parseListingQuery(new URLSearchParams("priceMin=10&priceMax=50.5"), "wan");
    expect(q.ok && [q.query.priceMinFen, q.query.priceMaxFen]).toEqual([10_000_000, 50_500_000]);
  });
  test("very long queries are cut, not refused", () => {
    const q = p(`q=${"钨".repeat(2000)}`);
    expect(q.ok && q.query.q.length).toBe(200);
  });
});
