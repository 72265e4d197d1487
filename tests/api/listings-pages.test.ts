// The pages' loaders and actions enforce the same rules as the API: a session cookie, real rows.
import type { Outcome } from "./auth-helpers.ts";
import { expect, test } from "vitest";
import { cookieFor } from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as resultDetail from "../../app/routes/results.$id.tsx";
import * as resultsList from "../../app/routes/results._index.tsx";
import * as needsList from "../../app/routes/needs._index.tsx";
import * as newResult from "../../app/routes/my.results.new.tsx";
import * as editResult from "../../app/routes/my.results.$id.edit.tsx";
import * as newNeed from "../../app/routes/my.needs.new.tsx";
import * as myResults from "../../app/routes/my.results._index.tsx";
import * as review from "../../app/routes/review.tsx";
import * as home from "../../app/routes/_index.tsx";
import * as orgProfile from "../../app/routes/organizations.$id.tsx";
import * as orgList from "../../app/routes/organizations._index.tsx";
import * as orgNew from "../../app/routes/organizations.new.tsx";
import { makeCaller, makeOrg, uniqueCreditCode } from "../factories.ts";

function page(
  method: "GET" | "POST",
  path: string,
  opts: { cookie?: string; form?: Record<string, string | string[]> } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.Cookie = opts.cookie;
  let body: FormData | undefined;
  if (opts.form) {
    body = new FormData();
    for (const [k, v] of Object.entries(opts.form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  }
  return new Request(`http://localhost${path}`, { method, headers, body });
}

type Handler = (args: never) => unknown;
type Args = { request: Request; params: Record<string, string>; context: unknown };
type DataWithInit = { type: "DataWithResponseInit"; init: ResponseInit | null; data: unknown };
const isDataWithInit = (x: unknown): x is DataWithInit =>
  (x as { type?: unknown } | null)?.type === "DataWithResponseInit";
/** Runs a loader/action: its status (thrown responses and data() included) and its data. */
async function run(
  handler: Handler,
  request: Request,
  params: Record<string, string> = {},
): Promise<Pick<Outcome, "status" | "location" | "data">> {
  try {
    const out = await (handler as (a: Args) => unknown)({ request, params, context: {} });
    if (out instanceof Response) return { status: out.status, location: out.headers.get("Location"), data: null };
    if (isDataWithInit(out)) return { status: out.init?.status ?? 200, location: null, data: out.data };
    return { status: 200, location: null, data: out };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location"), data: null };
    if (isDataWithInit(error)) return { status: error.init?.status ?? 500, location: null, data: error.data };
    throw error;
  }
}

const resultForm = {
  title: "稀土永磁回收",
  summary: "回收废旧磁钢中的稀土",
  field: "rare_earth",
  maturity: "pilot",
  transferModes: ["license", "service"],
  priceWan: "12.5",
  keywords: "稀土，回收 磁钢",
};

test("create in the UI: draft, then submit; the edit page shows it; another organization gets 404/403", async () => {
  const researcher = await makeCaller("researcher");
  const cookie = await cookieFor(researcher.user.id);
  const created = await run(
    newResult.action,
    page("POST", "/my/results/new", { cookie, form: { ...resultForm, intent: "save" } }),
  );
  expect(created.status).toBe(302);
  const id = created.location!.split("/")[3]!;
  expect(created.location).toBe(`/my/results/${id}/edit?done=saved`);
  const row = await prisma.result.findUniqueOrThrow({ where: { id } });
  expect(row).toMatchObject({
    status: "draft",
    priceFen: 12_500_000n,
    keywords: ["稀土", "回收", "磁钢"],
    transferModes: ["license", "service"],
  });

  const edit = await run(editResult.loader, page("GET", `/my/results/${id}/edit`, { cookie }), { id });
  expect(edit.status).toBe(200);
  expect(edit.data.defaultValue.priceWan).toBe("12.5");

  const submitted = await run(
    editResult.action,
    page("POST", `/my/results/${id}/edit`, { cookie, form: { ...resultForm, intent: "submit" } }),
    { id },
  );
  // a submission lands on the listing's page, which says what happens next
  expect(submitted.location).toBe(`/results/${id}?done=submitted`);
  expect((await prisma.result.findUniqueOrThrow({ where: { id } })).status).toBe("pending_review");

  const stranger = await makeCaller("researcher");
  const strangerCookie = await cookieFor(stranger.user.id);
  expect(
    (await run(resultDetail.loader, page("GET", `/results/${id}`, { cookie: strangerCookie }), { id })).status,
  ).toBe(404);
  expect((await run(resultDetail.loader, page("GET", `/results/${id}`), { id })).status).toBe(404);
  expect(
    (await run(editResult.loader, page("GET", `/my/results/${id}/edit`, { cookie: strangerCookie }), { id })).status,
  ).toBe(404);
  const hijack = await run(
    editResult.action,
    page("POST", `/my/results/${id}/edit`, {
      cookie: strangerCookie,
      form: { ...resultForm, title: "改", intent: "save" },
    }),
    { id },
  );
  expect(hijack.status).toBe(404);
  expect((await prisma.result.findUniqueOrThrow({ where: { id } })).title).toBe(resultForm.title);

  // the owner sees the status banner data and the history
  const own = await run(resultDetail.loader, page("GET", `/results/${id}`, { cookie }), { id });
  expect(own.data.item.status).toBe("pending_review");
  expect(own.data.history.map((h: { action: string }) => h.action)).toEqual(["create", "submit"]);
  expect(own.data.role.canEdit).toBe(true);
  expect(own.data.role.canReview).toBe(false);

  // a reviewer approves from the detail page (POST), after which everyone sees it and the owner's edit page warns
  const bureau = await makeCaller("bureau");
  const bureauCookie = await cookieFor(bureau.user.id);
  const view = await run(resultDetail.loader, page("GET", `/results/${id}`, { cookie: bureauCookie }), { id });
  expect(view.data.role.canReview).toBe(true);
  const noReason = await run(
    resultDetail.action,
    page("POST", `/results/${id}`, {
      cookie: bureauCookie,
      form: { intent: "review", decision: "reject", reason: "" },
    }),
    { id },
  );
  expect(noReason.status).toBe(400);
  const approve = await run(
    resultDetail.action,
    page("POST", `/results/${id}`, { cookie: bureauCookie, form: { intent: "review", decision: "approve" } }),
    { id },
  );
  expect(approve.data.done).toBe("approved");
  const anon = await run(resultDetail.loader, page("GET", `/results/${id}`), { id });
  expect(anon.status).toBe(200);
  expect(anon.data.history).toBeNull();
  expect(anon.data.role.canOffer).toBe(false);
  const company = await makeCaller("company");
  const companyView = await run(
    resultDetail.loader,
    page("GET", `/results/${id}`, { cookie: await cookieFor(company.user.id) }),
    { id },
  );
  expect(companyView.data.role).toMatchObject({ canOffer: true, canEdit: false, seesHistory: false });
  // a researcher of another organization may not make an offer on a result: no button, and the
  // page says why and what they can do instead; on its own result the owner is told it is theirs
  const strangerView = await run(resultDetail.loader, page("GET", `/results/${id}`, { cookie: strangerCookie }), {
    id,
  });
  expect(strangerView.data.role).toMatchObject({ canOffer: false, offerBlocked: "role", canOfferOnMatches: true });
  const ownerView = await run(resultDetail.loader, page("GET", `/results/${id}`, { cookie }), { id });
  expect(ownerView.data.role).toMatchObject({ canOffer: false, offerBlocked: "ownListing" });
  expect(companyView.data.role).toMatchObject({ offerBlocked: null, canOfferOnMatches: false });
  // a stranger may see the published listing but not change it
  const denied = await run(editResult.loader, page("GET", `/my/results/${id}/edit`, { cookie: strangerCookie }), {
    id,
  });
  expect(denied.status).toBe(403);
});

test("form errors come back on their fields; an unverified organization can save a draft but not submit", async () => {
  const unverified = await makeCaller("researcher", { org: await makeOrg({ verified: false }) });
  const cookie = await cookieFor(unverified.user.id);
  const bad = await run(
    newResult.action,
    page("POST", "/my/results/new", { cookie, form: { ...resultForm, priceWan: "100万", title: "", intent: "save" } }),
  );
  expect(bad.status).toBe(400);
  expect(bad.data.error.priceWan[0]).toMatch(/万元/);
  expect(bad.data.error.title[0]).toMatch(/请填写/);
  const refused = await run(
    newResult.action,
    page("POST", "/my/results/new", { cookie, form: { ...resultForm, intent: "submit" } }),
  );
  expect(refused.status).toBe(403);
  expect(refused.data.error[""][0]).toMatch(/认证/);
  expect(await prisma.result.count({ where: { organizationId: unverified.org!.id } })).toBe(0);
  const draft = await run(
    newResult.action,
    page("POST", "/my/results/new", { cookie, form: { ...resultForm, intent: "save" } }),
  );
  expect(draft.status).toBe(302);
  expect((await run(newResult.loader, page("GET", "/my/results/new", { cookie }))).data.verified).toBe(false);
});

test("roles in the UI: a researcher cannot open the new-need page, a company cannot post a result, only reviewers see /review", async () => {
  const researcher = await makeCaller("researcher");
  const company = await makeCaller("company");
  const rc = await cookieFor(researcher.user.id);
  const cc = await cookieFor(company.user.id);
  expect((await run(newNeed.loader, page("GET", "/my/needs/new", { cookie: rc }))).status).toBe(403);
  expect(
    (
      await run(
        newNeed.action,
        page("POST", "/my/needs/new", {
          cookie: rc,
          form: { title: "x", description: "y", field: "other", intent: "save" },
        }),
      )
    ).status,
  ).toBe(403);
  expect(
    (
      await run(
        newResult.action,
        page("POST", "/my/results/new", { cookie: cc, form: { ...resultForm, intent: "save" } }),
      )
    ).status,
  ).toBe(403);
  expect((await run(newResult.loader, page("GET", "/my/results/new"))).status).toBe(302); // to login
  for (const cookie of [rc, cc]) {
    expect((await run(review.loader, page("GET", "/review", { cookie }))).status).toBe(403);
    expect(
      (
        await run(
          review.action,
          page("POST", "/review", { cookie, form: { intent: "verify", kind: "organization", id: "x" } }),
        )
      ).status,
    ).toBe(403);
  }
  const bureau = await makeCaller("bureau");
  const queue = await run(review.loader, page("GET", "/review", { cookie: await cookieFor(bureau.user.id) }));
  expect(queue.status).toBe(200);
  expect(queue.data.total).toBeTypeOf("number");
});

test("the review queue approves, rejects with a reason and verifies organizations; nothing changes on GET", async () => {
  const researcher = await makeCaller("researcher");
  const rc = await cookieFor(researcher.user.id);
  const ids: string[] = [];
  for (const title of ["甲", "乙"]) {
    const r = await run(
      newResult.action,
      page("POST", "/my/results/new", { cookie: rc, form: { ...resultForm, title, intent: "submit" } }),
    );
    ids.push(/^\/results\/([^?]+)\?done=submitted$/.exec(r.location!)![1]!);
  }
  const pendingOrg = await makeOrg({ verified: false, name: "待认证企业" });
  const bureau = await makeCaller("bureau");
  const bc = await cookieFor(bureau.user.id);
  const before = await run(
    review.loader,
    page("GET", "/review?intent=review&decision=approve&id=" + ids[0], { cookie: bc }),
  );
  expect(before.data.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(ids));
  expect((await prisma.result.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe("pending_review");

  const ok = await run(
    review.action,
    page("POST", "/review", {
      cookie: bc,
      form: { intent: "review", decision: "approve", kind: "result", id: ids[0]! },
    }),
  );
  expect(ok.data.done).toBe("approved");
  const rej = await run(
    review.action,
    page("POST", "/review", {
      cookie: bc,
      form: { intent: "review", decision: "reject", kind: "result", id: ids[1]!, reason: "缺少检测报告" },
    }),
  );
  expect(rej.data.done).toBe("rejected");
  expect((await prisma.result.findUniqueOrThrow({ where: { id: ids[1] } })).rejectionReason).toBe("缺少检测报告");
  const again = await run(
    review.action,
    page("POST", "/review", {
      cookie: bc,
      form: { intent: "review", decision: "approve", kind: "result", id: ids[1]! },
    }),
  );
  expect(again.status).toBe(409);
  expect(again.data.error).toMatch(/已驳回/);
  const verified = await run(
    review.action,
    page("POST", "/review", { cookie: bc, form: { intent: "verify", kind: "organization", id: pendingOrg.id } }),
  );
  expect(verified.data.done).toBe("verified");
  expect((await prisma.organization.findUniqueOrThrow({ where: { id: pendingOrg.id } })).verifiedAt).not.toBeNull();
  // the owner's list shows the rejection reason
  const mine = await run(myResults.loader, page("GET", "/my/results?status=rejected", { cookie: rc }));
  expect(mine.data.items.map((i: { rejectionReason: string }) => i.rejectionReason)).toEqual(["缺少检测报告"]);
});

test("public pages: lists with filters in the URL (400 for bad values), home figures, organization pages", async () => {
  const org = await makeOrg({ regionCode: "440300", kind: "institute", name: "深圳某研究院" });
  const researcher = await makeCaller("researcher", { org });
  await prisma.result.create({
    data: {
      organizationId: org.id,
      createdById: researcher.user.id,
      title: "钕铁硼晶界扩散",
      summary: "s",
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["license"],
      priceFen: 5_000_000n,
      status: "published",
      publishedAt: new Date(),
    },
  });
  const list = await run(
    resultsList.loader,
    page("GET", "/results?q=%E9%92%95%E9%93%81%E7%A1%BC&regionCode=bay_area&priceMin=1&priceMax=10"),
  );
  expect(list.status).toBe(200);
  expect(list.data.items.map((i: { title: string }) => i.title)).toEqual(["钕铁硼晶界扩散"]);
  expect(list.data.items[0].titleHtml).toContain("<mark>");
  expect(list.data.form).toMatchObject({ regionCode: "bay_area", priceMin: "1", priceMax: "10" });
  const outOfRange = await run(resultsList.loader, page("GET", "/results?regionCode=bay_area&priceMin=6"));
  expect(outOfRange.data.total).toBe(0);
  const bad = await run(needsList.loader, page("GET", "/needs?field=magic&pageSize=500"));
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.data.fields)).toEqual(expect.arrayContaining(["field", "pageSize"]));

  // this year's registered contracts (Asia/Shanghai calendar) count on the home page; cancelled ones do not
  const buyer = await makeOrg({ kind: "enterprise" });
  const year = Number(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()),
  );
  const contract = (status: string, amount: bigint) => ({
    type: "transfer",
    title: "合同",
    sellerOrgId: org.id,
    buyerOrgId: buyer.id,
    contractAmountFen: amount,
    nonTechnicalCostsFen: 0n,
    techTransactionAmountFen: amount,
    signedAt: new Date(),
    status,
    registeredYear: year,
    registeredAt: new Date(),
  });
  await prisma.contract.createMany({
    data: [
      contract("registered", 100_000_000n),
      contract("registered", 50_000_000n),
      contract("cancelled", 900_000_000n),
    ],
  });
  const h = await run(home.loader, page("GET", "/"));
  expect(h.data.year).toBe(year);
  expect(h.data.figures).toMatchObject({ contractCount: 2, contractAmountFen: 150_000_000 });
  expect(h.data.figures.results).toBeGreaterThanOrEqual(1);
  expect(h.data.figures.bayArea).toBeGreaterThanOrEqual(1);
  expect(h.data.industries).toHaveLength(11);

  const profile = await run(orgProfile.loader, page("GET", `/organizations/${org.id}`), { id: org.id });
  expect(profile.data.results.map((r: { title: string }) => r.title)).toEqual(["钕铁硼晶界扩散"]);
  expect(profile.data.canVerify).toBe(false);
  expect((await run(orgProfile.loader, page("GET", "/organizations/nope"), { id: "nope" })).status).toBe(404);
  const unverified = await makeOrg({ verified: false, name: "未认证的某公司" });
  const publicList = await run(orgList.loader, page("GET", `/organizations?q=${encodeURIComponent("未认证的某公司")}`));
  expect(publicList.data.total).toBe(0); // the public sees verified organizations
  const bureau = await makeCaller("bureau");
  const bc = await cookieFor(bureau.user.id);
  const staffList = await run(
    orgList.loader,
    page("GET", `/organizations?q=${encodeURIComponent("未认证的某公司")}`, { cookie: bc }),
  );
  expect(staffList.data.items.map((o: { id: string }) => o.id)).toEqual([unverified.id]);
  // verify from the profile page: POST only, staff only
  const company = await makeCaller("company");
  expect(
    (
      await run(
        orgProfile.action,
        page("POST", `/organizations/${unverified.id}`, { cookie: await cookieFor(company.user.id), form: {} }),
        { id: unverified.id },
      )
    ).status,
  ).toBe(403);
  const v = await run(orgProfile.action, page("POST", `/organizations/${unverified.id}`, { cookie: bc, form: {} }), {
    id: unverified.id,
  });
  expect(v.data.done).toBe("verified");
});

test("staff create organizations through the form with the shared schema", async () => {
  const bureau = await makeCaller("bureau");
  const bc = await cookieFor(bureau.user.id);
  const badCode = await run(
    orgNew.action,
    page("POST", "/organizations/new", {
      cookie: bc,
      form: { name: "赣州有色冶金研究所", kind: "institute", creditCode: "91350100M000100Y44", regionCode: "360702" },
    }),
  );
  expect(badCode.status).toBe(400);
  expect(badCode.data.error.creditCode[0]).toMatch(/校验位/);
  const code = uniqueCreditCode();
  const ok = await run(
    orgNew.action,
    page("POST", "/organizations/new", {
      cookie: bc,
      form: { name: "赣州有色冶金研究所", kind: "institute", creditCode: code, regionCode: "360702", zone: "gz_htdz" },
    }),
  );
  expect(ok.status).toBe(302);
  const dup = await run(
    orgNew.action,
    page("POST", "/organizations/new", {
      cookie: bc,
      form: { name: "重复", kind: "institute", creditCode: code, regionCode: "360702" },
    }),
  );
  expect(dup.status).toBe(409);
  expect(dup.data.error.creditCode[0]).toMatch(/已被使用/);
  const researcher = await makeCaller("researcher");
  expect(
    (await run(orgNew.loader, page("GET", "/organizations/new", { cookie: await cookieFor(researcher.user.id) })))
      .status,
  ).toBe(403);
});

test("a need's page carries the matching published results, with score and reasons", async () => {
  const company = await makeCaller("company");
  const researcher = await makeCaller("researcher");
  const need = await prisma.need.create({
    data: {
      organizationId: company.org!.id,
      title: "钕铁硼磁钢高温退磁严重",
      description: "电机里的钕铁硼永磁体高温下矫顽力不足，需要晶界扩散提高矫顽力。",
      keywords: ["钕铁硼", "矫顽力"],
      field: "rare_earth",
      status: "published",
      publishedAt: new Date(),
    },
  });
  const result = await prisma.result.create({
    data: {
      organizationId: researcher.org!.id,
      title: "晶界扩散重稀土提高烧结钕铁硼矫顽力",
      summary: "晶界扩散镝铽，矫顽力提高 30%。",
      keywords: ["钕铁硼", "晶界扩散"],
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["license"],
      status: "published",
      publishedAt: new Date(),
    },
  });
  const { loader } = await import("../../app/routes/needs.$id.tsx");
  const view = await run(loader, page("GET", `/needs/${need.id}`), { id: need.id });
  expect(view.status).toBe(200);
  const first = view.data.matches[0];
  expect(first.result.id).toBe(result.id);
  expect(first.score).toBeGreaterThan(0);
  expect(first.reasons.length).toBeGreaterThan(0);
});
