// The bureau's sub-centre page (/bureau/subcentres): the form actions — dispatch a need, enter a
// scorecard category, set a sub-centre's target, delegate review — parsed with the API's schemas
// and run through the same backend functions as the API (each audited there).
import { redirect } from "react-router";
import type { SessionUser } from "../../auth/session.server.ts";
import { failure, orFailure, zodFailure } from "../../components/contracts/errors.server.ts";
import { isFailure } from "../../components/contracts/failure.ts";
import { money, text } from "../../components/contracts/form-data.server.ts";
import { prisma } from "../../db/db.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { dispatchNeed } from "../../subcentres/dispatch.server.ts";
import { dispatchSchema, scoreSchema, subcentrePatchSchema } from "../../subcentres/schemas.ts";
import { subcentreStats, enterScore } from "../../subcentres/stats.server.ts";
import { listSubcentres, updateSubcentre } from "../../subcentres/subcentres.server.ts";

/** Every sub-centre with the year's figures and target. */
export async function subcentreOverview(year: number) {
  const list = await listSubcentres();
  const stats = await Promise.all(list.items.map((s) => subcentreStats(s.id, year)));
  return list.items.map((s, i) => ({ ...s, stats: stats[i]! }));
}

/** Published needs to dispatch, newest first, picked by title. */
export async function dispatchableNeeds() {
  const rows = await prisma.need.findMany({
    where: { status: "published" },
    select: { id: true, title: true, organization: { select: { name: true } } },
    orderBy: { publishedAt: "desc" },
    take: 300,
  });
  return rows.map((n) => ({ id: n.id, title: n.title, orgName: n.organization.name }));
}

export async function bureauSubcentreAction(user: SessionUser, form: FormData, locale: Locale, year: number) {
  const intent = text(form, "intent");
  const back = (done: string) => redirect(`/bureau/subcentres?year=${year}&done=${done}`);
  if (intent === "dispatch") {
    const day = text(form, "dueDate");
    const parsed = dispatchSchema.safeParse({
      subcentreId: text(form, "subcentreId"),
      // the end of the chosen day in Beijing
      dueAt: /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T23:59:59+08:00` : day,
      note: text(form, "note") || undefined,
    });
    const needId = text(form, "needId");
    if (!parsed.success || !needId) {
      const fields = parsed.success ? {} : zodFailure(parsed.error, locale, { dueAt: "dueDate" }).fields;
      if (!needId) fields.needId = locale === "en" ? "Choose a need" : "请选择技术需求";
      return failure(locale, fields);
    }
    const r = await orFailure(locale, () => dispatchNeed(needId, parsed.data, user), { dueAt: "dueDate" });
    if (isFailure(r)) return r;
    return back("dispatched");
  }
  if (intent === "score") {
    const parsed = scoreSchema.safeParse({
      year,
      category: text(form, "category"),
      points: Number(text(form, "points")),
      note: text(form, "note"),
    });
    if (!parsed.success) return zodFailure(parsed.error, locale);
    const r = await orFailure(locale, () => enterScore(text(form, "subcentreId"), parsed.data, user));
    if (isFailure(r)) return r;
    return back("scored");
  }
  if (intent === "target") {
    const amount = money(form, "amount", locale, { required: true });
    if (amount.error || amount.fen === null) return failure(locale, { amount: amount.error ?? "" });
    const parsed = subcentrePatchSchema.safeParse({ target: { year, amountFen: amount.fen } });
    if (!parsed.success) return zodFailure(parsed.error, locale, { "target.amountFen": "amount" });
    const r = await orFailure(locale, () => updateSubcentre(text(form, "subcentreId"), parsed.data, user));
    if (isFailure(r)) return r;
    return back("target");
  }
  if (intent === "delegate") {
    const parsed = subcentrePatchSchema.safeParse({ delegatedReview: text(form, "delegatedReview") === "true" });
    if (!parsed.success) return zodFailure(parsed.error, locale);
    const r = await orFailure(locale, () => updateSubcentre(text(form, "subcentreId"), parsed.data, user));
    if (isFailure(r)) return r;
    return back("delegated");
  }
  return failure(locale, {});
}
