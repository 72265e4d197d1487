import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { settleMatchAlerts } from "../../search/alerts.server.ts";
import { auditHistory } from "../../app/audit/audit.server.ts";
import * as collection from "../../app/routes/api.v1.results.ts";
import * as item from "../../app/routes/api.v1.results.$id.ts";
import * as review from "../../app/routes/api.v1.results.$id.review.ts";
import * as withdraw from "../../app/routes/api.v1.results.$id.withdraw.ts";
import * as submit from "../../app/routes/api.v1.results.$id.submit.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";

const valid = {
  title: "晶界扩散重稀土提高钕铁硼矫顽力",
  summary: "通过晶界扩散镝、铽，在重稀土用量减少 60% 的情况下使烧结钕铁硼矫顽力提高 30%。",
  keywords: ["钕铁硼", "晶界扩散", "NdFeB"],
  field: "rare_earth",
  maturity: "pilot",
  transferModes: ["license", "joint_development"],
  priceFen: 50_000_000,
  patentNumbers: ["ZL202110123456.7"],
  contact: { name: "李老师", phone: "0797-1234567", email: "li@example.edu.cn" },
};

const create = (token: string | undefined, body: unknown) =>
  call(collection.action, apiRequest("POST", "/api/v1/results", { token, body }));
const get = (id: string, token?: string) =>
  call(item.loader, apiRequest("GET", `/api/v1/results/${id}`, { token }), { id });
const patch = (id: string, token: string, body: unknown) =>
  call(item.action, apiRequest("PATCH", `/api/v1/results/${id}`, { token, body }), { id });
const decide = (id: string, token: string, body: unknown) =>
  call(review.action, apiRequest("POST", `/api/v1/results/${id}/review`, { token, body }), { id });
const list = (query: string, token?: string) =>
  call(collection.loader, apiRequest("GET", `/api/v1/results${query}`, { token }));

test("a researcher creates a draft, submits it, the bureau approves it, and it appears publicly", async () => {
  const researcher = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");

  const created = await create(researcher.token, valid);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    title: valid.title,
    keywords: valid.keywords,
    field: "rare_earth",
    maturity: "pilot",
    transferModes: ["license", "joint_development"],
    priceFen: 50_000_000,
    status: "draft",
    organization: { id: researcher.org!.id, name: researcher.org!.name, regionCode: "360702" },
  });
  expect(typeof created.body.createdAt).toBe("string");
  const id = created.body.id as string;

  // not public yet
  expect((await get(id)).status).toBe(404);
  expect((await list("")).body.total).toBe(0);

  const submitted = await call(
    submit.action,
    apiRequest("POST", `/api/v1/results/${id}/submit`, { token: researcher.token }),
    { id },
  );
  expect(submitted.status).toBe(200);
  expect(submitted.body.status).toBe("pending_review");

  const approved = await decide(id, bureau.token, { decision: "approve" });
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe("published");
  expect(approved.body.publishedAt).not.toBeNull();

  const publicView = await get(id);
  expect(publicView.status).toBe(200);
  expect(publicView.body.status).toBe("published");
  const listed = await list("");
  expect(listed.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
  expect(listed.body.items[0].id).toBe(id);

  // history: create, submit, approve — who and what
  const history = await auditHistory("result", id);
  expect(history.map((e) => e.action)).toEqual(["create", "submit", "approve"]);
  expect(history[2]!.actorId).toBe(bureau.user.id);
  expect(history[2]!.before).toEqual({ status: "pending_review" });
  expect(history[2]!.after).toEqual({ status: "published" });

  // the creator is told
  const note = await prisma.notification.findFirst({ where: { userId: researcher.user.id } });
  expect(note?.kind).toBe("listing_approve");
  expect(await prisma.outboxMail.count({ where: { to: researcher.user.email } })).toBe(1);
});

