// Match alerts: when a result or need becomes published and matches an open listing of
// the other kind above a threshold, the users of the *other* listing's organization get an in-app
// notification, and at most one digest mail per user and day (Asia/Shanghai) through the outbox.
// Every (need, result) pair alerts once (MatchAlert is unique per pair).
//
// Two ways in, both idempotent:
// - matchAlertsAfterCommit(kind, id): called by the publishing code after its commit, in its own
//   transaction (onListingPublished(tx, …) runs the same inside a caller's transaction);
// - scanNewPublications(): a background job that catches every publication made by any writer
//   (CLI import, seeds, a code path that did not call the hook), from a watermark.
import { prisma, type Tx } from "../app/db/db.server.ts";
import { queueMail } from "../app/mail/mail.server.ts";
import { publicLink } from "../app/mail/public-url.server.ts";
import { findMatches, poolExec, txExec, type Exec, type ListingKind } from "./matching.server.ts";
import { shanghaiDate } from "../app/domain/time.ts";
import { getEnv } from "../app/env.server.ts";
import { notificationText, type Bilingual } from "../app/notifications/messages.server.ts";

/** Minimum match score for an alert (MATCH_ALERT_MIN_SCORE, default 0.45). */
export function alertMinScore() {
  const v = getEnv().MATCH_ALERT_MIN_SCORE;
  return Number.isFinite(v) && v > 0 && v <= 1 ? v : 0.45;
}
/** At most this many alerts per publication. */
export const ALERTS_PER_PUBLICATION = 5;

type Db = Tx | typeof prisma;

type Created = { alertId: string; recipients: number };

/**
 * Finds the matches of a newly published listing and records the new alerts with their in-app
 * notifications. Returns the alerts created (pairs already alerted are skipped).
 */
