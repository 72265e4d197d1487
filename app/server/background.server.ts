// Periodic work of the app process. Each job is idempotent and safe to run in several processes.
import { deliverPendingMail } from "../mail/mail.server.ts";
import { pruneAuthRecords } from "../auth/accounts.server.ts";

type Job = { name: string; everyMs: number; run: () => Promise<unknown>; firstAfterMs?: number };

/**
 * Re-checks this registration year and the last (Asia/Shanghai) for anomaly flags. Contracts are
 * checked one by one when submitted, registered or amended, but a historical import, or a
 * comparison that only becomes unusual as the year fills up (an outlier, a year-end spike), is
 * seen only by a scan of the year. Flags are upserted: a repeated scan changes nothing.
 */
export async function scanRecentAnomalies(now = new Date()) {
  const { scanAnomalies } = await import("../contracts/anomalies.server.ts");
  const { shanghaiYearMonth } = await import("../domain/time.ts");
  const { year } = shanghaiYearMonth(now);
  return [await scanAnomalies(year - 1), await scanAnomalies(year)];
}

export const backgroundJobs: Job[] = [
  { name: "mail", everyMs: 2_000, run: () => deliverPendingMail() },
  { name: "auth-prune", everyMs: 3_600_000, run: () => pruneAuthRecords() },
  // trading: open, close and convert lots at their times (a late read does it too; watchers hear
  // the close within a second), and ask Stripe again for card deposit refunds it does not have yet
  {
    name: "auction-clock",
    everyMs: 1_000,
    run: async () => {
      await import("../auctions/card.server.ts"); // card refunds follow a close
      return (await import("../auctions/close.server.ts")).advanceDueLots();
    },
  },
  {
    name: "card-deposit-refunds",
    everyMs: 60_000,
    firstAfterMs: 15_000,
    run: async () => {
      const { issueCardRefunds } = await import("../auctions/card.server.ts");
      const { paymentAdapter } = await import("../payments/adapters.server.ts");
      return paymentAdapter("stripe").isAvailable() ? issueCardRefunds() : 0;
    },
  },
  // search: Meilisearch outbox (retries with backoff; switches itself off without
  // MEILI_HOST), and match alerts for new publications with the daily digest mails
  {
    name: "search-outbox",
    everyMs: 5_000,
    run: async () => (await import("../../search/meili-sync.server.ts")).drainSearchOutbox({ log: console.log }),
  },
  {
    name: "match-alerts",
    everyMs: 60_000,
    run: async () => (await import("../../search/alerts.server.ts")).runMatchAlerts(),
  },
  // listing files: storage objects of deleted files, queued in the deleting transaction
  {
    name: "storage-deletions",
    everyMs: 60_000,
    firstAfterMs: 20_000,
    run: async () => (await import("../files/storage-outbox.server.ts")).drainStorageDeletions(),
  },
  // events: the day-before reminders (notification and mail, once per registration)
  {
    name: "event-reminders",
    everyMs: 10 * 60_000,
    firstAfterMs: 30_000,
    run: async () => (await import("../events/reminders.server.ts")).sendEventReminders(),
  },
  // contracts: a scan of the recent registration years, soon after start and every 6 h
  { name: "anomaly-scan", everyMs: 6 * 3_600_000, firstAfterMs: 60_000, run: () => scanRecentAnomalies() },
  // subsidies: 免申即享 applications for payments confirmed without the after-commit hook (card
  // webhooks, a crash between commit and hook); idempotent
  {
    name: "subsidy-auto",
    everyMs: 5 * 60_000,
    firstAfterMs: 90_000,
    run: async () => (await import("../subsidies/auto.server.ts")).sweepAutoApplications(),
  },
];

export function startBackgroundWork({ log }: { log: (m: string) => void }) {
  const timers: NodeJS.Timeout[] = [];
  for (const job of backgroundJobs) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (error) {
        log(`background job ${job.name} failed: ${String(error)}`);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    timers.push(timer);
    if (job.firstAfterMs !== undefined) {
      const first = setTimeout(tick, job.firstAfterMs);
      first.unref();
      timers.push(first);
    }
  }
  // clearInterval clears timeouts too
  return () => timers.forEach(clearInterval);
}
