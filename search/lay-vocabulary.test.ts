// The lay-to-technical vocabulary (search/thesaurus/lay-vocabulary.json): company owners' words for a
// problem reach results written in researchers' words, across fields, and the reasons name the bridge.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../app/db/db.server.ts";
import { makeOrg } from "../tests/factories.ts";
import { matchesForNeed } from "./matching.server.ts";
import { normalizeText } from "./normalize.ts";
import { mergeThesauri, thesaurus, type ThesaurusFile } from "./thesaurus.ts";

const ids: Record<string, string> = {};
let company: { id: string };

beforeAll(async () => {
  const uni = await makeOrg({ name: "江西农业大学（测试）", kind: "university" });
  company = await makeOrg({ name: "兴国县某渔业合作社（测试）", kind: "enterprise" });
  const results: Array<[string, string, string, string[], string]> = [
    [
      "oxygen",
      "池塘养殖溶解氧在线监测与智能增氧控制系统",
      "荧光法溶解氧传感器在线监测，预测低氧风险并联动增氧机，避免缺氧泛塘。",
      ["溶解氧", "智能增氧", "水质监测"],
      "software",
    ],
    [
      "moldflow",
      "基于模流分析的注塑件外观缺陷诊断与工艺优化",
      "模拟充填与保压，优化熔体温度、注射速度与保压曲线，消除流痕与缩痕。",
      ["模流分析", "流痕", "缩痕"],
      "new_materials",
    ],
    [
      "noise",
      "工业车间噪声源识别与综合降噪技术",
      "声学相机定位噪声源，隔声罩、吸声与减振基础综合治理，车间噪声降低15 dB(A)。",
      ["降噪", "隔声", "减振"],
      "energy_env",
    ],
    ["citrus", "脐橙采后绿色保鲜技术", "生物保鲜剂与冷链贮藏，延长脐橙贮藏期。", ["脐橙保鲜", "贮藏"], "agriculture"],
    [
      "fluoride",
      "萤石制备高纯氟化物技术",
      "赣南萤石多以初级氟化盐外销；以萤石精矿为原料制备电子级氢氟酸与高纯氟化物，附加值高。",
      ["萤石", "氟化工", "氢氟酸"],
      "new_materials",
    ],
    [
      "lotus",
      "白莲精深加工与高值化利用技术",
      "以白莲为原料开发莲子粉、莲子饮品等精深加工产品，提高附加值。",
      ["白莲", "精深加工", "高附加值"],
      "agriculture",
    ],
  ];
  for (const [key, title, summary, keywords, field] of results) {
    const row = await prisma.result.create({
      data: {
        organizationId: uni.id,
        title,
        summary,
        keywords,
        field,
        maturity: "pilot",
        transferModes: ["license"],
        status: "published",
        publishedAt: new Date(),
      },
    });
    ids[key] = row.id;
  }
});

async function lay(title: string, description: string, field: string) {
  const n = await prisma.need.create({
    data: {
      organizationId: company.id,
      title,
      description,
      targetIndicators: "",
      keywords: [],
      field,
      status: "published",
      publishedAt: new Date(),
    },
  });
  return matchesForNeed(n.id, { limit: 5 });
}

describe("lay words reach technical results", () => {
  test("翻塘死鱼 → dissolved-oxygen monitoring, in another field than the one the company picked", async () => {
    const m = await lay(
      "鱼塘一到夏天就翻塘死鱼",
      "夏天闷热的晚上鱼浮在水面张嘴，第二天早上死一大片，半夜要起来开机器。",
      "agriculture",
    );
    expect(m[0]?.id).toBe(ids.oxygen);
    expect(m[0]!.reasons.join(" | ")).toMatch(/概念：水产养殖水质与增氧（(翻塘|死鱼|鱼塘)/);
  });

  test("塑料件表面有花纹、缩坑 → mould-flow analysis; 车间吵得听不见说话 → noise control", async () => {
    const plastic = await lay(
      "塑料件表面总有一道道花纹",
      "注塑出来的外壳表面有一条条像水波一样的纹路，有的地方缩进去一个坑。",
      "new_materials",
    );
    expect(plastic[0]?.id).toBe(ids.moldflow);
    const noise = await lay("车间机器吵得听不见说话", "冲床和空压机一开，整个车间吵得人说话都要喊。", "equipment");
    expect(noise[0]?.id).toBe(ids.noise);
    expect(noise[0]!.reasons.join(" | ")).toContain("振动与噪声");
  });

  test("a need that shares nothing with a result does not match it", async () => {
    const m = await lay("车间机器吵得听不见说话", "冲床和空压机一开，整个车间吵得人说话都要喊。", "equipment");
    expect(m.map((x) => x.id)).not.toContain(ids.citrus);
  });
});

