// The sub-centre desk's data and actions (/subcentre): which sub-centre the viewer works for, its
// pipeline of contracts, and the form actions (visits, delegated review) parsed with the API's
// schemas and run through the same backend functions as the API.
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect } from "react-router";
import { errors } from "../../api/api.server.ts";
import type { SessionUser } from "../../auth/session.server.ts";
import { orReply, refused } from "../../components/form-reply.server.ts";
import { prisma } from "../../db/db.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { reviewNeed } from "../../listings/needs.server.ts";
import { reviewResult } from "../../listings/results.server.ts";
import { recordVisit } from "../../subcentres/dispatch.server.ts";
import { deskFormSchema } from "../../subcentres/desk-form-schemas.ts";
import { isSubcentreManager, staffSubcentreId } from "../../subcentres/scope.server.ts";

/** Staff: their own sub-centre (whatever ?id= says); bureau and admin: ?id= or the first one. */
export async function deskSubcentreId(user: SessionUser, requested: string | null) {
  if (isSubcentreManager(user)) {
    if (requested) return requested;
    const first = await prisma.subcentre.findFirst({
      orderBy: [{ kind: "asc" }, { name: "asc" }],
      select: { id: true },
    });
    if (!first) throw errors.notFound("分中心");
    return first.id;
  }
  const own = await staffSubcentreId(user);
  if (!own) throw errors.forbidden("只有分中心工作人员可以使用分中心工作台 / Only sub-centre staff use the desk");
  return own;
}

/** Its contracts, newest first, with parties and broker: the sub-centre's pipeline and deals. */
export async function deskPipeline(subcentreId: string) {
  const rows = await prisma.contract.findMany({
    where: { subcentreId, status: { notIn: ["cancelled"] } },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 50,
    select: {
      id: true,
      title: true,
      status: true,
      contractAmountFen: true,
      registeredAt: true,
      sellerOrg: { select: { name: true } },
      buyerOrg: { select: { name: true } },
      brokerUser: { select: { id: true, name: true } },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    status: c.status,
    contractAmountFen: Number(c.contractAmountFen),
    registeredAt: c.registeredAt?.toISOString() ?? null,
    seller: c.sellerOrg.name,
    buyer: c.buyerOrg.name,
    broker: c.brokerUser,
  }));
}

/**
 * The desk's forms (deskFormSchema, shared with the page): a refused form or backend refusal comes
 * back to the form that was sent, under its fields; success redirects with `done`.
 */
export async function deskAction(user: SessionUser, form: FormData, locale: Locale, back: string) {
  const submission = parseWithZod(form, { schema: deskFormSchema });
  if (submission.status !== "success") return refused(submission);
  const v = submission.value;
  const result = await orReply(submission, locale, async () => {
    if (v.intent === "visit") await recordVisit(v.dispatchId, v.visit, user);
    else if (v.kind === "result") await reviewResult(user, v.listingId, v.review);
    else await reviewNeed(user, v.listingId, v.review);
  });
  if (!result.ok) return result.reply;
  return redirect(`${back}${back.includes("?") ? "&" : "?"}done=${v.intent}`);
}
