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

test("events chained in bulk (audit_append_chained, the CLI import's path) and row-by-row writers form one chain", async () => {
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_append_only`);
  await prisma.$executeRaw`DELETE FROM "AuditEvent"`;
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_append_only`);
  const bulk = (tag: string) =>
    prisma.$transaction(async (tx) => {
      const ids = Array.from({ length: 300 }, (_, i) => `${tag}-${i}`);
      const befores = ids.map(() => "null");
      const afters = ids.map((id, i) => JSON.stringify({ id, line: i + 1, title: `成果 “${id}” ü` }));
      await tx.$executeRaw`SELECT audit_append_chained('result', ${ids}::text[], 'import', NULL, ${befores}::text[]::jsonb[], ${afters}::text[]::jsonb[])`;
      // what the same transaction writes next goes through the row trigger again
      await recordAudit(tx, { entityType: "result", entityId: `${tag}-after`, action: "update", after: { n: 1 } });
    });
  await Promise.all([
    ...["a", "b", "c", "d"].map(bulk),
    ...Array.from({ length: 20 }, (_, i) =>
      prisma.$transaction((tx) => recordAudit(tx, { entityType: "need", entityId: `n${i}`, action: "create" })),
    ),
  ]);
  expect(await verifyAuditChain()).toEqual({ ok: true, events: 4 * 301 + 20 });
  // one bulk's events are consecutive, in the order given, stamped like the column's default
  const a = await prisma.auditEvent.findMany({
    where: { entityId: { startsWith: "a-" }, action: "import" },
    orderBy: { seq: "asc" },
  });
  expect(a.map((e) => e.entityId)).toEqual(Array.from({ length: 300 }, (_, i) => `a-${i}`));
  // consecutive in the chain: no other event between the first and the last. The seq values
  // themselves may skip numbers — a row writer's INSERT draws its column default before its trigger
  // waits for the lock (the trigger then draws again), so that first value can fall inside a bulk.
  const between = await prisma.auditEvent.count({ where: { seq: { gte: a[0]!.seq, lte: a[299]!.seq } } });
  expect(between).toBe(300);
  expect(a[0]!.before).toBeNull();
  expect(a[1]!.after).toEqual({ id: "a-1", line: 2, title: "成果 “a-1” ü" });
  expect(a[0]!.createdAt.getTime()).toBeGreaterThan(Date.now() - 120_000);
  expect(a[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  // the trigger skips only the function's own insert: a row written with a forged hash is re-hashed
  await prisma.$executeRaw`INSERT INTO "AuditEvent" ("entityType", "entityId", action, hash, "prevHash") VALUES ('need', 'forged', 'create', 'x', 'y')`;
  const forged = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: "forged" } });
  expect(forged.hash).not.toBe("x");
  expect(await verifyAuditChain()).toEqual({ ok: true, events: 4 * 301 + 21 });
});