async function alertMatches(db: Db, exec: Exec, kind: ListingKind, id: string): Promise<Created[]> {
  const source =
    kind === "need"
      ? await db.need.findUnique({ where: { id }, select: { id: true, title: true, status: true } })
      : await db.result.findUnique({ where: { id }, select: { id: true, title: true, status: true } });
  if (!source || source.status !== "published") return [];
  const matches = await findMatches(kind, id, { limit: ALERTS_PER_PUBLICATION, minScore: alertMinScore(), exec });
  const created: Created[] = [];
  for (const m of matches) {
    const needId = kind === "need" ? id : m.id;
    const resultId = kind === "result" ? id : m.id;
    const inserted = await db.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "MatchAlert" (id, "needId", "resultId", score, "trigger", reasons)
      VALUES (${`ma_${needId}_${resultId}`.slice(0, 190)}, ${needId}, ${resultId}, ${m.score}, ${kind}, ${m.reasons})
      ON CONFLICT ("needId", "resultId") DO NOTHING RETURNING id`;
    const alertId = inserted[0]?.id;
    if (!alertId) continue;
    // the owner of the *other* listing is told
    const other =
      kind === "need"
        ? await db.result.findUnique({ where: { id: m.id }, select: { id: true, title: true, organizationId: true } })
        : await db.need.findUnique({ where: { id: m.id }, select: { id: true, title: true, organizationId: true } });
    if (!other) continue;
    const users = await db.user.findMany({ where: { organizationId: other.organizationId }, select: { id: true } });
    const pct = Math.round(m.score * 100);
    const title: Bilingual =
      kind === "result"
        ? {
            zh: `您的需求“${other.title}”有新的匹配成果：“${source.title}”（匹配度 ${pct}%）`,
            en: `A new result matches your need “${other.title}”: “${source.title}” (${pct}% match)`,
          }
        : {
            zh: `新需求“${source.title}”与您的成果“${other.title}”匹配（匹配度 ${pct}%）`,
            en: `A new need “${source.title}” matches your result “${other.title}” (${pct}% match)`,
          };
    const link = kind === "result" ? `/results/${id}` : `/needs/${id}`;
    for (const u of users) {
      await db.notification.create({
        // the reasons are the matcher's Chinese lines in both columns: the dashboard labels them in
        // the reader's language as the match cards do (app/components/match-list.tsx)
        data: { userId: u.id, kind: "match_alert", ...notificationText(title, m.reasons.join("\n")), link },
      });
      await db.matchAlertRecipient.create({ data: { alertId, userId: u.id } });
    }
    created.push({ alertId, recipients: users.length });
  }
  return created;
}

/**
 * For the publishing code: call inside the transaction that publishes the listing (after the
 * status change), e.g. `await onListingPublished(tx, "need", id)`. Reads through the
 * transaction, so it sees the uncommitted publication; does nothing for an unpublished listing.
 */
export async function onListingPublished(tx: Tx, kind: ListingKind, id: string) {
  return alertMatches(tx, txExec(tx), kind, id);
}

const afterCommit = new Set<Promise<unknown>>();

/**
 * For the publishing code, after its transaction committed: the match alerts of the new
 * publication in their own transaction (explicit timeout), off the publishing request, so a slow
 * or failing match never holds the approval's locks or fails it. A failure is left to the
 * background scan, which sees every publication from its watermark.
 */
export function matchAlertsAfterCommit(kind: ListingKind, id: string): void {
  const job: Promise<unknown> = prisma
    .$transaction((tx) => alertMatches(tx, poolExec, kind, id), { timeout: 60_000, maxWait: 10_000 })
    .catch((error) => console.error("match alerts failed; the background scan will retry", kind, id, error))
    .finally(() => afterCommit.delete(job));
  afterCommit.add(job);
}

/** Waits for the after-commit alert jobs started so far (tests, graceful shutdown). */
export async function settleMatchAlerts() {
  await Promise.allSettled([...afterCommit]);
}

const WATERMARK_KEY = "search.alerts.since";
/** Publications are re-read this far behind the watermark (transactions that committed late). */
const OVERLAP_MS = 5 * 60_000;
const processed = new Map<string, number>();

/**
 * The background scan: every listing published since the watermark is matched (alerts are
 * unique per pair, so seeing one again is harmless). The first run only sets the watermark: a
 * fresh install does not alert about its existing (e.g. demo) listings.
 */
export async function scanNewPublications(now = new Date()): Promise<number> {
  const mark = await prisma.appSetting.findUnique({ where: { key: WATERMARK_KEY } });
  if (!mark) {
    await prisma.appSetting.create({ data: { key: WATERMARK_KEY, value: now.toISOString() } }).catch(() => {});
    return 0;
  }
  const since = new Date(new Date(String(mark.value)).getTime() - OVERLAP_MS);
  const [results, needs] = await Promise.all([
    prisma.result.findMany({
      where: { status: "published", publishedAt: { gt: since } },
      select: { id: true, publishedAt: true },
      orderBy: { publishedAt: "asc" },
      take: 500,
    }),
    prisma.need.findMany({
      where: { status: "published", publishedAt: { gt: since } },
      select: { id: true, publishedAt: true },
      orderBy: { publishedAt: "asc" },
      take: 500,
    }),
  ]);
  let alerts = 0;
  let newest = new Date(String(mark.value)).getTime();
  for (const [kind, rows] of [
    ["result", results],
    ["need", needs],
  ] as const) {
    for (const row of rows) {
      const at = row.publishedAt!.getTime();
      newest = Math.max(newest, Math.min(at, now.getTime()));
      if (processed.get(`${kind}:${row.id}`) === at) continue;
      alerts += (await prisma.$transaction((tx) => alertMatches(tx, poolExec, kind, row.id), { timeout: 60_000 }))
        .length;
      processed.set(`${kind}:${row.id}`, at);
    }
  }
  if (processed.size > 10_000) processed.clear();
  await prisma.appSetting.update({ where: { key: WATERMARK_KEY }, data: { value: new Date(newest).toISOString() } });
  return alerts;
}

/**
 * Sends each user with pending alerts one digest mail, unless they already had one today
 * (Asia/Shanghai): MatchDigest's primary key (user, day) makes that hold across processes.
 * Alerts left pending go out in the next day's digest.
 */
export async function sendMatchDigests(now = new Date()): Promise<number> {
  const day = shanghaiDate(now);
  const pending = await prisma.matchAlertRecipient.groupBy({ by: ["userId"], where: { mailedAt: null } });
  let sent = 0;
  for (const { userId } of pending) {
    const mailed = await prisma.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<Array<{ userId: string }>>`
        INSERT INTO "MatchDigest" ("userId", day) VALUES (${userId}, ${day}) ON CONFLICT DO NOTHING RETURNING "userId"`;
      if (!claimed.length) return false; // today's digest already went out
      const user = await tx.user.findUnique({
        where: { id: userId },
        select: { email: true, name: true, locale: true },
      });
      const rows = await tx.matchAlertRecipient.findMany({
        where: { userId, mailedAt: null },
        include: { alert: true },
        orderBy: { notifiedAt: "asc" },
      });
      if (!user || !rows.length) return false;
      const needs = await tx.need.findMany({
        where: { id: { in: rows.map((r) => r.alert.needId) } },
        select: { id: true, title: true },
      });
      const results = await tx.result.findMany({
        where: { id: { in: rows.map((r) => r.alert.resultId) } },
        select: { id: true, title: true },
      });
      const needTitle = new Map(needs.map((n) => [n.id, n.title]));
      const resultTitle = new Map(results.map((r) => [r.id, r.title]));
      // links in the recipient's language, like every mail link (docs/decisions/0031)
      const needLink = (id: string) => publicLink(`/needs/${id}`, user.locale);
      const resultLink = (id: string) => publicLink(`/results/${id}`, user.locale);
      // in the recipient's language; the reasons are the matcher's Chinese lines in both
      const en = user.locale?.startsWith("en") ?? false;
      const lines = rows.map((r, i) => {
        const a = r.alert;
        const need = needTitle.get(a.needId) ?? a.needId;
        const result = resultTitle.get(a.resultId) ?? a.resultId;
        const pct = Math.round(a.score * 100);
        return [
          en
            ? `${i + 1}. Need “${need}” ↔ result “${result}” (${pct}% match)`
            : `${i + 1}. 需求“${need}” ↔ 成果“${result}”（匹配度 ${pct}%）`,
          ...a.reasons.map((x) => `   ${x}`),
          en
            ? `   Need: ${needLink(a.needId)}  Result: ${resultLink(a.resultId)}`
            : `   需求：${needLink(a.needId)}  成果：${resultLink(a.resultId)}`,
        ].join("\n");
      });
      const mail = await queueMail(
        {
          to: user.email,
          subject: en
            ? `[Ganzhou Technology Market] Today's technology matches (${rows.length})`
            : `【赣州科技大市场】今日技术匹配提醒（${rows.length} 条）`,
          text: (en
            ? [
                `Dear ${user.name},`,
                "",
                "New matches for your organization's needs or results (at most one digest mail a day):",
                "",
                ...lines,
              ]
            : [
                `${user.name}，您好：`,
                "",
                `以下是与您机构的需求或成果新匹配上的条目（每天最多一封汇总邮件）：`,
                "",
                ...lines,
                "",
                `New matches for your organization's needs or results (one digest per day): ${rows.length}.`,
              ]
          ).join("\n"),
          kind: "match_digest",
        },
        tx,
      );
      await tx.matchAlertRecipient.updateMany({
        where: { userId, alertId: { in: rows.map((r) => r.alertId) } },
        data: { mailedAt: now },
      });
      await tx.matchDigest.update({
        where: { userId_day: { userId, day } },
        data: { alertCount: rows.length, mailId: mail.id },
      });
      return true;
    });
    if (mailed) sent++;
  }
  return sent;
}

/** The background job: new publications → alerts → digests. */
export async function runMatchAlerts() {
  const alerts = await scanNewPublications();
  const digests = await sendMatchDigests();
  return { alerts, digests };
}
