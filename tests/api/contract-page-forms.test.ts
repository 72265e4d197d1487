// The contract page's forms (/contracts/:id) through its action, as a browser posts them: an empty
// or bad submission of each form comes back as a conform reply (400) with its messages under the
// form's own fields, in the reader's language and without internal names; a bank transfer and a
// schedule typed in 元/万元 land as exact fen; other organizations, other roles and anonymous
// callers are refused and nothing is written.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as contractPage from "../../app/routes/contracts.$id.tsx";
import { makeCaller, makeOrg, makeUser } from "../factories.ts";
import { cookieFor, pagePost, runPage } from "../support/pages.ts";
import { registeredContract } from "./contracts-helpers.ts";

type Reply = { data?: { error?: Record<string, string[] | null> }; init?: { status?: number } };

const CJK = /[\u3400-\u9fff]/;
const CODE_NAME = /\b[a-z]+(?:[A-Z][a-z]+)+\b|\b[a-z]+_[a-z]+\b/;

function errorsOf(r: unknown) {
  const reply = r as Reply;
  return {
    status: reply.init?.status ?? (r instanceof Response ? r.status : 200),
    errors: Object.fromEntries(Object.entries(reply.data?.error ?? {}).map(([k, v]) => [k, v ?? []])),
  };
}

function statusOf(r: unknown) {
  if (r instanceof Response) return r.status;
  return (r as Reply).init?.status ?? 200;
}

let s: {
  contractId: string;
  bureau: string;
  buyer: string;
  seller: string;
  outsider: string;
};

beforeAll(async () => {
  const seller = await makeOrg({ kind: "university", verified: true });
  const buyer = await makeOrg({ kind: "enterprise", verified: true });
  const bureau = await makeCaller("bureau");
  const contract = await registeredContract(bureau, seller, buyer);
  const other = await makeOrg({ kind: "enterprise", verified: true });
  s = {
    contractId: contract.id,
    bureau: await cookieFor(bureau.user.id),
    buyer: await cookieFor((await makeUser("company", buyer.id)).id),
    seller: await cookieFor((await makeUser("researcher", seller.id)).id),
    outsider: await cookieFor((await makeUser("company", other.id)).id),
  };
});

const post = (cookie: string | null, fields: Record<string, string>, lng = "zh-CN") =>
  runPage(contractPage.action, pagePost(`/contracts/${s.contractId}?lng=${lng}`, cookie, fields), {
    id: s.contractId,
  });

// each form sent empty (or half filled), by someone who may use it, and the fields it must name
const EMPTY: Array<{ intent: string; who: "bureau" | "buyer"; fields?: Record<string, string>; named: string[] }> = [
  { intent: "review", who: "bureau", named: ["decision"] },
  { intent: "review", who: "bureau", fields: { decision: "return" }, named: ["note"] },
  { intent: "amend", who: "bureau", named: ["contractAmount", "reason"] },
  { intent: "amend", who: "bureau", fields: { contractAmount: "12万", reason: "x" }, named: ["contractAmount"] },
  { intent: "cancel", who: "bureau", named: ["reason"] },
  { intent: "resolveFlag", who: "bureau", fields: { flagId: "f1" }, named: ["resolution"] },
  { intent: "recordPayment", who: "buyer", named: ["amount", "paidAt", "reference"] },
  {
    intent: "recordPayment",
    who: "buyer",
    fields: { amount: "1.234", amountUnit: "yuan", paidAt: "2999-01-01", reference: "R1" },
    named: ["amount", "paidAt"],
  },
  { intent: "payByCard", who: "buyer", named: ["cardAmount"] },
  { intent: "disputePayment", who: "buyer", fields: { paymentId: "p1" }, named: ["reason"] },
  {
    intent: "saveSchedule",
    who: "buyer",
    fields: { "milestones[0].title": "首付款", "milestones[1].amount": "abc" },
    named: ["milestones[0].dueDate", "milestones[0].amount", "milestones[1].amount", "milestones[1].title"],
  },
  { intent: "applySubsidy", who: "buyer", named: ["programme", "role"] },
];

