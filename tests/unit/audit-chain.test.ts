import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { recordAudit, verifyAuditChain } from "../../app/audit/audit.server.ts";

test("the audit chain verifies, refuses updates, and detects a tampered row", async () => {
  for (let i = 0; i < 5; i++) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, {
        entityType: "contract",
        entityId: `c${i}`,
        action: "update",
        before: { a: i },
        after: { a: i + 1 },
      }),
    );
  }
  expect(await verifyAuditChain()).toEqual({ ok: true, events: 5 });

  const third = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: "c2" } });
  await expect(prisma.$executeRaw`UPDATE "AuditEvent" SET action = 'x' WHERE seq = ${third.seq}`).rejects.toThrow(
    /append-only/,
  );
  await expect(prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE seq = ${third.seq}`).rejects.toThrow(/append-only/);

  // Someone with table-owner rights disables the guard and edits history.
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_append_only`);
  await prisma.$executeRaw`UPDATE "AuditEvent" SET after = '{"a": 1000}'::jsonb WHERE seq = ${third.seq}`;
  const result = await verifyAuditChain();
  expect(result).toEqual({ ok: false, events: 5, firstBrokenEventId: String(third.seq) });
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_append_only`);
});

test("deleting an event from the middle of the chain is detected at the next event", async () => {
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_append_only`);
  await prisma.$executeRaw`DELETE FROM "AuditEvent"`;
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_append_only`);
  expect((await verifyAuditChain()).ok).toBe(true);
  const start = (await prisma.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
  for (let i = 0; i < 3; i++) {
    await prisma.$transaction((tx) => recordAudit(tx, { entityType: "need", entityId: `d${i}`, action: "create" }));
  }
  const rows = await prisma.auditEvent.findMany({ where: { seq: { gt: start } }, orderBy: { seq: "asc" } });
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_append_only`);
  await prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE seq = ${rows[1]!.seq}`;
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_append_only`);
  const result = await verifyAuditChain();
  expect(result.ok).toBe(false);
  if (!result.ok) expect(BigInt(result.firstBrokenEventId)).toBeLessThanOrEqual(rows[2]!.seq);
});

test("concurrent writers still form one unbroken chain", async () => {
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_append_only`);
  await prisma.$executeRaw`DELETE FROM "AuditEvent"`;
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_append_only`);
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      prisma.$transaction((tx) => recordAudit(tx, { entityType: "result", entityId: `r${i}`, action: "create" })),
    ),
  );
  expect(await verifyAuditChain()).toEqual({ ok: true, events: 20 });
});