test("submit:true on create goes straight to review; unverified organizations can draft but not submit", async () => {
  const verified = await makeCaller("researcher");
  const r = await create(verified.token, { ...valid, submit: true });
  expect(r.status).toBe(201);
  expect(r.body.status).toBe("pending_review");
  const row = await prisma.result.findUniqueOrThrow({ where: { id: r.body.id } });
  expect(row.submittedAt).not.toBeNull();

  const unverified = await makeCaller("researcher", { verified: false });
  const refused = await create(unverified.token, { ...valid, submit: true });
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("organization_unverified");
  expect(refused.body.error.message).toMatch(/认证.*\/.*verified/);
  expect(await prisma.result.count({ where: { organizationId: unverified.org!.id } })).toBe(0); // nothing half-written

  const draft = await create(unverified.token, valid);
  expect(draft.status).toBe(201);
  expect(draft.body.status).toBe("draft");
  const id = draft.body.id;
  const sub = await call(
    submit.action,
    apiRequest("POST", `/api/v1/results/${id}/submit`, { token: unverified.token }),
    { id },
  );
  expect(sub.status).toBe(403);
  expect(sub.body.error.code).toBe("organization_unverified");
  const viaPatch = await patch(id, unverified.token, { submit: true });
  expect(viaPatch.status).toBe(403);
  expect((await prisma.result.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
});

test("reject needs a reason, review only from pending_review (409), the rejected listing is edited and resubmitted", async () => {
  const researcher = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");
  const { body } = await create(researcher.token, { ...valid, submit: true });
  const id = body.id as string;

  const noReason = await decide(id, bureau.token, { decision: "reject" });
  expect(noReason.status).toBe(400);
  expect(noReason.body.error.fields.reason).toMatch(/理由/);
  const badDecision = await decide(id, bureau.token, { decision: "maybe" });
  expect(badDecision.status).toBe(400);
  expect(badDecision.body.error.fields.decision).toBeTruthy();

  const rejected = await decide(id, bureau.token, { decision: "reject", reason: "缺少专利证书 <b>请补充</b>" });
  expect(rejected.status).toBe(200);
  expect(rejected.body.status).toBe("rejected");
  expect(rejected.body.rejectionReason).toBe("缺少专利证书 <b>请补充</b>");

  const again = await decide(id, bureau.token, { decision: "approve" });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe("invalid_state");

  // edit without submit: still rejected; then resubmit
  const edited = await patch(id, researcher.token, { summary: "补充了专利证书。" });
  expect(edited.status).toBe(200);
  expect(edited.body.status).toBe("rejected");
  const resubmitted = await patch(id, researcher.token, { submit: true });
  expect(resubmitted.body.status).toBe("pending_review");
  expect(resubmitted.body.rejectionReason).toBeNull();
  expect((await decide(id, bureau.token, { decision: "approve" })).body.status).toBe("published");

  // editing a published listing sends it back to review and out of public view
  const republish = await patch(id, researcher.token, { priceFen: null });
  expect(republish.body.status).toBe("pending_review");
  expect(republish.body.priceFen).toBeNull();
  expect((await get(id)).status).toBe(404);
  // a no-op edit of a pending listing changes nothing and records nothing
  const before = (await auditHistory("result", id)).length;
  await patch(id, researcher.token, { priceFen: null });
  expect((await auditHistory("result", id)).length).toBe(before);

  const history = await auditHistory("result", id);
  expect(history.map((e) => e.action)).toEqual([
    "create",
    "submit",
    "reject",
    "update",
    "submit",
    "approve",
    "update",
    "submit",
  ]);
  expect(history[2]!.after).toEqual({ status: "rejected", rejectionReason: "缺少专利证书 <b>请补充</b>" });
  expect(history[3]!.before).toEqual({ summary: valid.summary });
  expect(history[3]!.after).toEqual({ summary: "补充了专利证书。" });
  expect(history[6]!.before).toEqual({ priceFen: 50_000_000 });
  expect(history[6]!.after).toEqual({ priceFen: null });
});

test("withdraw: from published by the owner; a withdrawn listing is hidden and can be resubmitted; draft cannot be withdrawn", async () => {
  const researcher = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");
  const { body } = await create(researcher.token, valid);
  const id = body.id as string;
  const w = (token: string) =>
    call(withdraw.action, apiRequest("POST", `/api/v1/results/${id}/withdraw`, { token, body: {} }), { id });
  expect((await w(researcher.token)).status).toBe(409);
  await patch(id, researcher.token, { submit: true });
  await decide(id, bureau.token, { decision: "approve" });
  expect((await w(bureau.token)).status).toBe(403);
  const done = await w(researcher.token);
  expect(done.status).toBe(200);
  expect(done.body.status).toBe("withdrawn");
  expect((await prisma.result.findUniqueOrThrow({ where: { id } })).withdrawnAt).not.toBeNull();
  expect((await get(id)).status).toBe(404);
  expect((await list(`?organizationId=${researcher.org!.id}`)).body.total).toBe(0);
  const again = await call(
    submit.action,
    apiRequest("POST", `/api/v1/results/${id}/submit`, { token: researcher.token }),
    { id },
  );
  expect(again.body.status).toBe("pending_review");
});

test("401 without or with a bad token, 405 on other methods", async () => {
  expect((await create(undefined, valid)).status).toBe(401);
  const bad = await call(
    collection.action,
    apiRequest("POST", "/api/v1/results", { body: valid, headers: { Authorization: "Bearer nope" } }),
  );
  expect(bad.status).toBe(401);
  expect(bad.body).toEqual({ error: { code: "unauthorized", message: expect.stringMatching(/令牌.*\/.*token/) } });
  const badGet = await call(
    collection.loader,
    apiRequest("GET", "/api/v1/results", { headers: { Authorization: "Basic abc" } }),
  );
  expect(badGet.status).toBe(401);
  const researcher = await makeCaller("researcher");
  const { body } = await create(researcher.token, valid);
  expect(
    (
      await call(
        review.action,
        apiRequest("POST", `/api/v1/results/${body.id}/review`, { body: { decision: "approve" } }),
        { id: body.id },
      )
    ).status,
  ).toBe(401);
  expect(
    // DELETE deletes a draft (tests/api/listing-files.test.ts); PUT is no method of this endpoint
    (
      await call(item.action, apiRequest("PUT", `/api/v1/results/${body.id}`, { token: researcher.token }), {
        id: body.id,
      })
    ).status,
  ).toBe(405);
  expect(
    (await call(review.loader, apiRequest("GET", `/api/v1/results/${body.id}/review`), { id: body.id })).status,
  ).toBe(405);
});

test("400 with fields: wrong types, unknown enums, money as strings or fractions, overlong text, unknown keys", async () => {
  const researcher = await makeCaller("researcher");
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...valid, priceFen: "100万" }, "priceFen"],
    [{ ...valid, priceFen: 12.5 }, "priceFen"],
    [{ ...valid, priceFen: -1 }, "priceFen"],
    [{ ...valid, field: "magic" }, "field"],
    [{ ...valid, maturity: "done" }, "maturity"],
    [{ ...valid, transferModes: ["gift"] }, "transferModes.0"],
    [{ ...valid, transferModes: [] }, "transferModes"],
    [{ ...valid, title: "长".repeat(121) }, "title"],
    [{ ...valid, title: "   " }, "title"],
    [{ ...valid, summary: "x".repeat(5001) }, "summary"],
    [{ ...valid, keywords: Array.from({ length: 13 }, (_, i) => `k${i}`) }, "keywords"],
    [{ ...valid, keywords: ["x".repeat(31)] }, "keywords"],
    [{ ...valid, keywords: "钨" }, "keywords"],
    [{ ...valid, contact: { email: "not-an-email" } }, "contact.email"],
    [{ ...valid, title: "a\u0000b" }, "title"],
    [{ ...valid, status: "published" }, "_"],
  ];
  for (const [body, field] of cases) {
    const r = await create(researcher.token, body);
    expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    expect(r.body.error.code).toBe("invalid_input");
    expect(Object.keys(r.body.error.fields), JSON.stringify(r.body.error)).toContain(field);
  }
  const notJson = await call(
    collection.action,
    apiRequest("POST", "/api/v1/results", { token: researcher.token, rawBody: "{title:" }),
  );
  expect(notJson.status).toBe(400);
  expect(await prisma.result.count({ where: { organizationId: researcher.org!.id } })).toBe(0);
});

