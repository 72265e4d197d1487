// The subsidy pages' loaders and actions, called with a session cookie: the contract page's 奖补
// section and its Apply form, the bureau's programme list and programme page (approve behind the
// confirmation box, reject needs a note, disburse), "my applications", and other roles refused.
import { expect, test } from "vitest";
import { cookieFor } from "../support/pages.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as contractPage from "../../app/routes/contracts.$id.tsx";
import * as bureauList from "../../app/routes/bureau.subsidies._index.tsx";
import * as bureauProgramme from "../../app/routes/bureau.subsidies.$programme.tsx";
import * as mySubsidies from "../../app/routes/my.subsidies.tsx";
import { makeCaller } from "../factories.ts";
import { replyErrors } from "../support/pages.ts";
import { YEAR, contract, paid, party, programme } from "./subsidies-helpers.ts";

type Args = { request: Request; params: Record<string, string>; context: unknown };
type Handler = (args: never) => unknown;

const get = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
const post = (path: string, cookie: string, fields: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: new URLSearchParams(fields),
  });
async function run(handler: Handler, request: Request, params: Record<string, string> = {}) {
  try {
    return await (handler as (a: Args) => Promise<unknown>)({ request, params, context: {} });
  } catch (thrown) {
    return thrown;
  }
}
const statusOf = (r: unknown) =>
  r instanceof Response ? r.status : (r as { init?: { status?: number } }).init?.status;

test("a buyer applies on the contract page; the bureau approves and disburses on the programme page", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await party("researcher");
  const buyer = await party("company");
  const p = await programme(bureau);
  const c = await contract(bureau, seller, buyer);
  await paid(c, 30_000_000);
  const buyerCookie = await cookieFor(buyer.user.id);
  const sellerCookie = await cookieFor(seller.user.id);
  const bureauCookie = await cookieFor(bureau.user.id);

  const view = (await run(contractPage.loader, get(`/contracts/${c.id}`, buyerCookie), { id: c.id })) as {
    subsidies: {
      items: Array<{
        programme: string;
        role: string;
        canApply: boolean;
        amountFen: number;
        reasons: Array<{ text: string }>;
      }>;
    };
  };
  const mine = view.subsidies.items.find((i) => i.programme === p.code && i.role === "buyer")!;
  expect(mine).toMatchObject({ canApply: true, amountFen: 3_000_000 });
  expect(mine.reasons[0]!.text).not.toContain(" / "); // the reader's half
  const theirs = (await run(contractPage.loader, get(`/contracts/${c.id}`, sellerCookie), { id: c.id })) as typeof view;
  expect(theirs.subsidies.items.find((i) => i.programme === p.code && i.role === "buyer")!.canApply).toBe(false);
  // the seller's member cannot apply for the buyer
  const refused = (await run(
    contractPage.action,
    post(`/contracts/${c.id}`, sellerCookie, { intent: "applySubsidy", programme: p.code, role: "buyer" }),
    { id: c.id },
  )) as { data?: { error?: Record<string, string[]> }; init?: { status?: number } };
  expect(refused.init?.status).toBe(403);
  expect(refused.data?.error?.[""]?.length).toBe(1);
  const applied = await run(
    contractPage.action,
    post(`/contracts/${c.id}`, buyerCookie, { intent: "applySubsidy", programme: p.code, role: "buyer" }),
    { id: c.id },
  );
  expect(statusOf(applied)).toBe(302);
  const app = await prisma.subsidyApplication.findFirstOrThrow({ where: { programmeCode: p.code } });

  // the bureau's pages; other roles are refused
  const list = (await run(bureauList.loader, get(`/bureau/subsidies?year=${YEAR}`, bureauCookie))) as {
    programmes: Array<{ programme: { code: string }; pendingFen: number }>;
  };
  expect(list.programmes.find((x) => x.programme.code === p.code)?.pendingFen).toBe(3_000_000);
  expect(statusOf(await run(bureauList.loader, get("/bureau/subsidies", buyerCookie)))).toBe(403);
  const path = `/bureau/subsidies/${p.code}?year=${YEAR}`;
  expect(statusOf(await run(bureauProgramme.loader, get(path, buyerCookie), { programme: p.code }))).toBe(403);
  const page = (await run(bureauProgramme.loader, get(path, bureauCookie), { programme: p.code })) as {
    applications: Array<{ id: string }>;
  };
  expect(page.applications.map((a) => a.id)).toEqual([app.id]);

  const act = (fields: Record<string, string>) =>
    run(bureauProgramme.action, post(path, bureauCookie, { applicationId: app.id, ...fields }), { programme: p.code });
  // without the confirmation box nothing happens; a rejection without a note names the field
  const unconfirmed = await act({ intent: "decide", decision: "approve" });
  expect(statusOf(unconfirmed)).toBe(400);
  expect(replyErrors(unconfirmed)).toEqual({ confirm: ["请先勾选确认框 / Tick the confirmation box first"] });
  const noNote = await act({ intent: "decide", decision: "reject", confirm: "yes" });
  expect(replyErrors(noNote)).toEqual({ note: ["不予批准须说明理由 / A rejection needs a note"] });
  expect((await prisma.subsidyApplication.findUniqueOrThrow({ where: { id: app.id } })).status).toBe("pending");
  expect(statusOf(await act({ intent: "decide", decision: "approve", confirm: "yes" }))).toBe(302);
  const emptyDisburse = replyErrors(await act({ intent: "disburse" }));
  expect(Object.keys(emptyDisburse).sort()).toEqual(["bankReference", "confirm", "paidAt"]);
  expect(
    statusOf(await act({ intent: "disburse", paidAt: "2026-01-05", bankReference: "GZCZ-1", confirm: "yes" })),
  ).toBe(302);
  expect(await prisma.subsidyApplication.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({
    status: "disbursed",
    bankReference: "GZCZ-1",
  });
  expect(
    statusOf(await run(bureauProgramme.action, post(path, buyerCookie, { intent: "decide" }), { programme: p.code })),
  ).toBe(403);
  const my = (await run(mySubsidies.loader, get("/my/subsidies", buyerCookie))) as {
    applications: Array<{ id: string }>;
  };
  expect(my.applications.map((a) => a.id)).toEqual([app.id]);
  const sellers = (await run(mySubsidies.loader, get("/my/subsidies", sellerCookie))) as typeof my;
  expect(sellers.applications).toHaveLength(0);
});
