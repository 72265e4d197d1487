// Periodic work of the app process. Each job is idempotent and safe to run in several processes.
import { deliverPendingMail } from "../mail/mail.server.ts";
import { pruneAuthRecords } from "../auth/accounts.server.ts";

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

export const backgroundJobs: Job[] = [
  { name: "mail", everyMs: 2_000, run: () => deliverPendingMail() },
  { name: "auth-prune", everyMs: 3_600_000, run: () => pruneAuthRecords() },
  // search (issue #3): Meilisearch outbox (retries with backoff; switches itself off without
  // MEILI_HOST), and match alerts for new publications with the daily digest mails
  { name: "search-outbox", everyMs: 5_000, run: async () => (await import("../../search/meili.server.ts")).drainSearchOutbox({ log: console.log }) },
  { name: "match-alerts", everyMs: 60_000, run: async () => (await import("../../search/alerts.server.ts")).runMatchAlerts() },
];

export function startBackgroundWork({ log }: { log: (m: string) => void }) {
  const timers = backgroundJobs.map((job) => {
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (error) {
        log(`background job ${job.name} failed: ${String(error)}`);
      } finally {
        running = false;
      }
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}
