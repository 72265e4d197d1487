// Matching both ways, its API routes, and the match alerts with their once-a-day digest.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../app/db/db.server.ts";
import { loader as needMatches } from "../app/routes/api.v1.needs.$id.matches.ts";
import { loader as resultMatches } from "../app/routes/api.v1.results.$id.matches.ts";
import { loader as suggestRoute } from "../app/routes/api.v1.search.suggest.ts";
import { apiRequest, call, makeCaller, makeOrg, makeUser } from "../tests/factories.ts";
import { onListingPublished, scanNewPublications, sendMatchDigests } from "./alerts.server.ts";
import { matchesForNeed, matchesForResult } from "./matching.server.ts";

let uni: { id: string };
let company: { id: string };
const r: Record<string, string> = {};

async function result(
  key: string,
  title: string,
  summary: string,
  keywords: string[],
  field: string,
  status: "published" | "draft" = "published",
) {
  const row = await prisma.result.create({
    data: {
      organizationId: uni.id,
      title,
      summary,
      keywords,
      field,
      maturity: "pilot",
      transferModes: ["license"],
      status,
      publishedAt: status === "published" ? new Date() : null,
    },
  });
  r[key] = row.id;
  return row.id;
}

async function need(
  title: string,
  description: string,
  field: string,
  opts: { indicators?: string; status?: "published" | "draft"; org?: string; deadline?: Date } = {},
) {
  return prisma.need.create({
    data: {
      organizationId: opts.org ?? company.id,
      title,
      description,
      targetIndicators: opts.indicators ?? "",
      keywords: [],
      field,
      status: opts.status ?? "published",
      publishedAt: (opts.status ?? "published") === "published" ? new Date() : null,
      deadline: opts.deadline ?? null,
    },
  });
}

beforeAll(async () => {
  uni = await makeOrg({ name: "江西理工大学（测试）", kind: "university" });
  company = await makeOrg({ name: "赣州某磁材公司（测试）", kind: "enterprise" });
  await result(
    "gbd",
    "晶界扩散重稀土提高烧结钕铁硼矫顽力成套工艺",
    "通过在磁体表面涂覆镝铽并热处理，使重稀土沿晶界扩散，内禀矫顽力提高30%以上，高温不可逆损失显著降低。",
    ["钕铁硼", "矫顽力", "晶界扩散"],
    "rare_earth",
  );
  await result(
    "coating",
    "烧结钕铁硼磁体Ni-Cu-Ni复合镀防护涂层",
    "提高磁体耐腐蚀性能，盐雾试验超过200小时。",
    ["表面防护", "电镀"],
    "rare_earth",
  );
  await result(
    "pvd",
    "硬质合金刀具AlTiN PVD涂层技术",
    "在硬质合金刀片表面沉积AlTiN涂层，刀具寿命提高2倍，抗崩刃。",
    ["硬质合金", "PVD涂层", "刀具寿命"],
    "tungsten",
  );
  await result(
    "hlb",
    "柑橘黄龙病RPA-CRISPR快速检测技术",
    "田间30分钟检测黄龙病病原，适用于脐橙果园早期诊断和苗木检测。",
    ["黄龙病", "HLB", "快速检测"],
    "agriculture",
  );
  await result(
    "flu",
    "甲型流感病毒快速抗原检测试剂",
    "胶体金法检测甲流，15分钟出结果。",
    ["甲流", "检测试剂"],
    "biomedicine",
  );
  await result("draft", "钕铁硼矫顽力草稿", "未发布的成果", ["钕铁硼"], "rare_earth", "draft");
});

