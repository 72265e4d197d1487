// The bureau's sub-centre page (/bureau/subcentres): the form actions — dispatch a need, enter a
// scorecard category, set a sub-centre's target, delegate review — parsed with conform and the
// forms' own schema (one per intent), then run through the same backend functions as the API
// (each audited there).
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect } from "react-router";
import type { SessionUser } from "../../auth/session.server.ts";
import { orReply, refused } from "../../components/form-reply.server.ts";
import { prisma } from "../../db/db.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { dispatchNeed } from "../../subcentres/dispatch.server.ts";
import { bureauSubcentreFormSchema } from "../../subcentres/form-schemas.ts";
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
  const submission = parseWithZod(form, { schema: bureauSubcentreFormSchema });
  if (submission.status !== "success") return refused(submission);
  const v = submission.value;
  const run = async (done: string, fn: () => Promise<unknown>, rename: Record<string, string> = {}) => {
    const r = await orReply(submission, locale, fn, rename);
    return r.ok ? redirect(`/bureau/subcentres?year=${year}&done=${done}`) : r.reply;
  };
  switch (v.intent) {
    case "dispatch":
      return run(
        "dispatched",
        () => dispatchNeed(v.needId, { subcentreId: v.subcentreId, dueAt: v.dueDate, note: v.note || undefined }, user),
        { dueAt: "dueDate" },
      );
    case "score":
      return run("scored", () =>
        enterScore(v.subcentreId, { year, category: v.category, points: v.points, note: v.note }, user),
      );
    case "target":
      return run("target", () => updateSubcentre(v.subcentreId, { target: { year, amountFen: v.amountFen } }, user), {
        "target.amountFen": "amount",
      });
    case "delegate":
      return run("delegated", () => updateSubcentre(v.subcentreId, { delegatedReview: v.delegatedReview }, user));
  }
}