describe("an empty or bad form is refused in the reader's language", () => {
  for (const { intent, who, fields, named } of EMPTY) {
    test(`${intent} ${fields ? JSON.stringify(fields) : "empty"}`, async () => {
      for (const lng of ["zh-CN", "en"] as const) {
        const r = errorsOf(await post(s[who], { intent, ...fields }, lng));
        expect(r.status, lng).toBe(400);
        for (const name of named) expect(r.errors[name]?.length, `${lng} ${name}`).toBeGreaterThan(0);
        for (const [field, messages] of Object.entries(r.errors)) {
          for (const m of messages) {
            // the reader's half (the form shows it with pickMessage), never a field's code
            const [zh, en] = m.split(" / ");
            expect(CJK.test(zh!), `${field}: ${m}`).toBe(true);
            expect(en && !CJK.test(en), `${field}: ${m}`).toBe(true);
            expect(m, `${field}`).not.toMatch(CODE_NAME);
            expect(zh, `${field}: ${m}`).not.toMatch(/\b[a-z]{2,}\b/);
          }
        }
      }
      const contract = await prisma.contract.findUniqueOrThrow({ where: { id: s.contractId } });
      expect([contract.status, contract.version]).toEqual(["registered", 1]);
      expect(await prisma.contractPayment.count({ where: { contractId: s.contractId } })).toBe(0);
    });
  }

  test("an unknown intent is a 400, not a 500", async () => {
    expect(statusOf(await post(s.bureau, { intent: "explode" }))).toBe(400);
    expect(statusOf(await post(s.bureau, {}))).toBe(400);
  });
});

describe("the forms work, once", () => {
  test("a bank transfer in 元 and a schedule in 万元 land as exact fen; a refused one writes nothing", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    const recorded = await post(s.buyer, {
      intent: "recordPayment",
      amount: "12,345.67",
      amountUnit: "yuan",
      paidAt: today,
      reference: "PAGE-FORM-1",
    });
    expect((recorded as Response).headers.get("Location")).toBe(`/contracts/${s.contractId}?payment=recorded#payments`);
    const payment = await prisma.contractPayment.findFirstOrThrow({ where: { reference: "PAGE-FORM-1" } });
    expect(payment.amountFen).toBe(1_234_567n);

    const saved = await post(s.buyer, {
      intent: "saveSchedule",
      "milestones[0].title": "首付款",
      "milestones[0].dueDate": "2027-01-15",
      "milestones[0].amount": "1.5",
      "milestones[0].amountUnit": "wan",
      "milestones[1].title": "",
    });
    expect((saved as Response).headers.get("Location")).toBe(
      `/contracts/${s.contractId}?payment=scheduleSaved#payments`,
    );
    const milestones = await prisma.paymentMilestone.findMany({ where: { contractId: s.contractId } });
    expect(milestones.map((m) => [m.title, m.amountFen])).toEqual([["首付款", 1_500_000n]]);

    // the seller disputes it, with a reason
    const disputed = await post(s.seller, { intent: "disputePayment", paymentId: payment.id, reason: "未到账" });
    expect((disputed as Response).headers.get("Location")).toContain("payment=disputed");
  });
});

describe("other organizations, other roles and anonymous callers are refused", () => {
  const BODIES: Record<string, Record<string, string>> = {
    submit: { intent: "submit" },
    delete: { intent: "delete" },
    confirm: { intent: "confirm" },
    review: { intent: "review", decision: "reject", note: "不予登记" },
    amend: { intent: "amend", contractAmount: "1", contractAmountUnit: "yuan", reason: "改" },
    cancel: { intent: "cancel", reason: "撤销" },
    recordPayment: { intent: "recordPayment", amount: "1", amountUnit: "yuan", paidAt: "2026-01-02", reference: "X" },
    saveSchedule: { intent: "saveSchedule" },
    applySubsidy: { intent: "applySubsidy", programme: "none", role: "buyer" },
  };

  test("anonymous: every form sends to the login page", async () => {
    for (const body of [...Object.values(BODIES), { intent: "resolveFlag", flagId: "f", resolution: "ok" }]) {
      const r = (await post(null, body)) as Response;
      expect(r.status, body.intent).toBe(302);
      expect(r.headers.get("Location"), body.intent).toContain("/login");
    }
  });

  test("another organization sees no such contract; another role may not act", async () => {
    for (const [intent, body] of Object.entries(BODIES)) {
      const status = statusOf(await post(s.outsider, body));
      expect([403, 404], `outsider ${intent}`).toContain(status);
    }
    // the seller's researcher is no bureau; the buyer's company records payments but never reviews
    for (const intent of ["review", "amend", "cancel"]) {
      expect(statusOf(await post(s.seller, BODIES[intent]!)), `seller ${intent}`).toBe(403);
      expect(statusOf(await post(s.buyer, BODIES[intent]!)), `buyer ${intent}`).toBe(403);
    }
    expect(statusOf(await post(s.seller, BODIES.recordPayment!)), "seller records").toBe(403);
    expect(statusOf(await post(s.buyer, { intent: "resolveFlag", flagId: "f", resolution: "ok" }))).toBe(403);
    const contract = await prisma.contract.findUniqueOrThrow({ where: { id: s.contractId } });
    expect([contract.status, contract.version]).toEqual(["registered", 1]);
    expect(await prisma.contractPayment.count({ where: { contractId: s.contractId, reference: "X" } })).toBe(0);
  });
});
