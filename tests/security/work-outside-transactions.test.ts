// Finding: SMTP mail was sent inside a database transaction (a slow mail server held locks, and a
// transaction that timed out after the send rolled back and sent the mail again), and match
// alerts ran inside the listing-approval transaction (under load past Prisma's 5 s limit, and the
// approval itself failed). Now mail is claimed in one statement and sent after commit, and match
// alerts run after the approval committed, in their own transaction.
import net from "node:net";
import { afterEach, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { deliverPendingMail, queueMail } from "../../app/mail/mail.server.ts";
import { settleMatchAlerts } from "../../search/alerts.server.ts";
import { expectConsoleError } from "../support/console.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import * as review from "../../app/routes/api.v1.results.$id.review.ts";

const approve = (id: string, token: string) =>
  call(review.action, apiRequest("POST", `/api/v1/results/${id}/review`, { token, body: { decision: "approve" } }), {
    id,
  });

async function pendingResultWithAMatchingNeed() {
  const uni = await makeOrg({ kind: "university" });
  const company = await makeOrg({ kind: "enterprise" });
  await makeCaller("company", { org: company });
  await prisma.need.create({
    data: {
      organizationId: company.id,
      title: "电机磁钢高温掉磁",
      description: "磁钢高温后磁力变弱，矫顽力不够，想提高耐温性。",
      targetIndicators: "",
      keywords: ["钕铁硼", "矫顽力"],
      field: "rare_earth",
      status: "published",
      publishedAt: new Date(),
    },
  });
  const result = await prisma.result.create({
    data: {
      organizationId: uni.id,
      title: "低重稀土高矫顽力钕铁硼磁体制备技术",
      summary: "晶界扩散减少镝铽用量，矫顽力高，耐高温退磁。",
      keywords: ["钕铁硼", "矫顽力"],
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["license"],
      status: "pending_review",
    },
  });
  return result;
}

test("a listing approval commits at once while match alerts are blocked, and the alerts follow after commit", async () => {
  const bureau = await makeCaller("bureau");
  const result = await pendingResultWithAMatchingNeed();
  // another session holds the alerts table for 7 s: matching inside the approval would wait past Prisma's 5 s
  const holder = prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`LOCK TABLE "MatchAlert" IN ACCESS EXCLUSIVE MODE`);
      await tx.$executeRawUnsafe(`SELECT pg_sleep(7)`);
    },
    { timeout: 20_000, maxWait: 5_000 },
  );
  await new Promise((r) => setTimeout(r, 300));
  const started = Date.now();
  const approved = await approve(result.id, bureau.token);
  const took = Date.now() - started;
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe("published");
  expect(took).toBeLessThan(4_000);
  expect(await prisma.matchAlert.count({ where: { resultId: result.id } })).toBe(0);
  await holder;
  await settleMatchAlerts();
  expect(await prisma.matchAlert.count({ where: { resultId: result.id } })).toBeGreaterThan(0);
}, 40_000);

test("an approval succeeds when the match alerts fail; the background scan is left to retry", async () => {
  const bureau = await makeCaller("bureau");
  const result = await pendingResultWithAMatchingNeed();
  // the alert insert fails (a trigger raising): the approval is not affected
  await prisma.$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION test_fail_alerts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'alerts down'; END $$`,
  );
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER test_fail_alerts BEFORE INSERT ON "MatchAlert" FOR EACH ROW EXECUTE FUNCTION test_fail_alerts()`,
  );
  try {
    const logged = expectConsoleError(/match alerts failed/);
    const approved = await approve(result.id, bureau.token);
    expect(approved.status).toBe(200);
    await settleMatchAlerts();
    expect(logged.calls[0]).toContain("alerts down");
    expect((await prisma.result.findUniqueOrThrow({ where: { id: result.id } })).status).toBe("published");
  } finally {
    await prisma.$executeRawUnsafe(`DROP TRIGGER test_fail_alerts ON "MatchAlert"`);
  }
});

// A minimal SMTP server: counts DATA commands; `delayMs` holds the reply to DATA like a slow server.
function smtpServer(delayMs: number) {
  let messages = 0;
  const server = net.createServer((socket) => {
    socket.write("220 test ESMTP\r\n");
    let inData = false;
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let index: number;
      while ((index = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            messages += 1;
            setTimeout(() => socket.write("250 queued\r\n"), delayMs);
          }
          continue;
        }
        const command = line.toUpperCase();
        if (command.startsWith("EHLO") || command.startsWith("HELO")) socket.write("250 test\r\n");
        else if (command.startsWith("DATA")) {
          inData = true;
          socket.write("354 go\r\n");
        } else if (command.startsWith("QUIT")) socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
    socket.on("error", () => {});
  });
  return new Promise<{ port: number; count: () => number; close: () => Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({ port, count: () => messages, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

const savedSmtp = process.env.SMTP_URL;
afterEach(() => {
  if (savedSmtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtp;
});

test("mail goes out once through a slow SMTP server, even with two senders at once, and no transaction waits for it", async () => {
  // each message takes 6 s to be accepted: longer than Prisma's default 5 s transaction timeout
  const smtp = await smtpServer(6_000);
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  const { resetMailTransport } = await import("../../app/mail/mail.server.ts");
  resetMailTransport();
  try {
    await prisma.outboxMail.updateMany({ where: { status: "pending" }, data: { status: "failed" } });
    const mail = await queueMail({ to: "a@test.local", subject: "测试", text: "正文", kind: "test" });
    // two background runs at once (two processes, or a retry while the first is still sending)
    const [a, b] = await Promise.all([deliverPendingMail(5), deliverPendingMail(5)]);
    expect(a + b).toBe(1);
    expect(smtp.count()).toBe(1);
    const row = await prisma.outboxMail.findUniqueOrThrow({ where: { id: mail.id } });
    expect(row.status).toBe("sent");
    expect(row.attempts).toBe(1);
    // and again later: nothing left to send
    expect(await deliverPendingMail(5)).toBe(0);
    expect(smtp.count()).toBe(1);
  } finally {
    resetMailTransport();
    await smtp.close();
  }
}, 40_000);
