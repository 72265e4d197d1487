// The dashboard's "My results" and "My needs" sections: the organization's own listings only, counted
// by status, the latest first, and shown to the roles that may create that kind.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as dashboard from "../../app/routes/dashboard._index.tsx";
import { makeCaller } from "../factories.ts";
import { cookieFor } from "../support/pages.ts";
import { formRequest, run } from "./auth-helpers.ts";

type Section = {
  id: string;
  data: { counts: Record<string, number>; items: Array<{ title: string; status: string }> };
};

async function sections(userId: string) {
  const outcome = await run(
    dashboard.loader,
    formRequest("/dashboard", {}, { method: "GET", cookie: await cookieFor(userId) }),
  );
  expect(outcome.status).toBe(200);
  return outcome.data.sections as Section[];
}

const result = (organizationId: string, title: string, status: "draft" | "published", updatedAt: Date) =>
  prisma.result.create({
    data: {
      organizationId,
      title,
      summary: "摘要",
      keywords: [],
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["license"],
      status,
      updatedAt,
    },
  });
const need = (organizationId: string, title: string, status: "draft" | "published", updatedAt: Date) =>
  prisma.need.create({
    data: {
      organizationId,
      title,
      description: "说明",
      keywords: [],
      field: "agriculture",
      contactEmail: "a@example.cn",
      status,
      updatedAt,
    },
  });

test("a broker sees its organization's results and needs by status, latest first; others' are not counted", async () => {
  const broker = await makeCaller("broker");
  const other = await makeCaller("broker");
  const org = broker.org!.id;
  await result(org, "稀土永磁旧成果", "published", new Date(Date.now() - 60_000));
  await result(org, "稀土永磁新成果", "draft", new Date());
  await need(org, "脐橙保鲜需求", "published", new Date());
  await result(other.org!.id, "别家的成果", "published", new Date());

  const shown = await sections(broker.user.id);
  const results = shown.find((s) => s.id === "myResults")!.data;
  expect(results.counts).toEqual({ published: 1, draft: 1 });
  expect(results.items.map((i) => i.title)).toEqual(["稀土永磁新成果", "稀土永磁旧成果"]);
  const needs = shown.find((s) => s.id === "myNeeds")!.data;
  expect(needs.counts).toEqual({ published: 1 });
  expect(needs.items.map((i) => [i.title, i.status])).toEqual([["脐橙保鲜需求", "published"]]);
});

test("a researcher has no needs section and a company no results section", async () => {
  const researcher = await makeCaller("researcher");
  const company = await makeCaller("company");
  const ids = async (userId: string) => (await sections(userId)).map((s) => s.id);
  expect(await ids(researcher.user.id)).toContain("myResults");
  expect(await ids(researcher.user.id)).not.toContain("myNeeds");
  expect(await ids(company.user.id)).toContain("myNeeds");
  expect(await ids(company.user.id)).not.toContain("myResults");
});
