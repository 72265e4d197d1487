// The offers/contracts/bureau pages' loaders and actions (the UI of contracts), called directly with
// a session cookie: form input in 万元 becomes fen, the backend's refusals come back as field
// messages, the bureau pages refuse other roles, and the public statistics carry no contract.
import { expect, test } from "vitest";
import { cookieFor } from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import { makeOrg, makeUser } from "../factories.ts";
import { publishedResult } from "./contracts-helpers.ts";
import * as offersNew from "../../app/routes/offers.new.tsx";
import * as offerPage from "../../app/routes/offers.$id.tsx";
import * as contractsNew from "../../app/routes/contracts.new.tsx";
import * as contractPage from "../../app/routes/contracts.$id.tsx";
import * as bureauDashboard from "../../app/routes/bureau._index.tsx";
import * as bureauContracts from "../../app/routes/bureau.contracts.tsx";
import * as marketStats from "../../app/routes/market-stats.tsx";

type Args = { request: Request; params: Record<string, string>; context: unknown };
type Handler = (args: never) => unknown;
type LoaderData<L extends Handler> = Awaited<ReturnType<L>>;
/** What a loader throws for a missing record: react-router's data() (init.status) or a Response. */
type Thrown = { init?: { status?: number } | null; status?: number };

function post(path: string, cookie: string, fields: Record<string, string>) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: new URLSearchParams(fields),
  });
}

