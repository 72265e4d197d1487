// The bureau's review queue at scale: the query (search, kind, field, organization, age,
// sorting, paging from the URL) and the bulk approval (confirmation step, one transaction per
// item, failures reported, never a 500; only reviewers).
import { beforeAll, expect, test } from "vitest";
import { cookieFor } from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import { reviewQueuePage } from "../../app/listings/review-queue.server.ts";
import { parseQueueQuery, QUEUE_PAGE_SIZE } from "../../app/listings/review-queue.ts";
import * as review from "../../app/routes/review.tsx";
import { makeCaller, makeOrg } from "../factories.ts";

const DAY = 86_400_000;
const TAG = `队列${Date.now().toString(36)}`;
let orgA: { id: string };
let orgB: { id: string };
const resultIds: string[] = [];
const needIds: string[] = [];

function request(method: "GET" | "POST", path: string, cookie?: string, form?: Record<string, string | string[]>) {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  let body: FormData | undefined;
  if (form) {
    body = new FormData();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  }
  return new Request(`http://localhost${path}`, { method, headers, body });
}

type Outcome = { status: number; location: string | null; data: unknown };
type DataWithInit = { type: "DataWithResponseInit"; init: ResponseInit | null; data: unknown };
const isDataWithInit = (x: unknown): x is DataWithInit =>
  (x as { type?: unknown } | null)?.type === "DataWithResponseInit";

async function run(handler: (args: never) => unknown, req: Request): Promise<Outcome> {
  try {
    const out = await (handler as (a: { request: Request; params: object; context: object }) => unknown)({
      request: req,
      params: {},
      context: {},
    });
    if (out instanceof Response) return { status: out.status, location: out.headers.get("Location"), data: null };
    if (isDataWithInit(out)) return { status: out.init?.status ?? 200, location: null, data: out.data };
    return { status: 200, location: null, data: out };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location"), data: null };
    if (isDataWithInit(error)) return { status: error.init?.status ?? 500, location: null, data: error.data };
    throw error;
  }
}

const query = (search: string) => parseQueueQuery(new URLSearchParams(search));

beforeAll(async () => {
  orgA = await makeOrg({ name: `${TAG}甲大学` });
  orgB = await makeOrg({ name: `${TAG}乙公司`, kind: "enterprise" });
  const now = Date.now();
  // 30 pending results of orgA (rare earth, 0–29 days old) and 6 pending needs of orgB (agriculture, 10–15 days)
  for (let i = 0; i < 30; i++) {
    const r = await prisma.result.create({
      data: {
        organizationId: orgA.id,
        title: `${TAG}成果${String(i).padStart(2, "0")}`,
        summary: "待审核的成果",
        field: "rare_earth",
        maturity: "pilot",
        status: "pending_review",
        submittedAt: new Date(now - i * DAY - 60_000),
      },
    });
    resultIds.push(r.id);
  }
  for (let i = 0; i < 6; i++) {
    const n = await prisma.need.create({
      data: {
        organizationId: orgB.id,
        title: `${TAG}需求${i}`,
        description: "待审核的需求",
        field: "agriculture",
        status: "pending_review",
        submittedAt: new Date(now - (10 + i) * DAY),
      },
    });
    needIds.push(n.id);
  }
  // not pending: never in the queue
  await prisma.result.create({
    data: {
      organizationId: orgA.id,
      title: `${TAG}已发布`,
      summary: "x",
      field: "rare_earth",
      maturity: "pilot",
      status: "published",
    },
  });
});

test("search, paging and the default order (oldest first)", async () => {
  const first = await reviewQueuePage(query(`q=${TAG}`));
  expect(first.total).toBe(36);
  expect(first.pages).toBe(Math.ceil(36 / QUEUE_PAGE_SIZE));
  expect(first.items).toHaveLength(QUEUE_PAGE_SIZE);
  // oldest first: the 29-day-old result, then older needs interleaved by submission time
  expect(first.items[0]!.title).toBe(`${TAG}成果29`);
  const times = first.items.map((i) => Date.parse(i.submittedAt!));
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  const second = await reviewQueuePage(query(`q=${TAG}&page=2`));
  expect(second.items).toHaveLength(36 - QUEUE_PAGE_SIZE);
  const all = [...first.items, ...second.items].map((i) => `${i.kind}:${i.id}`);
  expect(new Set(all).size).toBe(36);
  // a page past the end shows the last page, not an empty one
  const beyond = await reviewQueuePage(query(`q=${TAG}&page=99`));
  expect(beyond.page).toBe(2);
  // the organization name is searched too
  expect((await reviewQueuePage(query(`q=${encodeURIComponent(`${TAG}乙公司`)}`))).total).toBe(6);
  // LIKE wildcards are literal
  expect((await reviewQueuePage(query(`q=${TAG}%25`))).total).toBe(0);
});