test("413 on a body over 1 MB, nothing written", async () => {
  const researcher = await makeCaller("researcher");
  const big = { ...valid, summary: "钨".repeat(400_000) };
  const r = await create(researcher.token, big);
  expect(r.status).toBe(413);
  expect(r.body.error.code).toBe("payload_too_large");
  expect(await prisma.result.count({ where: { organizationId: researcher.org!.id } })).toBe(0);
});

test("HTML and script in text are stored as typed", async () => {
  const researcher = await makeCaller("researcher");
  const title = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
  const r = await create(researcher.token, { ...valid, title });
  expect(r.status).toBe(201);
  expect(r.body.title).toBe(title);
});

test("list: pageSize limits, invalid filters name the field, filters and search with highlights", async () => {
  const researcher = await makeCaller("researcher", {
    org: await makeOrg({ regionCode: "440300", kind: "institute" }),
  });
  const bureau = await makeCaller("bureau");
  const publish = async (body: Record<string, unknown>) => {
    const r = await create(researcher.token, { ...valid, ...body, submit: true });
    await decide(r.body.id, bureau.token, { decision: "approve" });
    return r.body.id as string;
  };
  const a = await publish({
    title: "硬质合金刀具PVD涂层",
    field: "tungsten",
    maturity: "industrial",
    transferModes: ["transfer"],
    priceFen: 1_000_000,
  });
  const b = await publish({
    title: "稀土永磁电机",
    field: "rare_earth",
    maturity: "lab",
    transferModes: ["license"],
    priceFen: null,
  });
  await create(researcher.token, { ...valid, title: "未发布的硬质合金草稿" });

  expect((await list("?pageSize=101")).status).toBe(400);
  expect((await list("?pageSize=101")).body.error.fields).toHaveProperty("pageSize");
  expect((await list("?page=0")).body.error.fields).toHaveProperty("page");
  expect((await list("?field=bogus")).body.error.fields).toHaveProperty("field");
  expect((await list("?maturity=x")).body.error.fields).toHaveProperty("maturity");
  expect((await list("?regionCode=999999")).body.error.fields).toHaveProperty("regionCode");
  expect((await list("?transferMode=gift")).body.error.fields).toHaveProperty("transferMode");
  expect((await list("?sort=random")).body.error.fields).toHaveProperty("sort");

  const full = await list("?pageSize=100&regionCode=440300");
  expect(full.body.pageSize).toBe(100);
  expect(full.body.total).toBe(2);

  const ids = async (q: string) =>
    (await list(`?regionCode=bay_area&${q}`)).body.items.map((i: { id: string }) => i.id);
  expect(await ids("field=tungsten")).toEqual([a]);
  expect(await ids("maturity=lab")).toEqual([b]);
  expect(await ids("transferMode=transfer")).toEqual([a]);
  expect(await ids("field=tungsten,rare_earth&sort=price_desc")).toEqual([a, b]);
  expect(await ids("priceMinFen=500000")).toEqual([a]);
  expect(await ids("orgKind=institute&field=rare_earth")).toEqual([b]);
  expect(await ids("orgKind=enterprise")).toEqual([]);
  expect((await list("?regionCode=360702&orgKind=institute")).body.total).toBe(0);

  const searched = await list(`?regionCode=440300&q=${encodeURIComponent("硬质合金")}`);
  expect(searched.body.total).toBe(1);
  expect(searched.body.items[0].id).toBe(a);
  expect(searched.body.items[0].highlight.title).toContain("<mark>");
  expect((await list("")).body.items[0]).not.toHaveProperty("highlight");

  const paged = await list("?regionCode=440300&pageSize=1&page=2");
  expect(paged.body.items).toHaveLength(1);
  expect(paged.body.total).toBe(2);
  expect((await list("?regionCode=440300&pageSize=1&page=9")).body.items).toEqual([]);
});