function get(path: string, cookie?: string) {
  return new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/** A conform form's refusal (data(submission.reply(), { status })): messages by field, "" for the form's. */
function refusal(r: unknown): { status: number; errors: Record<string, string> } {
  const reply = r as { data?: { error?: Record<string, string[] | null> }; init?: { status?: number } };
  const errors = Object.fromEntries(Object.entries(reply.data?.error ?? {}).map(([k, v]) => [k, (v ?? []).join(" ")]));
  return { status: reply.init?.status ?? 200, errors };
}

async function run(handler: Handler, request: Request, params: Record<string, string> = {}) {
  try {
    return await (handler as (a: Args) => Promise<unknown>)({ request, params, context: {} });
  } catch (thrown) {
    return thrown;
  }
}

async function setting() {
  const seller = await makeOrg({ kind: "university", regionCode: "360702" });
  const buyer = await makeOrg({ kind: "enterprise", regionCode: "360704" });
  const researcher = await makeUser("researcher", seller.id);
  const company = await makeUser("company", buyer.id);
  const bureau = await makeUser("bureau", null);
  const result = await publishedResult(seller, { title: "钕铁硼晶界扩散技术" });
  return {
    seller,
    buyer,
    result,
    researcher: await cookieFor(researcher.id),
    company: await cookieFor(company.id),
    bureau: await cookieFor(bureau.id),
  };
}

test("offer → accept → contract from the offer → submit → register, through the pages' actions", async () => {
  const s = await setting();
  const path = `/offers/new?resultId=${s.result.id}`;

  // 万元 with a unit typed in is refused next to the field, in Chinese.
  const bad = refusal(
    await run(
      offersNew.action,
      post(path, s.company, { resultId: s.result.id, amount: "12万", amountUnit: "wan", message: "x" }),
    ),
  );
  expect(bad.status).toBe(400);
  expect(bad.errors.amount).toContain("请只填写数字");

  const made = (await run(
    offersNew.action,
    post(path, s.company, {
      resultId: s.result.id,
      amount: "88.88",
      amountUnit: "wan",
      mode: "transfer",
      message: "报价",
    }),
  )) as Response;
  expect(made.status).toBe(302);
  const offerId = /\/offers\/([^?]+)\?done=sent/.exec(made.headers.get("Location") ?? "")![1]!;
  expect((await prisma.offer.findUniqueOrThrow({ where: { id: offerId } })).amountFen).toBe(88_880_000n);

  // A second open offer on the same result: the backend's 409, shown as the form's message.
  const again = refusal(
    await run(
      offersNew.action,
      post(path, s.company, { resultId: s.result.id, amountNegotiable: "1", message: "再来" }),
    ),
  );
  expect(again.status).toBe(409);
  expect(again.errors[""]).toContain("洽谈中的报价");

  // The company made the current offer: it may withdraw but not accept.
  const notYours = refusal(
    await run(offerPage.action, post(`/offers/${offerId}`, s.company, { intent: "accept" }), { id: offerId }),
  );
  expect(notYours.status).toBe(403);
  expect(notYours.errors[""]).toContain("需要答复的一方");
  // A reply with no words and a counter-offer that is not an amount: both named, nothing posted.
  const badReply = refusal(
    await run(
      offerPage.action,
      post(`/offers/${offerId}`, s.researcher, { intent: "message", body: "", counter: "九十万", counterUnit: "wan" }),
      { id: offerId },
    ),
  );
  expect(badReply.status).toBe(400);
  expect(badReply.errors.body).toContain("请填写");
  expect(badReply.errors.counter).toContain("请只填写数字");
  expect(await prisma.offerMessage.count({ where: { offerId } })).toBe(1);
  const outsider = await cookieFor((await makeUser("company", (await makeOrg({ kind: "enterprise" })).id)).id);
  const notParty = await run(offerPage.action, post(`/offers/${offerId}`, outsider, { intent: "withdraw" }), {
    id: offerId,
  });
  expect(refusal(notParty).status).toBe(404);
  const accepted = (await run(offerPage.action, post(`/offers/${offerId}`, s.researcher, { intent: "accept" }), {
    id: offerId,
  })) as Response;
  expect(accepted.headers.get("Location")).toBe(`/offers/${offerId}?done=accepted`);

  // The contract form prefilled from the offer: parties fixed, 88.88万元.
  const form = (await run(contractsNew.loader, get(`/contracts/new?offerId=${offerId}`, s.researcher))) as LoaderData<
    typeof contractsNew.loader
  >;
  expect(form.fixedParties?.seller.id).toBe(s.seller.id);
  expect(form.fixedParties?.buyer.id).toBe(s.buyer.id);
  expect(form.defaults.contractAmountFen).toBe(88_880_000);

  // Non-technical costs above the contract amount: refused on that field.
  const tooHigh = refusal(
    await run(
      contractsNew.action,
      post("/contracts/new", s.researcher, {
        offerId,
        type: "transfer",
        subtype: "patent",
        title: "钕铁硼晶界扩散技术转让合同",
        contractAmount: "88.88",
        contractAmountUnit: "wan",
        nonTechnicalCosts: "100",
        nonTechnicalCostsUnit: "wan",
        signedAt: "2026-03-01",
      }),
    ),
  );
  expect(tooHigh.status).toBe(400);
  expect(tooHigh.errors.nonTechnicalCosts).toContain("非技术性费用不能超过合同成交额");

  const created = (await run(
    contractsNew.action,
    post("/contracts/new", s.researcher, {
      offerId,
      type: "transfer",
      subtype: "patent",
      title: "钕铁硼晶界扩散技术转让合同",
      contractAmount: "88.88",
      contractAmountUnit: "wan",
      nonTechnicalCosts: "88800",
      nonTechnicalCostsUnit: "yuan",
      signedAt: "2026-03-01",
    }),
  )) as Response;
  expect(created.status).toBe(302);
  const contractId = /\/contracts\/([^?]+)\?done=created/.exec(created.headers.get("Location") ?? "")![1]!;
  const stored = await prisma.contract.findUniqueOrThrow({ where: { id: contractId } });
  expect([stored.contractAmountFen, stored.nonTechnicalCostsFen, stored.techTransactionAmountFen]).toEqual([
    88_880_000n,
    8_880_000n,
    80_000_000n,
  ]);
  expect([stored.sellerOrgId, stored.buyerOrgId, stored.offerId]).toEqual([s.seller.id, s.buyer.id, offerId]);

  // The buyer may not submit; the seller side does.
  const buyerSubmits = refusal(
    await run(contractPage.action, post(`/contracts/${contractId}`, s.company, { intent: "submit" }), {
      id: contractId,
    }),
  );
  expect(buyerSubmits.status).toBe(403);
  const submitted = (await run(
    contractPage.action,
    post(`/contracts/${contractId}`, s.researcher, { intent: "submit" }),
    { id: contractId },
  )) as Response;
  expect(submitted.headers.get("Location")).toBe(`/contracts/${contractId}?done=submitted`);

  // Returning without a note is refused; registering works once.
  const noNote = refusal(
    await run(
      contractPage.action,
      post(`/contracts/${contractId}`, s.bureau, { intent: "review", decision: "return", note: "" }),
      { id: contractId },
    ),
  );
  expect(noNote.errors.note).toContain("理由");
  const registered = (await run(
    contractPage.action,
    post(`/contracts/${contractId}`, s.bureau, { intent: "review", decision: "register" }),
    { id: contractId },
  )) as Response;
  expect(registered.headers.get("Location")).toBe(`/contracts/${contractId}?done=reviewedRegister`);
  const twice = refusal(
    await run(
      contractPage.action,
      post(`/contracts/${contractId}`, s.bureau, { intent: "review", decision: "register" }),
      { id: contractId },
    ),
  );
  expect(twice.status).toBe(409);

  // An amendment that changes nothing is refused; one that changes the costs makes version 2.
  const same = refusal(
    await run(
      contractPage.action,
      post(`/contracts/${contractId}`, s.bureau, {
        intent: "amend",
        contractAmount: "88.88",
        contractAmountUnit: "wan",
        nonTechnicalCosts: "8.88",
        nonTechnicalCostsUnit: "wan",
        reason: "核对",
      }),
      { id: contractId },
    ),
  );
  expect(same.errors.contractAmount).toContain("请至少修改一项金额");
  await run(
    contractPage.action,
    post(`/contracts/${contractId}`, s.bureau, {
      intent: "amend",
      contractAmount: "88.88",
      contractAmountUnit: "wan",
      nonTechnicalCosts: "0",
      nonTechnicalCostsUnit: "wan",
      reason: "设备费用核减",
    }),
    { id: contractId },
  );
  const amended = await prisma.contract.findUniqueOrThrow({ where: { id: contractId } });
  expect([amended.version, amended.techTransactionAmountFen]).toEqual([2, 88_880_000n]);

  // The dashboard counts it, and the drill-down by type lists it with the same sums.
  const year = amended.registeredYear!;
  const dash = (await run(bureauDashboard.loader, get(`/bureau?year=${year}`, s.bureau))) as LoaderData<
    typeof bureauDashboard.loader
  >;
  expect(dash.totals).toEqual({ count: 1, contractAmountFen: 88_880_000, techTransactionAmountFen: 88_880_000 });
  const typeRow = dash.breakdowns.find((b) => b.groupBy === "type")!.rows.find((r) => r.key === "transfer")!;
  expect(typeRow.href).toBe(`/bureau/contracts?year=${year}&status=registered&type=transfer`);
  const drill = (await run(bureauContracts.loader, get(typeRow.href!, s.bureau))) as LoaderData<
    typeof bureauContracts.loader
  >;
  expect(drill.list.items.map((c) => c.id)).toEqual([contractId]);
  expect(drill.list.totals.contractAmountFen).toBe(typeRow.contractAmountFen);

  // The public page: the same total, no contract in it.
  const pub = (await run(marketStats.loader, get(`/market-stats?year=${year}`))) as LoaderData<
    typeof marketStats.loader
  >;
  expect(pub.totals.contractAmountFen).toBe(88_880_000);
  expect(JSON.stringify(pub)).not.toContain(contractId);
  expect(JSON.stringify(pub)).not.toContain("钕铁硼晶界扩散技术转让合同");
});

test("the bureau pages refuse companies and researchers; the contract page hides other organizations' contracts", async () => {
  const s = await setting();
  for (const cookie of [s.company, s.researcher]) {
    const denied = (await run(bureauDashboard.loader, get("/bureau", cookie))) as Response;
    expect(denied.status).toBe(403);
    const drill = (await run(bureauContracts.loader, get("/bureau/contracts?year=2026", cookie))) as Response;
    expect(drill.status).toBe(403);
  }
  const anonymous = (await run(bureauDashboard.loader, get("/bureau"))) as Response;
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get("Location")).toContain("/login");

  const other = await makeOrg({ kind: "enterprise" });
  const outsider = await cookieFor((await makeUser("company", other.id)).id);
  const c = await prisma.contract.create({
    data: {
      type: "service",
      title: "他人的合同",
      sellerOrgId: s.seller.id,
      buyerOrgId: s.buyer.id,
      contractAmountFen: 100n,
      nonTechnicalCostsFen: 0n,
      techTransactionAmountFen: 100n,
      signedAt: new Date("2026-01-01"),
    },
  });
  const hidden = (await run(contractPage.loader, get(`/contracts/${c.id}`, outsider), { id: c.id })) as Thrown;
  expect(hidden.init?.status ?? hidden.status).toBe(404);
});