describe("a modifier concept (卖不上价 → 高值化) counts only beside a shared subject", () => {
  test("萤石粉卖不上价 reaches fluoride chemistry, not the food processing that merely adds value too", async () => {
    const m = await lay(
      "萤石粉卖不上价",
      "我们把萤石磨成粉卖，利润很薄，想知道能不能往更值钱的产品做。",
      "new_materials",
    );
    expect(m[0]?.id).toBe(ids.fluoride);
    expect(m[0]!.reasons.join(" | ")).toMatch(/概念：产品高值化/);
    // what the lotus result shares with it is the wish for more value only (and the bigram 产品)
    const lotus = m.find((x) => x.id === ids.lotus);
    expect(lotus?.reasons ?? []).not.toContainEqual(expect.stringMatching(/产品高值化/));
    expect(lotus?.score ?? 0).toBeLessThan(0.2);
  });

  test("the same phrase about lotus seeds reaches lotus processing, the reasons naming the bridge", async () => {
    const m = await lay("白莲卖不上价", "我们种的白莲只能卖干莲子，价格一年比一年低。", "agriculture");
    expect(m[0]?.id).toBe(ids.lotus);
    expect(m[0]!.reasons.join(" | ")).toMatch(/概念：产品高值化（卖不上价 → /);
    const fluoride = m.find((x) => x.id === ids.fluoride);
    expect(fluoride?.reasons ?? []).not.toContainEqual(expect.stringMatching(/产品高值化/));
    expect(fluoride?.score ?? 0).toBeLessThan(0.2);
  });
});

describe("the merged thesaurus", () => {
  test("the lay file's forms join the domain concepts they name, and the version names both files", () => {
    const th = thesaurus();
    expect(th.version).toMatch(/^\d+\.\d+\.\d+\+lay\.\d+\.\d+\.\d+$/);
    const hits = th.findForms(normalizeText("鱼塘翻塘死鱼")).flatMap((f) => f.hits.map((h) => h.conceptId));
    expect(hits).toContain("aquaculture_oxygen");
    // an existing concept keeps its own forms and gains the lay ones
    const coercivity = th.concepts.get("coercivity")!;
    expect(coercivity.colloquial).toContain(normalizeText("掉磁"));
    expect(coercivity.terms).toContain(normalizeText("退磁"));
  });

  test("mergeThesauri unions forms and links of a shared id and adds new ids", () => {
    const base: ThesaurusFile = {
      version: "1.0.0",
      concepts: [{ id: "a", label: "A", terms: ["甲"], colloquial: ["口语甲"], related: ["b"] }],
    };
    const extra: ThesaurusFile = {
      version: "2.0.0",
      concepts: [
        { id: "a", label: "A2", terms: ["甲", "甲甲"], colloquial: ["另一种说法"], related: ["c"] },
        { id: "c", label: "C", terms: ["丙"], colloquial: [] },
      ],
    };
    const merged = mergeThesauri(base, extra);
    expect(merged.version).toBe("1.0.0+lay.2.0.0");
    const a = merged.concepts.find((c) => c.id === "a")!;
    expect(a.label).toBe("A");
    expect(a.terms).toEqual(["甲", "甲甲"]);
    expect(a.colloquial).toEqual(["口语甲", "另一种说法"]);
    expect(a.related).toEqual(["b", "c"]);
    expect(merged.concepts.map((c) => c.id)).toEqual(["a", "c"]);
  });
});