describe("need → results", () => {
  test("company words reach academic results, with shared terms and concepts as reasons", async () => {
    const n = await need(
      "磁钢高温后磁力变弱",
      "我们生产电机用磁钢，装机后高温运行一段时间磁力下降，想提高耐温性能。",
      "rare_earth",
      { indicators: "150℃不可逆损失<5%" },
    );
    const m = await matchesForNeed(n.id, { limit: 10 });
    expect(m[0]!.id).toBe(r.gbd);
    expect(m.map((x) => x.id)).not.toContain(r.draft);
    const reasons = m[0]!.reasons.join(" | ");
    expect(reasons).toMatch(/概念：永磁材料（磁钢 → /);
    expect(reasons).toMatch(/概念：矫顽力与热稳定性（磁力变弱 → /);
    expect(reasons).toContain("同一领域：稀土");
    expect(m[0]!.score).toBeGreaterThan(0.3);
    expect(m[0]!.score).toBeLessThanOrEqual(1);
    // unrelated fields stay out or far below
    const pvd = m.find((x) => x.id === r.pvd);
    expect(pvd?.score ?? 0).toBeLessThan(m[0]!.score / 2);
  });

  test("刀片磨损太快 → coated carbide tools; 叶子发黄 → HLB detection; 甲流 ↔ 流感", async () => {
    const tools = await matchesForNeed(
      (await need("刀片磨损太快", "数控刀片加工不锈钢时磨损快，经常崩刃，换刀频繁。", "tungsten")).id,
    );
    expect(tools[0]!.id).toBe(r.pvd);
    expect(tools[0]!.reasons.join(" ")).toMatch(/刀具|涂层|耐磨/);
    const leaves = await matchesForNeed(
      (await need("橙子树叶子发黄", "果园里脐橙树叶子发黄，担心是黄龙病，想尽快查出来。", "agriculture")).id,
    );
    expect(leaves[0]!.id).toBe(r.hlb);
    const flu = await matchesForNeed(
      (await need("流感检测试剂盒需求", "医院需要快速检测流感病毒的试剂。", "biomedicine")).id,
    );
    expect(flu[0]!.id).toBe(r.flu);
    expect(flu[0]!.reasons.join(" ")).toMatch(/流感/);
  });

  test("uses the need's whole text, not just its title", async () => {
    const n = await need("求合作", "我们的磁铁放久了表面生锈、镀层脱落，需要耐腐蚀的防护涂层技术。", "rare_earth");
    const m = await matchesForNeed(n.id);
    expect(m[0]!.id).toBe(r.coating);
  });
});

