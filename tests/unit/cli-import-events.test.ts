// The listing import's audit events (app/cli/import-listings-write.server.ts) are built by one
// jsonb_build_object over the listing table's columns. Each event's text is hashed into the chain,
// so it must be byte for byte what the import stored before, `(to_jsonb(r) - 'createdAt' -
// 'updatedAt') || jsonb_build_object('via', 'cli', 'line', n)` of the stored row (the content an
// import written row by row had): compared as text here for results and needs with every kind of
// column (arrays, money, dates, enums, trigger-filled sub-centre, unset values), and the chain verifies.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { verifyAuditChain } from "../../app/audit/audit.server.ts";
import { writeListings, type WriteKind } from "../../app/cli/import-listings-write.server.ts";
import { needCreateSchema, resultCreateSchema } from "../../app/listings/schemas.ts";
import { makeOrg, makeUser } from "../factories.ts";

async function eventsAgainstReference(kind: WriteKind, ids: string[]) {
  const table = kind === "results" ? `"Result"` : `"Need"`;
  return prisma.$queryRawUnsafe<Array<{ stored: string; reference: string; line: number }>>(
    `SELECT a.after::text AS stored, (a.after->>'line')::int AS line,
            ((to_jsonb(r) - 'createdAt' - 'updatedAt') || jsonb_build_object('via', 'cli', 'line', (a.after->>'line')::int))::text AS reference
     FROM "AuditEvent" a JOIN ${table} r ON r.id = a."entityId"
     WHERE a.action = 'import' AND r.id = ANY($1::text[])
     ORDER BY a.seq`,
    ids,
  );
}

async function affiliatedOrg(name: string) {
  const org = await makeOrg({ name });
  const subcentre = await prisma.subcentre.create({
    data: { name: `${name}分中心`, kind: "county", regionCode: "360702" },
  });
  await prisma.organization.update({ where: { id: org.id }, data: { subcentreId: subcentre.id } });
  return { org, subcentreId: subcentre.id };
}

test("results: the events are the previous expression's, byte for byte", async () => {
  const { org, subcentreId } = await affiliatedOrg("审计事件对照大学");
  const actor = await makeUser("admin");
  const inputs = [
    {
      title: '稀土永磁 "引号" 与 \\ 反斜杠',
      summary: "晶界扩散工艺。\n第二行 <b>标签</b> 与 emoji 🧲",
      keywords: ["钕铁硼", "晶界扩散"],
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["license", "transfer"],
      priceFen: 123_456_789,
      ipDescription: "发明专利两项",
      patentNumbers: ["ZL202110123456.7"],
      contact: { name: "张三", phone: "0797-1234567", email: "a@example.com" },
    },
    {
      title: "最少字段的成果",
      summary: "只有必填项",
      field: "rare_earth",
      maturity: "lab",
      transferModes: ["license"],
    },
  ].map((v, i) => ({ line: i + 3, organizationId: org.id, input: resultCreateSchema.parse(v) }));
  const ids = await writeListings("results", [inputs], inputs.length, { publish: true, actorId: actor.id });
  const events = await eventsAgainstReference("results", ids);
  expect(events.map((e) => e.line)).toEqual([3, 4]);
  for (const e of events) expect(e.stored).toBe(e.reference);
  const after = JSON.parse(events[0]!.stored);
  expect(after).toMatchObject({ via: "cli", subcentreId, priceFen: 123_456_789, status: "published" });
  expect(after.publishedAt).toEqual(expect.any(String));
  expect(JSON.parse(events[1]!.stored)).toMatchObject({ priceFen: null, patentNumbers: [], createdById: actor.id });
  expect(await verifyAuditChain()).toMatchObject({ ok: true });
});

test("needs, as drafts: the events are the previous expression's, byte for byte", async () => {
  const { org } = await affiliatedOrg("审计事件对照企业");
  const inputs = [
    {
      title: "需求：耐高温磁体",
      description: "工作温度 200 ℃",
      targetIndicators: "矫顽力 ≥ 20 kOe",
      keywords: ["磁体"],
      field: "rare_earth",
      budgetFen: 50_000_000,
      deadline: "2027-03-31",
      cooperationMode: "license",
    },
    { title: "最少字段的需求", description: "只有必填项", field: "rare_earth" },
  ].map((v, i) => ({ line: i + 1, organizationId: org.id, input: needCreateSchema.parse(v) }));
  const ids = await writeListings("needs", [inputs], inputs.length, {});
  const events = await eventsAgainstReference("needs", ids);
  expect(events).toHaveLength(2);
  for (const e of events) expect(e.stored).toBe(e.reference);
  expect(JSON.parse(events[0]!.stored)).toMatchObject({ deadline: expect.any(String), budgetFen: 50_000_000 });
  expect(JSON.parse(events[1]!.stored)).toMatchObject({ status: "draft", createdById: null, cooperationMode: null });
  expect(await verifyAuditChain()).toMatchObject({ ok: true });
});