test("the contract form takes the agreed commission: a rate in % or a fixed amount, not both; the edit form keeps it", async () => {
  const s = await setting();
  const agency = await makeOrg({ kind: "agency", regionCode: "360702" });
  const base = {
    type: "transfer",
    subtype: "patent",
    title: "三方技术转让合同",
    sellerOrgId: s.seller.id,
    buyerOrgId: s.buyer.id,
    brokerOrgId: agency.id,
    contractAmount: "60",
    contractAmountUnit: "wan",
    nonTechnicalCosts: "0",
    nonTechnicalCostsUnit: "wan",
    signedAt: "2026-03-01",
  };
  const submitNew = (fields: Record<string, string>) =>
    run(contractsNew.action, post("/contracts/new", s.researcher, { ...base, ...fields }));

  // not a percentage; above 100%; both a rate and an amount: each refused on its field, nothing saved
  const before = await prisma.contract.count({ where: { sellerOrgId: s.seller.id } });
  const notPercent = refusal(await submitNew({ commissionRate: "三个点" }));
  expect(notPercent.errors.commissionRate).toContain("请填写百分比数字");
  const tooMuch = refusal(await submitNew({ commissionRate: "100.01" }));
  expect(tooMuch.errors.commissionRate).toContain("不能超过 100%");
  const both = refusal(
    await submitNew({ commissionRate: "3", commissionAmount: "5000", commissionAmountUnit: "yuan" }),
  );
  expect(both.errors.commissionAmount).toContain("只能按比例或固定金额之一约定");
  expect(await prisma.contract.count({ where: { sellerOrgId: s.seller.id } })).toBe(before);

  // 2.5% → 250 basis points, shown as such on the contract
  const made = (await submitNew({ commissionRate: "2.5%" })) as Response;
  expect(made.status).toBe(302);
  const id = /\/contracts\/([^?]+)\?done=created/.exec(made.headers.get("Location") ?? "")![1]!;
  expect(await prisma.contract.findUniqueOrThrow({ where: { id } })).toMatchObject({
    brokerOrgId: agency.id,
    commissionRateBp: 250,
    commissionAmountFen: null,
  });

  // the edit form shows it, and switching to a fixed 8,000 元 replaces the rate
  const edit = await import("../../app/routes/contracts.$id_.edit.tsx");
  const edited = (await run(
    edit.action,
    post(`/contracts/${id}/edit`, s.researcher, {
      ...base,
      commissionRate: "",
      commissionAmount: "8000",
      commissionAmountUnit: "yuan",
    }),
    { id },
  )) as Response;
  expect(edited.status, JSON.stringify(edited)).toBe(302);
  expect(await prisma.contract.findUniqueOrThrow({ where: { id } })).toMatchObject({
    commissionRateBp: null,
    commissionAmountFen: 800_000n,
  });
});