test("list scope: mine=1 and status= for owners, status=pending_review for reviewers, refused otherwise", async () => {
  const researcher = await makeCaller("researcher");
  const colleague = await makeCaller("broker", { org: researcher.org });
  const other = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");
  const company = await makeCaller("company");
  const draft = await create(researcher.token, valid);
  const pending = await create(researcher.token, { ...valid, submit: true });
  await create(other.token, { ...valid, submit: true });

  const mine = await list("?mine=1", researcher.token);
  expect(mine.body.total).toBe(2);
  const colleagues = await list("?mine=1&status=draft", colleague.token);
  expect(colleagues.body.items.map((i: { id: string }) => i.id)).toEqual([draft.body.id]);
  const byStatus = await list("?status=pending_review", researcher.token);
  expect(byStatus.body.items.map((i: { id: string }) => i.id)).toEqual([pending.body.id]);

  const queue = await list("?status=pending_review&pageSize=100", bureau.token);
  const queued = queue.body.items.map((i: { organization: { id: string } }) => i.organization.id);
  expect(queued).toContain(researcher.org!.id);
  expect(queued).toContain(other.org!.id);
  expect(queue.body.items.every((i: { status: string }) => i.status === "pending_review")).toBe(true);

  expect((await list("?status=draft")).status).toBe(401);
  expect((await list("?mine=1")).status).toBe(401);
  expect((await list("?mine=1", bureau.token)).status).toBe(403); // no organization
  const companyView = await list("?status=pending_review", company.token); // own org only: none
  expect(companyView.body.total).toBe(0);
  expect((await list(`?status=draft&organizationId=${researcher.org!.id}`, other.token)).status).toBe(403);
  expect((await list("?status=bogus", bureau.token)).body.error.fields).toHaveProperty("status");
});

