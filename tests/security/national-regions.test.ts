// Regions outside the curated list were refused: an organization in 北京市海淀区 (110108) or
// 上海市徐汇区 (310104) could not register. Every code of the national GB/T 2260 table is valid now
// (signup, API, CLI share the rule), a code that does not exist is still refused, and the
// statistics keep county detail for Jiangxi and the Bay Area while rolling everything else up to
// its province — with the full code in the drill-down.
import { beforeAll, expect, test } from "vitest";
import { reviewContract } from "../../app/contracts/contracts.server.ts";
import { currentShanghaiYear } from "../../app/domain/time.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as organizationsRoute from "../../app/routes/api.v1.organizations.ts";
import * as contractsRoute from "../../app/routes/api.v1.contracts.ts";
import * as statsRoute from "../../app/routes/api.v1.stats.contracts.ts";
import * as statsVerifyRoute from "../../app/routes/api.v1.stats.verify.ts";
import { action as signupAction } from "../../app/routes/signup.tsx";
import { apiRequest, call, makeCaller, makeOrg, uniqueCreditCode } from "../factories.ts";
import { formRequest, GOOD_PASSWORD, run } from "../api/auth-helpers.ts";
import { contractBody, postContract, submit, type Caller } from "../api/contracts-helpers.ts";

let bureau: Caller;
const year = currentShanghaiYear();

beforeAll(async () => {
  bureau = await makeCaller("bureau");
});

test("an organization in 北京市海淀区 (110108) signs up; one in 上海市徐汇区 (310104) is created over the API; 999999 is refused", async () => {
  const email = `haidian-${Date.now()}@lab.example.cn`;
  const signup = await run(
    signupAction,
    formRequest("/signup", {
      email,
      name: "王研究",
      password: GOOD_PASSWORD,
      role: "researcher",
      orgMode: "new",
      "org.name": `北京海淀智能材料研究所${Date.now()}`,
      "org.kind": "institute",
      "org.creditCode": uniqueCreditCode("110108"),
      "org.regionCode": "110108",
      acceptTerms: "on",
    }),
  );
  expect(signup.status, JSON.stringify(signup)).toBe(302);
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { organization: true } });
  expect(user.organization?.regionCode).toBe("110108");

  const created = await call(
    organizationsRoute.action,
    apiRequest("POST", "/api/v1/organizations", {
      token: bureau.token,
      body: {
        name: `上海徐汇技术转移中心${Date.now()}`,
        kind: "agency",
        creditCode: uniqueCreditCode("310104"),
        regionCode: "310104",
      },
    }),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.regionCode).toBe("310104");

  const refused = await call(
    organizationsRoute.action,
    apiRequest("POST", "/api/v1/organizations", {
      token: bureau.token,
      body: {
        name: `不存在地区公司${Date.now()}`,
        kind: "enterprise",
        creditCode: uniqueCreditCode("360702"),
        regionCode: "999999",
      },
    }),
  );
  expect(refused.status).toBe(400);
  expect(refused.body.error.fields).toHaveProperty("regionCode");
});

test("statistics group 110108 under 110000 and 310104 under 310000, keep Ganzhou and Bay Area detail, and the drill-down lists the full codes", async () => {
  const haidian = await makeOrg({ name: "海淀测试研究院", kind: "institute", regionCode: "110108" });
  const xuhui = await makeOrg({ name: "徐汇测试公司", kind: "enterprise", regionCode: "310104" });
  const dongcheng = await makeOrg({ name: "东城测试公司", kind: "enterprise", regionCode: "110101" });
  const nanshan = await makeOrg({ name: "南山测试公司", kind: "enterprise", regionCode: "440305" });
  const zhanggong = await makeOrg({ name: "章贡测试企业", kind: "enterprise", regionCode: "360702" });
  const register = async (seller: { id: string }, buyer: { id: string }, amountFen: number) => {
    const { body } = await postContract(
      bureau,
      contractBody(seller, buyer, { contractAmountFen: amountFen, nonTechnicalCostsFen: 0 }),
    );
    if (!body.id) throw new Error(JSON.stringify(body));
    await submit(bureau, body.id);
    await reviewContract(body.id, { decision: "register" }, bureau.user as never);
    return body.id as string;
  };
  await register(haidian, zhanggong, 3_000_000);
  await register(dongcheng, zhanggong, 1_000_000);
  await register(xuhui, nanshan, 2_000_000);

  const stats = async (query: string) =>
    call(
      statsRoute.loader,
      apiRequest("GET", `/api/v1/stats/contracts?year=${year}&${query}`, { token: bureau.token }),
    );
  const bySeller = await stats("groupBy=sellerRegion");
  expect(bySeller.status).toBe(200);
  const sellerKeys = bySeller.body.groups.map((g: { key: string }) => g.key);
  expect(sellerKeys).toContain("110000");
  expect(sellerKeys).toContain("310000");
  expect(sellerKeys).not.toContain("110108");
  expect(sellerKeys).not.toContain("110101");
  expect(bySeller.body.groups.find((g: { key: string }) => g.key === "110000")).toMatchObject({
    count: 2,
    contractAmountFen: 4_000_000,
  });

  const byBuyer = await stats("groupBy=buyerRegion");
  const buyerKeys = byBuyer.body.groups.map((g: { key: string }) => g.key);
  expect(buyerKeys).toContain("360702"); // Jiangxi: county detail
  expect(buyerKeys).toContain("440305"); // Bay Area: county detail
  expect(buyerKeys).not.toContain("440000");

  // the drill-down of the rolled-up key: the same figures, and the contracts with their full codes
  const filtered = await stats("groupBy=sellerRegion&sellerRegion=110000");
  expect(filtered.body.totals).toMatchObject({ count: 2, contractAmountFen: 4_000_000 });
  expect(filtered.body.groups.map((g: { key: string }) => g.key)).toEqual(["110000"]);
  const list = await call(
    contractsRoute.loader,
    apiRequest("GET", `/api/v1/contracts?year=${year}&status=registered&sellerRegion=110000`, { token: bureau.token }),
  );
  expect(list.status).toBe(200);
  expect(list.body.items.map((c: { sellerRegion: string }) => c.sellerRegion).sort()).toEqual(["110101", "110108"]);
  const exact = await call(
    contractsRoute.loader,
    apiRequest("GET", `/api/v1/contracts?year=${year}&status=registered&sellerRegion=110108`, { token: bureau.token }),
  );
  expect(exact.body.items.map((c: { sellerRegion: string }) => c.sellerRegion)).toEqual(["110108"]);

  const verify = await call(
    statsVerifyRoute.loader,
    apiRequest("GET", "/api/v1/stats/verify", { token: bureau.token }),
  );
  expect(verify.status).toBe(200);
  expect(verify.body.ok).toBe(true);
});