describe("result → needs", () => {
  test("finds the published, open needs the result answers", async () => {
    const open = await need("电机磁钢退磁问题", "高温下磁钢退磁，矫顽力不够。", "rare_earth");
    const draft = await need("磁钢退磁草稿", "高温退磁", "rare_earth", { status: "draft" });
    const expired = await need("磁钢退磁（已截止）", "高温退磁，矫顽力不够", "rare_earth", {
      deadline: new Date("2020-01-01"),
    });
    const m = await matchesForResult(r.gbd!, { limit: 50 });
    const ids = m.map((x) => x.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(expired.id);
  });
});

describe("API", () => {
  test("GET /api/v1/needs/:id/matches returns results with score and reasons; limit is validated", async () => {
    const n = await need("磁钢耐温性差", "磁钢高温后磁力变弱", "rare_earth");
    const ok = await call(needMatches, apiRequest("GET", `/api/v1/needs/${n.id}/matches?limit=3`), { id: n.id });
    expect(ok.status).toBe(200);
    expect(ok.body.items.length).toBeGreaterThan(0);
    expect(ok.body.items.length).toBeLessThanOrEqual(3);
    const first = ok.body.items[0];
    expect(first.result).toMatchObject({ id: r.gbd, status: "published", organization: { id: uni.id } });
    expect(typeof first.score).toBe("number");
    expect(Array.isArray(first.reasons)).toBe(true);
    for (const bad of ["0", "51", "abc", "-1", "1.5"]) {
      const res = await call(needMatches, apiRequest("GET", `/api/v1/needs/${n.id}/matches?limit=${bad}`), {
        id: n.id,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.fields.limit).toBeTruthy();
    }
    expect((await call(needMatches, apiRequest("GET", `/api/v1/needs/nope/matches`), { id: "nope" })).status).toBe(404);
    // someone else's draft need is not visible
    const draft = await need("草稿需求", "磁钢", "rare_earth", { status: "draft" });
    expect(
      (await call(needMatches, apiRequest("GET", `/api/v1/needs/${draft.id}/matches`), { id: draft.id })).status,
    ).toBe(404);
    const owner = await makeCaller("company", { org: company as never });
    expect(
      (
        await call(needMatches, apiRequest("GET", `/api/v1/needs/${draft.id}/matches`, { token: owner.token }), {
          id: draft.id,
        })
      ).status,
    ).toBe(200);
  });

  test("GET /api/v1/results/:id/matches returns needs", async () => {
    const res = await call(resultMatches, apiRequest("GET", `/api/v1/results/${r.gbd}/matches`), { id: r.gbd! });
    expect(res.status).toBe(200);
    expect(res.body.items[0].need).toMatchObject({ status: "published" });
    expect(res.body.items[0].need.organization.id).toBeTruthy();
  });

  test("GET /api/v1/search/suggest", async () => {
    const res = await call(suggestRoute, apiRequest("GET", `/api/v1/search/suggest?q=${encodeURIComponent("钕铁")}`));
    expect(res.status).toBe(200);
    expect(res.body.items.some((i: { kind: string }) => i.kind === "term")).toBe(true);
    expect(res.body.items.some((i: { id?: string }) => i.id === r.gbd)).toBe(true);
    expect((await call(suggestRoute, apiRequest("GET", `/api/v1/search/suggest?q=`))).body).toEqual({ items: [] });
    const long = await call(suggestRoute, apiRequest("GET", `/api/v1/search/suggest?q=${"a".repeat(101)}`));
    expect(long.status).toBe(400);
    expect(long.body.error.fields.q).toBeTruthy();
    expect((await call(suggestRoute, apiRequest("GET", `/api/v1/search/suggest?q=a&limit=99`))).status).toBe(400);
    for (const q of ["*", "😀", `" OR 1=1 --`, "NEAR(", ":"]) {
      expect(
        (await call(suggestRoute, apiRequest("GET", `/api/v1/search/suggest?q=${encodeURIComponent(q)}`))).status,
      ).toBe(200);
    }
  });
});

describe("match alerts", () => {
  test("a publication alerts the other side once per pair; one digest per user per day", async () => {
    const co = await makeOrg({ name: "赣州某电机厂（测试）", kind: "enterprise" });
    const u1 = await makeUser("company", co.id);
    const u2 = await makeUser("company", co.id);
    const researcher = await makeUser("researcher", uni.id);
    const n = await need("电机磁钢高温掉磁", "磁钢高温后磁力变弱，矫顽力不够，想提高耐温性。", "rare_earth", {
      org: co.id,
    });

    // a new result is published: the need's company is told, inside the publishing transaction
    const newResult = await prisma.$transaction(async (tx) => {
      const row = await tx.result.create({
        data: {
          organizationId: uni.id,
          title: "低重稀土高矫顽力钕铁硼磁体制备技术",
          summary: "晶界扩散减少镝铽用量，矫顽力高，耐高温退磁。",
          keywords: ["钕铁硼", "矫顽力"],
          field: "rare_earth",
          maturity: "pilot",
          transferModes: ["license"],
          status: "published",
          publishedAt: new Date(),
        },
      });
      const created = await onListingPublished(tx, "result", row.id);
      expect(created.length).toBeGreaterThan(0);
      return row;
    });
    const alerts = await prisma.matchAlert.findMany({ where: { resultId: newResult.id } });
    expect(alerts.map((a) => a.needId)).toContain(n.id);
    const notes = await prisma.notification.findMany({
      where: { userId: { in: [u1.id, u2.id] }, kind: "match_alert" },
    });
    expect(notes.filter((x) => x.userId === u1.id).some((x) => x.link === `/results/${newResult.id}`)).toBe(true);
    expect(notes.some((x) => x.userId === u2.id)).toBe(true);
    // stored in both languages; the listing titles are the users' own words in either
    const u1Note = notes.find((x) => x.userId === u1.id && x.link === `/results/${newResult.id}`)!;
    expect(u1Note.title).toMatch(
      /^您的需求“电机磁钢高温掉磁”有新的匹配成果：“低重稀土高矫顽力钕铁硼磁体制备技术”（匹配度 \d+%）$/,
    );
    expect(u1Note.titleEn).toMatch(
      /^A new result matches your need “电机磁钢高温掉磁”: “低重稀土高矫顽力钕铁硼磁体制备技术” \(\d+% match\)$/,
    );
    // the publishing side is not alerted about its own publication
    expect(await prisma.notification.count({ where: { userId: researcher.id, kind: "match_alert" } })).toBe(0);

    // the same pair again (hook called twice, then the background scan): no new alert
    const sameLink = { userId: u1.id, link: `/results/${newResult.id}` };
    expect(await prisma.notification.count({ where: sameLink })).toBe(1);
    await prisma.$transaction((tx) => onListingPublished(tx, "result", newResult.id));
    await prisma.appSetting.upsert({
      where: { key: "search.alerts.since" },
      create: { key: "search.alerts.since", value: new Date(Date.now() - 3_600_000).toISOString() },
      update: { value: new Date(Date.now() - 3_600_000).toISOString() },
    });
    await scanNewPublications();
    // (the scan may find other, new pairs for listings published in the last hour: those are fine)
    expect(await prisma.notification.count({ where: sameLink })).toBe(1);
    expect(await prisma.matchAlert.count({ where: { needId: n.id, resultId: newResult.id } })).toBe(1);

    // digests: one mail per user today, the rest waits for tomorrow; each in its reader's language
    await prisma.user.update({ where: { id: u2.id }, data: { locale: "en", localeChosen: true } });
    const now = new Date();
    await sendMatchDigests(now);
    const mails1 = await prisma.outboxMail.findMany({
      where: { kind: "match_digest", to: { in: [u1.email, u2.email] } },
    });
    expect(
      mails1.filter((m) => m.to === u1.email),
      JSON.stringify(mails1.map((m) => [m.to, m.subject, m.createdAt])),
    ).toHaveLength(1);
    expect(mails1.filter((m) => m.to === u2.email)).toHaveLength(1);
    const zhMail = mails1.find((m) => m.to === u1.email)!;
    const enMail = mails1.find((m) => m.to === u2.email)!;
    expect(zhMail.subject).toMatch(/^【赣州科技大市场】今日技术匹配提醒/);
    expect(zhMail.text).toContain("需求“电机磁钢高温掉磁”");
    expect(enMail.subject).toMatch(/^\[Ganzhou Technology Market\] Today's technology matches \(\d+\)$/);
    expect(enMail.text).toContain("Need “电机磁钢高温掉磁”");
    expect(enMail.text).not.toContain("您好");

    // another alert the same day: in-app at once, mail not before tomorrow
    const another = await prisma.result.create({
      data: {
        organizationId: uni.id,
        title: "钕铁硼磁钢热退磁抑制技术",
        summary: "提高磁钢耐温性，降低高温不可逆损失，矫顽力提升。",
        keywords: ["磁钢", "退磁"],
        field: "rare_earth",
        maturity: "pilot",
        transferModes: ["license"],
        status: "published",
        publishedAt: new Date(),
      },
    });
    await prisma.$transaction((tx) => onListingPublished(tx, "result", another.id));
    await sendMatchDigests(now);
    expect(await prisma.outboxMail.count({ where: { kind: "match_digest", to: u1.email } })).toBe(1);
    const pending = await prisma.matchAlertRecipient.count({ where: { userId: u1.id, mailedAt: null } });
    expect(pending).toBeGreaterThan(0);
    const tomorrow = new Date(now.getTime() + 24 * 3600_000);
    await sendMatchDigests(tomorrow);
    expect(await prisma.outboxMail.count({ where: { kind: "match_digest", to: u1.email } })).toBe(2);
    expect(await prisma.matchAlertRecipient.count({ where: { userId: u1.id, mailedAt: null } })).toBe(0);
    expect(await prisma.matchDigest.count({ where: { userId: u1.id } })).toBe(2);
  });

  test("a rolled-back publication leaves no alert", async () => {
    const co = await makeOrg({ kind: "enterprise" });
    await makeUser("company", co.id);
    await need("磁钢矫顽力不足", "高温退磁", "rare_earth", { org: co.id });
    let resultId = "";
    await expect(
      prisma.$transaction(async (tx) => {
        const row = await tx.result.create({
          data: {
            organizationId: uni.id,
            title: "钕铁硼矫顽力提升新方法",
            summary: "高温退磁抑制，矫顽力提升",
            keywords: ["钕铁硼"],
            field: "rare_earth",
            maturity: "lab",
            transferModes: [],
            status: "published",
            publishedAt: new Date(),
          },
        });
        resultId = row.id;
        expect((await onListingPublished(tx, "result", row.id)).length).toBeGreaterThan(0);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await prisma.matchAlert.count({ where: { resultId } })).toBe(0);
  });

  test("the background scan alerts publications made without the hook; its first run only sets the watermark", async () => {
    await prisma.appSetting.deleteMany({ where: { key: "search.alerts.since" } });
    expect(await scanNewPublications()).toBe(0);
    const co = await makeOrg({ kind: "enterprise" });
    await makeUser("company", co.id);
    const row = await prisma.need.create({
      data: {
        organizationId: co.id,
        title: "果园叶子发黄",
        description: "脐橙树叶子发黄，怀疑黄龙病，需要快速检测。",
        keywords: [],
        field: "agriculture",
        status: "published",
        publishedAt: new Date(),
      },
    });
    const researchersBefore = await prisma.notification.count({
      where: { kind: "match_alert", link: `/needs/${row.id}` },
    });
    await makeUser("researcher", uni.id);
    expect(await scanNewPublications()).toBeGreaterThan(0);
    expect(await prisma.matchAlert.count({ where: { needId: row.id, resultId: r.hlb } })).toBe(1);
    expect(
      await prisma.notification.count({ where: { kind: "match_alert", link: `/needs/${row.id}` } }),
    ).toBeGreaterThan(researchersBefore);
  });
});