test("admins can create for another organization and edit any listing", async () => {
  const admin = await makeCaller("admin", { org: null });
  const org = await makeOrg();
  const r = await create(admin.token, { ...valid, organizationId: org.id });
  expect(r.status).toBe(201);
  expect(r.body.organization.id).toBe(org.id);
  const edited = await patch(r.body.id, admin.token, { title: "管理员修改" });
  expect(edited.body.title).toBe("管理员修改");
  const researcher = await makeCaller("researcher");
  expect((await create(researcher.token, { ...valid, organizationId: org.id })).status).toBe(403);
  expect((await create(admin.token, { ...valid, organizationId: "nope" })).body.error.fields).toHaveProperty(
    "organizationId",
  );
  // admin without own organization and none named
  expect((await create(admin.token, valid)).status).toBe(403);
});

test("two reviewers deciding at once: one wins, the other gets a 409; one history event", async () => {
  const researcher = await makeCaller("researcher");
  const [a, b] = [await makeCaller("bureau"), await makeCaller("admin", { org: null })];
  const { body } = await create(researcher.token, { ...valid, submit: true });
  const outcomes = await Promise.all([
    decide(body.id, a.token, { decision: "approve" }),
    decide(body.id, b.token, { decision: "reject", reason: "重复提交" }),
  ]);
  expect(outcomes.map((o) => o.status).sort()).toEqual([200, 409]);
  const events = await auditHistory("result", body.id);
  expect(events.filter((e) => e.action === "approve" || e.action === "reject")).toHaveLength(1);
});

test("queries of any content return a list, never a 500", async () => {
  for (const q of ['" OR 1=1 --', "NEAR(", "*", ":", "🙂🙂", "ＮｄＦｅＢ", "钨".repeat(2000), "%_\\", "<script>"]) {
    const r = await list(`?q=${encodeURIComponent(q)}`);
    expect(r.status, q.slice(0, 20)).toBe(200);
    expect(Array.isArray(r.body.items)).toBe(true);
  }
});

test("approving a result alerts the owners of matching published needs (right after the approval commits)", async () => {
  const company = await makeCaller("company");
  const researcher = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");
  await prisma.need.create({
    data: {
      organizationId: company.org!.id,
      title: "钕铁硼磁钢高温退磁严重",
      description: "电机里的钕铁硼永磁体在高温下矫顽力不足，退磁严重，需要提高矫顽力的晶界扩散技术。",
      keywords: ["钕铁硼", "矫顽力", "晶界扩散"],
      field: "rare_earth",
      status: "published",
      publishedAt: new Date(),
    },
  });
  const { body } = await create(researcher.token, { ...valid, submit: true });
  await decide(body.id, bureau.token, { decision: "approve" });
  await settleMatchAlerts();
  const alerts = await prisma.notification.findMany({ where: { userId: company.user.id, kind: "match_alert" } });
  expect(alerts).toHaveLength(1);
  expect(alerts[0]!.link).toBe(`/results/${body.id}`);
});
