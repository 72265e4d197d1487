import { expect, test } from "vitest";
import type pg from "pg";
import * as needs from "../../app/routes/api.v1.needs.ts";
import * as needItem from "../../app/routes/api.v1.needs.$id.ts";
import * as needReview from "../../app/routes/api.v1.needs.$id.review.ts";
import * as results from "../../app/routes/api.v1.results.ts";
import * as resultItem from "../../app/routes/api.v1.results.$id.ts";
import * as resultReview from "../../app/routes/api.v1.results.$id.review.ts";
import { apiRequest, call, makeCaller, publishedResult } from "../factories.ts";

// Lists load their rows with plain SQL (app/listings/list.server.ts), the item endpoints through
// Prisma: the same listing must serialise to the same object either way (money, dates, arrays,
// nulls, the organization), whatever the process's time zone.
test("a listed result and need are exactly what their item endpoints return", async () => {
  const previousTz = process.env.TZ;
  process.env.TZ = "Asia/Shanghai";
  try {
    const researcher = await makeCaller("researcher");
    const company = await makeCaller("company");
    const bureau = await makeCaller("bureau");

    const r = await call(
      results.action,
      apiRequest("POST", "/api/v1/results", {
        token: researcher.token,
        body: {
          title: "硬质合金刀具PVD涂层 list-rows",
          summary: "AlTiN 涂层使刀具寿命提高 2 倍。",
          keywords: ["刀具", "PVD"],
          field: "tungsten",
          maturity: "pilot",
          transferModes: ["license"],
          priceFen: 12_345_678_901,
          patentNumbers: [],
          contact: { name: "周老师", phone: "", email: "" },
          submit: true,
        },
      }),
    );
    expect(r.status).toBe(201);
    const rid = r.body.id as string;
    expect(
      (
        await call(
          resultReview.action,
          apiRequest("POST", `/api/v1/results/${rid}/review`, { token: bureau.token, body: { decision: "approve" } }),
          { id: rid },
        )
      ).status,
    ).toBe(200);

    const n = await call(
      needs.action,
      apiRequest("POST", "/api/v1/needs", {
        token: company.token,
        body: {
          title: "刀片磨损太快 list-rows",
          description: "不锈钢加工时刀片半天就要换。",
          keywords: [],
          field: "tungsten",
          deadline: "2031-01-01",
          contact: { name: "王工", phone: "13800000000", email: "wang@example.com" },
          submit: true,
        },
      }),
    );
    expect(n.status).toBe(201);
    const nid = n.body.id as string;
    expect(
      (
        await call(
          needReview.action,
          apiRequest("POST", `/api/v1/needs/${nid}/review`, { token: bureau.token, body: { decision: "approve" } }),
          { id: nid },
        )
      ).status,
    ).toBe(200);

    const listedResult = (
      await call(results.loader, apiRequest("GET", `/api/v1/results?organizationId=${researcher.org!.id}`))
    ).body.items[0];
    const itemResult = await call(resultItem.loader, apiRequest("GET", `/api/v1/results/${rid}`), { id: rid });
    expect(listedResult).toEqual(itemResult.body);
    expect(listedResult.priceFen).toBe(12_345_678_901);

    const listedNeed = (await call(needs.loader, apiRequest("GET", `/api/v1/needs?organizationId=${company.org!.id}`)))
      .body.items[0];
    const itemNeed = await call(needItem.loader, apiRequest("GET", `/api/v1/needs/${nid}`), { id: nid });
    expect(listedNeed).toEqual(itemNeed.body);
    expect(listedNeed).toMatchObject({ deadline: "2031-01-01", budgetFen: null, cooperationMode: null });
  } finally {
    if (previousTz === undefined) delete process.env.TZ;
    else process.env.TZ = previousTz;
  }
});