test("the contract form refuses a commission without a broker organization, next to both fields, in the reader's language", async () => {
  const s = await setting();
  const fields = {
    type: "transfer",
    subtype: "patent",
    title: "无中介方的佣金",
    sellerOrgId: s.seller.id,
    buyerOrgId: s.buyer.id,
    brokerOrgId: "",
    contractAmount: "60",
    contractAmountUnit: "wan",
    nonTechnicalCosts: "0",
    nonTechnicalCostsUnit: "wan",
    signedAt: "2026-03-01",
    commissionRate: "3",
  };
  const before = await prisma.contract.count({ where: { sellerOrgId: s.seller.id } });
  const zh = refusal(await run(contractsNew.action, post("/contracts/new", s.researcher, fields)));
  expect(zh.status).toBe(400);
  expect(zh.errors.commissionRate).toContain("请先选择经纪机构");
  expect(zh.errors.brokerOrgId).toContain("请选择中介方");
  const en = refusal(await run(contractsNew.action, post("/contracts/new?lng=en", s.researcher, fields)));
  expect(en.errors.commissionRate).toContain("A commission is paid to a broker organization");
  expect(en.errors.commissionRate).not.toMatch(/[\u4e00-\u9fff]/);
  expect(await prisma.contract.count({ where: { sellerOrgId: s.seller.id } })).toBe(before);
});
