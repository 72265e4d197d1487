// Helpers of the subsidy tests: programmes through the API, registered contracts with confirmed
// payments, and calls of the subsidy endpoints.
import { randomInt, randomUUID } from "node:crypto";
import { expect } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { currentShanghaiYear } from "../../app/domain/time.ts";
import * as programmesRoute from "../../app/routes/api.v1.subsidies.programmes.ts";
import * as programmeRoute from "../../app/routes/api.v1.subsidies.programmes.$id.ts";
import * as eligibilityRoute from "../../app/routes/api.v1.subsidies.eligibility.ts";
import * as applicationsRoute from "../../app/routes/api.v1.subsidies.applications.ts";
import * as decideRoute from "../../app/routes/api.v1.subsidies.applications.$id.decide.ts";
import * as disburseRoute from "../../app/routes/api.v1.subsidies.applications.$id.disburse.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import { registeredContract, type Caller } from "./contracts-helpers.ts";

export const YEAR = currentShanghaiYear();
const token = (c: Caller | null) => (c ? { token: c.token } : {});
let serial = 0;

/** A one-rule-per-role programme for this year with small round numbers; overrides per rule. */
export function programmeBody(overrides: Record<string, unknown> = {}, rule: Record<string, unknown> = {}) {
  serial += 1;
  return {
    code: `test-${serial}-${randomUUID().slice(0, 6)}`,
    year: YEAR,
    name: { zh: "测试奖补", en: "Test subsidy" },
    validFrom: `${YEAR}-01-01`,
    validUntil: `${YEAR}-12-31`,
    budgetFen: 100_000_000,
    mode: "apply",
    rules: [
      {
        role: "buyer",
        rateBp: 1_000,
        capPerContractFen: 5_000_000,
        capPerOrgYearFen: 12_000_000,
        minContractFen: 0,
        basis: "paid",
        ...rule,
      },
    ],
    ...overrides,
  };
}

export const createProgramme = (c: Caller | null, body: unknown) =>
  call(programmesRoute.action, apiRequest("POST", "/api/v1/subsidies/programmes", { ...token(c), body }));
export const listProgrammes = (c: Caller | null, query = "") =>
  call(programmesRoute.loader, apiRequest("GET", `/api/v1/subsidies/programmes${query}`, token(c)));
export const patchProgramme = (c: Caller | null, id: string, body: unknown) =>
  call(programmeRoute.action, apiRequest("PATCH", `/api/v1/subsidies/programmes/${id}`, { ...token(c), body }), {
    id,
  });
export const eligibility = (c: Caller | null, contractId: string) =>
  call(
    eligibilityRoute.loader,
    apiRequest("GET", `/api/v1/subsidies/eligibility?contractId=${encodeURIComponent(contractId)}`, token(c)),
  );
export const apply = (c: Caller | null, body: unknown) =>
  call(applicationsRoute.action, apiRequest("POST", "/api/v1/subsidies/applications", { ...token(c), body }));
export const listApplications = (c: Caller | null, query = "") =>
  call(applicationsRoute.loader, apiRequest("GET", `/api/v1/subsidies/applications${query}`, token(c)));
export const decide = (c: Caller | null, id: string, body: unknown) =>
  call(decideRoute.action, apiRequest("POST", `/api/v1/subsidies/applications/${id}/decide`, { ...token(c), body }), {
    id,
  });
export const disburse = (c: Caller | null, id: string, body: unknown) =>
  call(
    disburseRoute.action,
    apiRequest("POST", `/api/v1/subsidies/applications/${id}/disburse`, { ...token(c), body }),
    { id },
  );

/** A programme created by the bureau; returns its JSON. */
export async function programme(
  bureau: Caller,
  overrides: Record<string, unknown> = {},
  rule: Record<string, unknown> = {},
) {
  const r = await createProgramme(bureau, programmeBody(overrides, rule));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.programme as { id: string; code: string };
}

/** A registered contract (技术交易额 = amount − costs) between the callers' organizations. */
export async function contract(
  bureau: Caller,
  seller: Caller,
  buyer: Caller,
  opts: { amountFen?: number; costsFen?: number; type?: string } = {},
) {
  return registeredContract(bureau, seller.org!, buyer.org!, {
    contractAmountFen: opts.amountFen ?? 100_000_000,
    nonTechnicalCostsFen: opts.costsFen ?? 20_000_000,
    ...(opts.type ? { type: opts.type, subtype: null } : {}),
  }) as Promise<{ id: string; sellerOrgId: string; buyerOrgId: string }>;
}

/** A payment confirmed on the platform (as the seller's confirmation leaves it). */
export async function paid(c: { id: string; sellerOrgId: string; buyerOrgId: string }, amountFen: number) {
  const now = new Date();
  await prisma.contractPayment.create({
    data: {
      id: randomUUID(),
      contractId: c.id,
      method: "bank_transfer",
      amountFen: BigInt(amountFen),
      paidAt: now,
      reference: randomUUID(),
      status: "confirmed",
      payerOrgId: c.buyerOrgId,
      payeeOrgId: c.sellerOrgId,
      confirmedAt: now,
      confirmedYear: YEAR,
    },
  });
}

type Item = {
  programme: string;
  role: string;
  amountFen: number;
  eligible: boolean;
  cappedBy: string | null;
  reasons: Array<{ code: string }>;
};

/** The eligibility item of one programme and role. */
export async function itemOf(c: Caller, contractId: string, code: string, role = "buyer") {
  const r = await eligibility(c, contractId);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const item = (r.body.items as Item[]).find((i) => i.programme === code && i.role === role);
  expect(item, `no item for ${code}/${role}`).toBeTruthy();
  return { ...item!, codes: item!.reasons.map((x) => x.code) };
}

/** A distinct trade name (字号), so the related-party check does not tie the test's parties together. */
function distinctName(suffix: string) {
  let stem = "";
  for (let i = 0; i < 3; i++) stem += String.fromCharCode(0x4e00 + randomInt(0, 0x4fff));
  return `${stem}${suffix}`;
}

/** A company or researcher with an organization of their own, named distinctly. */
export async function party(role: "company" | "researcher" | "broker") {
  const org = await makeOrg({
    name: distinctName(role === "company" ? "科技有限公司" : "研究院"),
    kind: role === "company" ? "enterprise" : "university",
  });
  const caller = await makeCaller(role, { org });
  // a mail domain of its own too: a shared one also reads as related parties
  const email = `${role}-${randomUUID().slice(0, 8)}@${randomUUID().slice(0, 8)}.example`;
  const user = await prisma.user.update({ where: { id: caller.user.id }, data: { email } });
  return { ...caller, user };
}