test("filters: kind, field, organization, age; sorting by newest and title", async () => {
  expect((await reviewQueuePage(query(`q=${TAG}&kind=need`))).total).toBe(6);
  expect((await reviewQueuePage(query(`q=${TAG}&kind=result`))).total).toBe(30);
  expect((await reviewQueuePage(query(`q=${TAG}&field=agriculture`))).total).toBe(6);
  const byOrg = await reviewQueuePage(query(`org=${orgA.id}`));
  expect(byOrg.total).toBe(30);
  expect(byOrg.organizations.find((o) => o.id === orgA.id)?.count).toBe(30);
  // waiting at least 14 days: results 14..29 (16) and needs 14, 15 (2)
  const old = await reviewQueuePage(query(`q=${TAG}&age=14`));
  expect(old.total).toBe(18);
  expect(old.items.every((i) => Date.now() - Date.parse(i.submittedAt!) >= 14 * DAY)).toBe(true);
  const newest = await reviewQueuePage(query(`q=${TAG}&sort=newest`));
  expect(newest.items[0]!.title).toBe(`${TAG}成果00`);
  const byTitle = await reviewQueuePage(query(`q=${TAG}&kind=result&sort=title`));
  expect(byTitle.items.slice(0, 3).map((i) => i.title)).toEqual([`${TAG}成果00`, `${TAG}成果01`, `${TAG}成果02`]);
  // unknown values fall back to the defaults instead of failing
  const odd = parseQueueQuery(new URLSearchParams("kind=x&field=y&age=5&sort=z&page=-3"));
  expect(odd).toMatchObject({ kind: "", field: "", minAgeDays: 0, sort: "oldest", page: 1 });
});

test("bulk approval: only reviewers; anonymous goes to login; a confirmation step first", async () => {
  const form = { intent: "bulk-preview", item: [`result:${resultIds[0]}`] };
  const anon = await run(review.action, request("POST", "/review", undefined, form));
  expect(anon.status).toBe(302);
  expect(anon.location).toMatch(/^\/login/);
  for (const role of ["researcher", "company", "broker"] as const) {
    const caller = await makeCaller(role);
    const cookie = await cookieFor(caller.user.id);
    for (const intent of ["bulk-preview", "bulk-approve"]) {
      const out = await run(review.action, request("POST", "/review", cookie, { ...form, intent }));
      expect(out.status, `${role} ${intent}`).toBe(403);
    }
    expect((await run(review.loader, request("GET", "/review", cookie))).status).toBe(403);
  }
  expect((await prisma.result.findUniqueOrThrow({ where: { id: resultIds[0] } })).status).toBe("pending_review");

  const bureau = await makeCaller("bureau");
  const cookie = await cookieFor(bureau.user.id);
  // nothing selected: a 400 with a message, not a 500
  const none = await run(review.action, request("POST", "/review", cookie, { intent: "bulk-preview" }));
  expect(none.status).toBe(400);
  expect((none.data as { error: string }).error).toBeTruthy();
  // the preview changes nothing and names what will be approved
  const preview = await run(
    review.action,
    request("POST", "/review", cookie, {
      intent: "bulk-preview",
      item: [`result:${resultIds[0]}`, `need:${needIds[0]}`, "bogus", `result:${resultIds[0]}`],
    }),
  );
  expect(preview.status).toBe(200);
  expect((preview.data as { items: Array<{ title: string }> }).items.map((i) => i.title).sort()).toEqual(
    [`${TAG}成果00`, `${TAG}需求0`].sort(),
  );
  expect((await prisma.result.findUniqueOrThrow({ where: { id: resultIds[0] } })).status).toBe("pending_review");
});

test("bulk approval: each item in its own transaction, a failure reported and the rest approved", async () => {
  const bureau = await makeCaller("bureau");
  const cookie = await cookieFor(bureau.user.id);
  // someone else rejects one of them meanwhile
  await prisma.result.update({ where: { id: resultIds[2] }, data: { status: "rejected", rejectionReason: "x" } });
  const items = [`result:${resultIds[1]}`, `result:${resultIds[2]}`, `need:${needIds[1]}`, "need:nonexistent"];
  const out = await run(review.action, request("POST", "/review", cookie, { intent: "bulk-approve", item: items }));
  expect(out.status).toBe(200);
  const outcomes = (out.data as { outcomes: Array<{ id: string; ok: boolean; error?: string }> }).outcomes;
  expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, false]);
  expect(outcomes[1]!.error).toMatch(/已驳回/);
  expect(outcomes[3]!.error).toBeTruthy();
  expect((await prisma.result.findUniqueOrThrow({ where: { id: resultIds[1] } })).status).toBe("published");
  expect((await prisma.need.findUniqueOrThrow({ where: { id: needIds[1] } })).status).toBe("published");
  expect((await prisma.result.findUniqueOrThrow({ where: { id: resultIds[2] } })).status).toBe("rejected");
  // each approval is audited once, by the reviewer
  const audits = await prisma.auditEvent.findMany({
    where: { entityId: { in: [resultIds[1]!, needIds[1]!] }, action: "approve" },
  });
  expect(audits).toHaveLength(2);
  expect(audits.every((a) => a.actorId === bureau.user.id)).toBe(true);
  // approving again (a replayed form) changes nothing and says why
  const again = await run(
    review.action,
    request("POST", "/review", cookie, { intent: "bulk-approve", item: items[0]! }),
  );
  expect((again.data as { outcomes: Array<{ ok: boolean }> }).outcomes[0]!.ok).toBe(false);
  expect(await prisma.auditEvent.count({ where: { entityId: resultIds[1]!, action: "approve" } })).toBe(1);
  // the queue's loader shows the rest, with each item's age in days
  const page = await run(review.loader, request("GET", `/review?q=${TAG}&kind=result&sort=newest`, cookie));
  const data = page.data as { total: number; items: Array<{ id: string; ageDays: number }> };
  expect(data.total).toBe(28); // 30 results, one approved, one rejected
  expect(data.items.find((i) => i.id === resultIds[3])?.ageDays).toBe(3);
});
