// The sub-centre desk's data and actions (/subcentre): which sub-centre the viewer works for, its
// pipeline of contracts, and the form actions (visits, delegated review) parsed with the API's
// schemas and run through the same backend functions as the API.
import { redirect } from "react-router";
import { errors } from "../../api/api.server.ts";
import type { SessionUser } from "../../auth/session.server.ts";
import { orFailure, zodFailure } from "../../components/contracts/errors.server.ts";
import { isFailure } from "../../components/contracts/failure.ts";
import { prisma } from "../../db/db.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { reviewNeed } from "../../listings/needs.server.ts";
import { reviewResult } from "../../listings/results.server.ts";
import { reviewSchema } from "../../listings/schemas.ts";
import { recordVisit } from "../../subcentres/dispatch.server.ts";
import { visitSchema } from "../../subcentres/schemas.ts";
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

/** "2026-12-01T09:30" typed in Beijing time → the API's ISO time with the offset. */
function beijingTime(local: string) {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+08:00` : local;
}

export async function deskAction(user: SessionUser, form: FormData, locale: Locale, back: string) {
  const intent = String(form.get("intent") ?? "");
  if (intent === "visit") {
    const parsed = visitSchema.safeParse({
      visitedAt: beijingTime(String(form.get("visitedAt") ?? "")),
      outcome: form.get("outcome") ?? undefined,
      note: String(form.get("note") ?? "") || undefined,
      close: form.get("close") === "on",
    });
    if (!parsed.success) return zodFailure(parsed.error, locale);
    const result = await orFailure(locale, () => recordVisit(String(form.get("dispatchId") ?? ""), parsed.data, user));
    if (isFailure(result)) return result;
    return redirect(`${back}${back.includes("?") ? "&" : "?"}done=visit`);
  }
  if (intent === "review") {
    const parsed = reviewSchema.safeParse({
      decision: form.get("decision") ?? undefined,
      reason: String(form.get("reason") ?? "") || undefined,
    });
    if (!parsed.success) return zodFailure(parsed.error, locale);
    const id = String(form.get("listingId") ?? "");
    const kind = form.get("kind") === "result" ? "result" : "need";
    const result = await orFailure(locale, async () => {
      if (kind === "result") await reviewResult(user, id, parsed.data);
      else await reviewNeed(user, id, parsed.data);
      return true;
    });
    if (isFailure(result)) return result;
    return redirect(`${back}${back.includes("?") ? "&" : "?"}done=review`);
  }
  return zodFailure(visitSchema.safeParse({}).error!, locale);
}
