import { expect, test } from "vitest";
import { auditHistory } from "../../app/audit/audit.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as collection from "../../app/routes/api.v1.needs.ts";
import * as item from "../../app/routes/api.v1.needs.$id.ts";
import * as review from "../../app/routes/api.v1.needs.$id.review.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";

const valid = {
  title: "磁钢高温后磁力变弱",
  description: "电机在 150℃ 工作半小时后磁力明显下降，希望找到耐高温的永磁材料方案。",
  targetIndicators: "150℃ 下退磁率 < 5%",
  keywords: ["永磁", "耐高温"],
  field: "rare_earth",
  budgetFen: 80_000_000,
  deadline: "2030-06-30",
  cooperationMode: "joint_development",
  contact: { name: "王工", phone: "13800000000", email: "wang@example.com" },
};

const create = (token: string | undefined, body: unknown) =>
  call(collection.action, apiRequest("POST", "/api/v1/needs", { token, body }));

test("a company posts a need with budget, deadline and cooperation mode; the API shape is the contract", async () => {
  const company = await makeCaller("company");
  const bureau = await makeCaller("bureau");
  const r = await create(company.token, { ...valid, submit: true });
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({
    title: valid.title,
    description: valid.description,
    targetIndicators: valid.targetIndicators,
    field: "rare_earth",
    budgetFen: 80_000_000,
    deadline: "2030-06-30",
    cooperationMode: "joint_development",
    status: "pending_review",
    organization: { id: company.org!.id, regionCode: "360702" },
  });
  const approved = await call(
    review.action,
    apiRequest("POST", `/api/v1/needs/${r.body.id}/review`, { token: bureau.token, body: { decision: "approve" } }),
    { id: r.body.id },
  );
  expect(approved.body.status).toBe("published");
  const got = await call(item.loader, apiRequest("GET", `/api/v1/needs/${r.body.id}`), { id: r.body.id });
  expect(got.body.deadline).toBe("2030-06-30");

  const listed = await call(
    collection.loader,
    apiRequest(
      "GET",
      `/api/v1/needs?q=${encodeURIComponent("磁力")}&transferMode=joint_development&organizationId=${company.org!.id}`,
    ),
  );
  expect(listed.status).toBe(200);
  expect(listed.body.total).toBe(1);
  expect(listed.body.items[0].highlight.title).toContain("<mark>磁力</mark>");

  // budget null = 面议; deadline cleared
  const patched = await call(
    item.action,
    apiRequest("PATCH", `/api/v1/needs/${r.body.id}`, {
      token: company.token,
      body: { budgetFen: null, deadline: null },
    }),
    { id: r.body.id },
  );
  expect(patched.body).toMatchObject({ budgetFen: null, deadline: null, status: "pending_review" });
  const events = await auditHistory("need", r.body.id);
  expect(events.at(-2)).toMatchObject({
    action: "update",
    before: { budgetFen: 80_000_000, deadline: "2030-06-30T00:00:00.000Z" },
    after: { budgetFen: null, deadline: null },
  });
});

test("need validation: impossible dates, money strings and fractions, unknown modes, missing fields", async () => {
  const company = await makeCaller("company");
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...valid, deadline: "2025-02-30" }, "deadline"],
    [{ ...valid, deadline: "2025/06/30" }, "deadline"],
    [{ ...valid, deadline: "tomorrow" }, "deadline"],
    [{ ...valid, budgetFen: "100万" }, "budgetFen"],
    [{ ...valid, budgetFen: 0.5 }, "budgetFen"],
    [{ ...valid, budgetFen: -100 }, "budgetFen"],
    [{ ...valid, cooperationMode: "barter" }, "cooperationMode"],
    [{ ...valid, description: undefined }, "description"],
    [{ ...valid, title: 42 }, "title"],
    [{ ...valid, targetIndicators: "x".repeat(2001) }, "targetIndicators"],
  ];
  for (const [body, field] of cases) {
    const r = await create(company.token, body);
    expect(r.status, field).toBe(400);
    expect(r.body.error.fields, JSON.stringify(r.body.error)).toHaveProperty(field);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff].*\/ [A-Za-z]/);
  }
  expect(await prisma.need.count({ where: { organizationId: company.org!.id } })).toBe(0);
});

test("a researcher cannot create a need, a company cannot create a result, an unverified company cannot submit", async () => {
  const researcher = await makeCaller("researcher");
  const r = await create(researcher.token, valid);
  expect(r.status).toBe(403);
  expect(r.body.error.message).toMatch(/企业.*\/.*company/i);

  const unverified = await makeCaller("company", { org: await makeOrg({ kind: "enterprise", verified: false }) });
  expect((await create(unverified.token, { ...valid, submit: true })).status).toBe(403);
  const draft = await create(unverified.token, valid);
  expect(draft.status).toBe(201);
});