// The list API keeps whole responses in the search cache (app/listings/api.server.ts).
test("a cached list response never shows a withdrawn listing and follows edits of what it shows", async () => {
  const { waitForCacheListener } = await import("../../search/cache.server.ts");
  expect(await waitForCacheListener()).toBe(true);
  const { prisma } = await import("../../app/db/db.server.ts");
  const researcher = await makeCaller("researcher");
  const org = researcher.org!.id;
  const make = (title: string) => publishedResult(org, title, { summary: "缓存", contactPhone: "0797-1" });
  const a = await make("整页缓存一号");
  const b = await make("整页缓存二号");
  const list = async () =>
    (await call(results.loader, apiRequest("GET", `/api/v1/results?q=${encodeURIComponent("整页缓存")}`))).body;
  const until = async (ok: (body: Awaited<ReturnType<typeof list>>) => boolean) => {
    let body = await list();
    for (let i = 0; i < 50 && !ok(body); i++) {
      await new Promise((r) => setTimeout(r, 20));
      body = await list();
    }
    return body;
  };

  expect((await list()).items.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
  await list(); // now served from the cache

  // withdrawn: gone from the very next request, notification or not
  await prisma.result.update({ where: { id: a.id }, data: { status: "withdrawn" } });
  const afterWithdrawal = await list();
  expect(afterWithdrawal.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
  expect(afterWithdrawal.total).toBe(1);

  // a contact edit is not a search change, yet the cached page shows it once the commit's
  // notification is in (milliseconds)
  await list();
  await prisma.result.update({ where: { id: b.id }, data: { contactPhone: "0797-2" } });
  const edited = await until((body) => body.items[0]?.contact.phone === "0797-2");
  expect(edited.items[0].contact.phone).toBe("0797-2");

  await prisma.organization.update({ where: { id: org }, data: { name: "改名后的机构" } });
  const renamed = await until((body) => body.items[0]?.organization.name === "改名后的机构");
  expect(renamed.items[0].organization.name).toBe("改名后的机构");
});

// A cached page of published listings is served only after the in-process index, checked after the
// request arrived, is found unchanged since the page was computed (search/memory-sync.server.ts
// stillAt) — not on the commit's notification, which may still be in flight when the writer's
// next request arrives. The notifications are held back here to make that instant last.
test("a cached page is current before the commit's notification arrives", async () => {
  const { waitForCacheListener } = await import("../../search/cache.server.ts");
  const { memoryIndexReady } = await import("../../search/memory-sync.server.ts");
  expect(await waitForCacheListener()).toBe(true);
  const { prisma } = await import("../../app/db/db.server.ts");
  const researcher = await makeCaller("researcher");
  const make = (title: string) => publishedResult(researcher.org!.id, title, { summary: "通知之前" });
  const a = await make("通知前缓存一号");
  const b = await make("通知前缓存二号");
  expect(await memoryIndexReady()).toBe(true);
  const list = async () =>
    (await call(results.loader, apiRequest("GET", `/api/v1/results?q=${encodeURIComponent("通知前缓存")}`))).body;
  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id).sort();
  expect(ids(await list())).toEqual([a.id, b.id].sort());
  expect(ids(await list())).toEqual([a.id, b.id].sort()); // from the cache

  const listener = (globalThis as unknown as { __searchCache: { client: pg.Client } }).__searchCache.client;
  const held = listener.listeners("notification") as Array<(...args: unknown[]) => void>;
  listener.removeAllListeners("notification");
  try {
    await prisma.result.update({ where: { id: a.id }, data: { status: "withdrawn" } });
    const afterWithdrawal = await list();
    expect(ids(afterWithdrawal)).toEqual([b.id]);
    expect(afterWithdrawal.total).toBe(1);
    expect(ids(await list())).toEqual([b.id]); // the page computed after the change, cached

    await prisma.result.update({ where: { id: b.id }, data: { title: "通知前缓存二号改" } });
    expect((await list()).items[0].title).toBe("通知前缓存二号改");
    await prisma.result.update({ where: { id: a.id }, data: { status: "published" } });
    expect(ids(await list())).toEqual([a.id, b.id].sort());
  } finally {
    for (const h of held) listener.on("notification", h);
  }
});

// The list API's items are JSON made by PostgreSQL (app/listings/list-json.server.ts): byte for
// byte what JSON.stringify makes of the item endpoint's shape, escapes, nulls and highlights included.
test("listed items are the item endpoints' JSON byte for byte, with the highlight as the last key", async () => {
  const { prisma } = await import("../../app/db/db.server.ts");
  const { resultJson, needJson, resultInclude, needInclude } = await import("../../app/listings/serialize.server.ts");
  const { highlightListing } = await import("../../search/highlight.ts");
  const researcher = await makeCaller("researcher");
  const odd = `引号"与\\反斜杠\t制表\n换行 😀 <b>&'x'</b> \u0001 字节顺序`;
  const r = await prisma.result.create({
    data: {
      organizationId: researcher.org!.id,
      title: `逐字节一致 ${odd}`,
      summary: `摘要 ${odd}`,
      keywords: ["逐字节", odd],
      field: "other",
      maturity: "lab",
      transferModes: [],
      priceFen: 9_007_199_254_740_991n,
      status: "published",
      publishedAt: new Date("2026-03-04T05:06:07.089Z"),
    },
    include: resultInclude,
  });
  const n = await prisma.need.create({
    data: {
      organizationId: researcher.org!.id,
      title: `逐字节一致需求 ${odd}`,
      description: `描述 ${odd}`,
      targetIndicators: `指标 ${odd}`,
      keywords: [],
      field: "other",
      deadline: new Date("2031-02-03T00:00:00Z"),
      status: "published",
      publishedAt: new Date("2026-03-04T05:06:07Z"),
    },
    include: needInclude,
  });
  const raw = async (handler: typeof results.loader, path: string) =>
    (await (handler({ request: apiRequest("GET", path), params: {} }) as Promise<Response>)).text();
  const org = researcher.org!.id;
  expect(await raw(results.loader, `/api/v1/results?organizationId=${org}`)).toContain(JSON.stringify(resultJson(r)));
  expect(await raw(needs.loader, `/api/v1/needs?organizationId=${org}`)).toContain(JSON.stringify(needJson(n)));
  const q = encodeURIComponent("逐字节一致");
  const searched = await raw(results.loader, `/api/v1/results?q=${q}&organizationId=${org}`);
  const highlight = highlightListing(r.title, r.summary, ["逐字节一致"]);
  expect(searched).toContain(JSON.stringify({ ...resultJson(r), highlight }));
  expect(JSON.parse(searched).items[0].highlight.title).toContain("<mark>逐字节一致</mark>");
});
