// The bureau's target and anomaly forms, through their page actions with a session cookie: conform
// and each form's own schema — an empty or bad form names its fields in words (both languages,
// never a field code), nothing is written, another role is refused, anonymous callers log in, and
// a saved change is audited.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as anomalies from "../../app/routes/bureau.anomalies.tsx";
import * as targets from "../../app/routes/bureau.targets.tsx";
import { makeCaller } from "../factories.ts";
import { contract } from "./subsidies-helpers.ts";
import { cookieFor, pagePost, pageStatus, replyErrors, runPage } from "../support/pages.ts";

const location = (r: unknown) => (r instanceof Response ? r.headers.get("Location") : null);

test("/bureau/targets: empty and bad forms name their fields; the bureau saves a county's target in 万元", async () => {
  const bureau = await makeCaller("bureau");
  const company = await makeCaller("company");
  const cookie = await cookieFor(bureau.user.id);
  const send = (fields: Record<string, string>, who: string | null = cookie) =>
    runPage(targets.action, pagePost("/bureau/targets", who, fields));

  const empty = await send({});
  expect(pageStatus(empty)).toBe(400);
  expect(replyErrors(empty)).toEqual({
    year: ["年份无效 / Invalid year"],
    amount: ["请填写金额 / Enter an amount"],
  });
  expect(replyErrors(await send({ year: "2031", regionCode: "999999", amount: "5", amountUnit: "wan" }))).toEqual({
    regionCode: ["请从列表中选择区县（留空为全市） / Choose a county from the list (empty for the whole city)"],
  });
  expect(replyErrors(await send({ year: "2031", amount: "0", amountUnit: "yuan" }))).toEqual({
    amount: ["目标金额须大于 0 / The target must be above 0"],
  });
  expect(replyErrors(await send({ year: "2031", amount: "1.234", amountUnit: "yuan" })).amount?.[0]).toMatch(
    /^金额最小单位为分/,
  );
  expect(pageStatus(await send({ year: "2031", amount: "5" }, await cookieFor(company.user.id)))).toBe(403);
  expect(location(await send({ year: "2031", amount: "5" }, null))).toContain("/login");
  expect(await prisma.contractTarget.count({ where: { year: 2031 } })).toBe(0);

  const saved = await send({ year: "2031", regionCode: "360702", amount: "1,200.5", amountUnit: "wan" });
  expect(location(saved)).toBe("/bureau/targets?year=2031&done=saved");
  const row = await prisma.contractTarget.findFirstOrThrow({ where: { year: 2031, regionCode: "360702" } });
  expect(row.amountFen).toBe(1_200_500_000n);
  expect(await prisma.auditEvent.count({ where: { entityType: "target", actorId: bureau.user.id } })).toBe(1);
});

test("/bureau/anomalies: a conclusion is required to resolve a flag; only the bureau resolves it, once", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company");
  const c = await contract(bureau, seller, buyer);
  const flag = await prisma.anomalyFlag.create({
    data: { contractId: c.id, kind: "amount_outlier", detail: { amountFen: 100_000_000 } },
  });
  const cookie = await cookieFor(bureau.user.id);
  const send = (fields: Record<string, string>, who: string | null = cookie) =>
    runPage(anomalies.action, pagePost("/bureau/anomalies?status=open", who, fields));

  const empty = await send({ intent: "resolveFlag", flagId: flag.id });
  expect(pageStatus(empty)).toBe(400);
  expect(replyErrors(empty)).toEqual({ resolution: ["请填写处理结论 / A resolution is required"] });
  expect(pageStatus(await send({ intent: "nonsense" }))).toBe(400);
  expect(pageStatus(await send({ intent: "rescan", year: "abc" }))).toBe(400);
  const other = { intent: "resolveFlag", flagId: flag.id, resolution: "已核实" };
  expect(pageStatus(await send(other, await cookieFor(buyer.user.id)))).toBe(403);
  expect(location(await send(other, null))).toContain("/login");
  expect((await prisma.anomalyFlag.findUniqueOrThrow({ where: { id: flag.id } })).resolvedAt).toBeNull();

  const done = await send({ ...other, resolution: "价格经评估属实" });
  expect(location(done)).toBe("/bureau/anomalies?status=open&done=resolved");
  expect(await prisma.anomalyFlag.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({
    resolution: "价格经评估属实",
    resolvedById: bureau.user.id,
  });
  // a second resolution is refused with a message for the form, not a 500
  const again = await send({ ...other, resolution: "重复" });
  expect(pageStatus(again)).toBe(409);
  expect((again as { data: { error: Record<string, string[]> } }).data.error[""]).toEqual(["该异常标记已处理"]);
});
