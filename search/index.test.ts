import { expect, test } from "vitest";
import { prisma } from "../app/db/db.server.ts";
import { searchListings } from "./index.server.ts";

test("first engine: finds substrings, escapes highlights, filters by status", async () => {
  const org = await prisma.organization.create({
    data: { name: "江西理工大学", kind: "university", creditCode: "T0000000000000001", regionCode: "360702" },
  });
  const mk = (title: string, summary: string, status: "published" | "draft" = "published") =>
    prisma.result.create({
      data: { organizationId: org.id, title, summary, keywords: [], field: "rare_earth", maturity: "lab", status, publishedAt: new Date() },
    });
  const a = await mk("晶界扩散提高钕铁硼矫顽力 <script>alert(1)</script>", "NdFeB 永磁体");
  await mk("硬质合金刀具涂层", "钨钢");
  await mk("钕铁硼草稿", "x", "draft");
  const r = await searchListings({ kind: "result", q: "ＮＤＦＥＢ", page: 1, pageSize: 10 });
  expect(r.ids).toEqual([a.id]);
  const h = await searchListings({ kind: "result", q: "钕铁硼", page: 1, pageSize: 10 });
  expect(h.ids).toEqual([a.id]);
  expect(h.highlights[a.id]!.title).toBe("晶界扩散提高<mark>钕铁硼</mark>矫顽力 &lt;script&gt;alert(1)&lt;/script&gt;");
  for (const q of ["", "\" OR 1=1 --", "NEAR(", "*", ":", "😀", "%", "_"]) {
    await expect(searchListings({ kind: "result", q, page: 1, pageSize: 10 })).resolves.toBeTruthy();
  }
});
